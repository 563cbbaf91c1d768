package net.v6mostly.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** parse(emit(x)) == x for any message, and parse never throws on any bytes. */
class DhcpMessagePropertyTest {

    @Property(tries = 300)
    void parseOfEmitGivesTheMessageBack(@ForAll("messages") DhcpMessage m) {
        byte[] d = m.emit();
        DhcpMessage.Decoded back = DhcpMessage.parse(d, 0, d.length);
        assertThat(back.fault()).isNull();
        assertThat(back.message()).isEqualTo(m);
    }

    @Property(tries = 500)
    void parseNeverThrows(@ForAll byte[] noise, @ForAll("messages") DhcpMessage m) {
        byte[] d = m.emit();
        for (int i = 0; i < noise.length && i < d.length; i++) {
            d[(i * 37) % d.length] ^= noise[i];
        }
        DhcpMessage.Decoded r = DhcpMessage.parse(d, 0, d.length);
        assertThat(r.ok() ^ r.fault() != null).isTrue();
        DhcpMessage.parse(noise, 0, noise.length);
    }

    @Provide
    Arbitrary<DhcpMessage> messages() {
        Arbitrary<DhcpOptions> options = Arbitraries.integers().between(0, 6).flatMap(n ->
                Combinators.combine(Arbitraries.of(1, 3, 6, 12, 15, 26, 51, 53, 54, 55, 60, 61, 82, 108, 224)
                        .list().ofSize(n).uniqueElements(), Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                        .list().ofSize(n)).as(DhcpMessagePropertyTest::options));
        Arbitrary<byte[]> chaddr = Arbitraries.bytes().array(byte[].class).ofSize(16);
        Arbitrary<byte[]> sname = Arbitraries.bytes().array(byte[].class).ofSize(64);
        Arbitrary<byte[]> file = Arbitraries.bytes().array(byte[].class).ofSize(128);
        Arbitrary<Integer> ints = Arbitraries.integers();
        return Combinators.combine(Arbitraries.of(1, 2), Arbitraries.integers().between(0, 16), ints, ints,
                chaddr, sname, file, options).as((op, hlen, xid, addr, ch, sn, fi, opts) ->
                new DhcpMessage(op, hlen == 6 ? 1 : 6, hlen, hlen, xid, xid >>> 16, xid & 0xFFFF, addr, ~addr,
                        addr ^ xid, xid, ch, sn, fi, opts));
    }

    /** Options with values sized the way their definitions allow. */
    private static DhcpOptions options(List<Integer> codes, List<byte[]> values) {
        DhcpOptions.Builder b = DhcpOptions.builder();
        for (int i = 0; i < codes.size(); i++) {
            int code = codes.get(i);
            byte[] v = values.get(i);
            int len = v.length;
            while (!DhcpOption.lengthOk(code, len)) {
                len = len == 0 ? 300 : len - 1;
            }
            b.put(code, java.util.Arrays.copyOf(v, len));
        }
        return b.build();
    }
}
