package net.v6mostly.xlat.rfc6877;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;

/**
 * Jazzer target: the AAAA records of an {@code ipv4only.arpa} answer as a hostile or broken DNS64
 * may send them (any 0..8 addresses, any TTL a DNS record can carry, RFC 1035 §3.2.1: 32 bits),
 * seeded with real answers (every RFC 6052 length, both WKAs, several prefixes, mapped addresses),
 * through {@link Rfc7050#prefixes} and the CLAT's {@link Pref64Discovery}. Invariants (RFC 7050 §3,
 * RFC 6052 §2.2): nothing escapes; every prefix found has an RFC 6052 length and is the prefix of
 * one of the records that holds a Well-Known IPv4 Address at exactly one position, and embedding
 * that WKA in it gives the record back bit for bit (so u octet and suffix are zero); a record set
 * with no such record yields no prefix (a clear refusal), and then discovery holds no DNS prefix;
 * otherwise discovery uses one of the prefixes found, from DNS.
 */
class Rfc7050FuzzTest {
    private static final Set<Integer> LENGTHS = Set.of(32, 40, 48, 56, 64, 96);

    /**
     * @param answer the records as they sit in AAAA RDATA: a 4-byte TTL, then up to 8 addresses of
     *               16 bytes (RFC 3596 §2.2); a short tail is ignored
     */
    @FuzzTest(maxDuration = "60s")
    void answersGiveValidPrefixesOrNone(byte[] answer) {
        ByteBuffer b = ByteBuffer.wrap(answer);
        long ttl = b.remaining() >= 4 ? b.getInt() & 0xFFFF_FFFFL : 0;
        List<Ipv6Address> aaaa = new ArrayList<>();
        while (b.remaining() >= 16 && aaaa.size() < 8) {
            aaaa.add(new Ipv6Address(b.getLong(), b.getLong()));
        }
        long now = 1_000_000_000L * (answer.length + 1);

        List<Rfc6052Prefix> found = Rfc7050.prefixes(aaaa);
        for (Rfc6052Prefix p : found) {
            assertThat(LENGTHS).contains(p.prefix().length());
            boolean fromARecord = false;
            for (Ipv6Address a : aaaa) {
                if (Rfc7050.candidates(a).equals(List.of(p))) {
                    int v4 = p.extract(a.hi(), a.lo());
                    assertThat(v4).isIn(Rfc7050.WKA_170, Rfc7050.WKA_171);
                    assertThat(p.embedHi(v4)).isEqualTo(a.hi());
                    assertThat(p.embedLo(v4)).isEqualTo(a.lo());
                    fromARecord = true;
                }
            }
            assertThat(fromARecord).as("%s comes from a record with one WKA position", p).isTrue();
        }
        assertThat(found).doesNotHaveDuplicates();

        Pref64Discovery d = new Pref64Discovery(null, true, now, 0);
        d.onRfc7050Answer(aaaa, ttl, now);
        Optional<Pref64> current = d.current(now);
        if (found.isEmpty()) {
            assertThat(current).as("no usable record: no prefix").isEmpty();
        } else {
            assertThat(current).hasValueSatisfying(c -> assertThat(found).contains(c.prefix()));
        }
    }
}
