package net.v6mostly.dns64;

import static net.v6mostly.dns64.Dns64ResolverTest.a;
import static net.v6mostly.dns64.Dns64ResolverTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The wire gate: malformed input (RFC 1035 §4.1.1), access control (RFC 5358), cache, truncation. */
class QueryHandlerTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    final FakeUpstream up = new FakeUpstream();
    final Dns64Counters counters = new Dns64Counters();
    final AtomicLong now = new AtomicLong();

    QueryHandler handler(Dns64Settings s) {
        return new QueryHandler(s, new Dns64Resolver(s, up, counters), new DnsCache(100, 1 << 20, now::get, counters),
                counters);
    }

    QueryHandler handler() {
        return handler(Dns64ResolverTest.settings().build());
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    byte[] send(QueryHandler h, byte[] wire, InetAddress from) {
        return h.handle(wire, wire.length, from, true);
    }

    @Test
    void shorterThanHeaderIsDropped() {
        assertThat(send(handler(), hex("1234 0100 0001"), LOOPBACK)).isNull();
        assertThat(counters.get(Dns64Stat.MALFORMED_DROPPED)).isEqualTo(1);
    }

    @Test
    void responsesAreDropped() {
        assertThat(send(handler(), hex("1234 8100 0000 0000 0000 0000"), LOOPBACK)).isNull();
    }

    @Test
    void qdcountZeroIsFormerr() {
        byte[] out = send(handler(), hex("1234 0100 0000 0000 0000 0000"), LOOPBACK);
        assertThat(HexFormat.of().formatHex(out)).isEqualTo("123481810000000000000000");
        assertThat(counters.get(Dns64Stat.MALFORMED_FORMERR)).isEqualTo(1);
    }

    @Test
    void qdcountTwoIsFormerr() {
        byte[] one = query("a.example.", Type.A, false, false).toWire();
        one[5] = 2;
        assertThat(Rcode.string(send(handler(), one, LOOPBACK)[3] & 0x0F)).isEqualTo("FORMERR");
    }

    /**
     * Found by QueryHandlerFuzzTest: with TC set dnsjava reads a message leniently and stops at the
     * broken question without throwing, leaving no question; that query is FORMERR, not a fault.
     */
    @Test
    void truncatedQuestionWithTcSetIsFormerrNotAnInternalError() {
        byte[] out = send(handler(), hex("abcd 0300 0001 0000 0000 0000 0765 78616d"), LOOPBACK);
        assertThat(out[3] & 0x0F).isEqualTo(Rcode.FORMERR);
        assertThat(counters.get(Dns64Stat.MALFORMED_FORMERR)).isEqualTo(1);
        assertThat(counters.get(Dns64Stat.INTERNAL_ERROR)).isZero();
    }

    @Test
    void truncatedQuestionIsFormerr() {
        byte[] out = send(handler(), hex("abcd 0100 0001 0000 0000 0000 0765 78616d"), LOOPBACK);
        assertThat(out[3] & 0x0F).isEqualTo(Rcode.FORMERR);
        assertThat(out[0] & 0xFF).isEqualTo(0xab);
    }

    @Test
    void compressionLoopIsFormerr() {
        // the QNAME is a pointer to itself (offset 12)
        byte[] out = send(handler(), hex("abcd 0100 0001 0000 0000 0000 c00c 0001 0001"), LOOPBACK);
        assertThat(out[3] & 0x0F).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void pointerBeyondTheMessageIsFormerr() {
        byte[] out = send(handler(), hex("abcd 0100 0001 0000 0000 0000 c0ff 0001 0001"), LOOPBACK);
        assertThat(out[3] & 0x0F).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void oversizeQueryIsFormerr() {
        byte[] big = new byte[QueryHandler.MAX_QUERY + 1];
        System.arraycopy(query("a.example.", Type.A, false, false).toWire(), 0, big, 0, 12);
        assertThat(send(handler(), big, LOOPBACK)[3] & 0x0F).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void randomGarbageNeverThrows() {
        java.util.Random r = new java.util.Random(6147);
        QueryHandler h = handler();
        for (int i = 0; i < 5000; i++) {
            byte[] b = new byte[r.nextInt(80)];
            r.nextBytes(b);
            h.handle(b, b.length, LOOPBACK, true);
        }
        assertThat(counters.get(Dns64Stat.INTERNAL_ERROR)).isZero();
    }

    @Test
    void clientsOutsideAllowListAreRefused() throws Exception {
        byte[] out = send(handler(), query("a.example.", Type.A, false, false).toWire(),
                InetAddress.getByName("192.0.2.77"));
        assertThat(new Message(out).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(up.asked).isEmpty();
        assertThat(counters.get(Dns64Stat.REFUSED_CLIENT)).isEqualTo(1);
    }

    @Test
    void configuredLanPrefixIsAllowedAndNoSynthesisClientsGetRealData() throws Exception {
        up.negative("v4.example.", Type.AAAA, Rcode.NOERROR).answer("v4.example.", Type.A,
                a("v4.example.", 300, "192.0.2.1"));
        Dns64Settings s = Dns64ResolverTest.settings()
                .allowClients(AddressSet.LOOPBACK.plus(AddressSet.parse(java.util.List.of("2001:db8:1::/64"))))
                .noSynthesisClients(AddressSet.parse(java.util.List.of("2001:db8:1::99"))).build();
        QueryHandler h = handler(s);
        byte[] wire = query("v4.example.", Type.AAAA, false, false).toWire();
        Message lan = new Message(send(h, wire, InetAddress.getByName("2001:db8:1::5")));
        assertThat(lan.getSection(Section.ANSWER)).hasSize(1);
        Message dual = new Message(send(h, wire, InetAddress.getByName("2001:db8:1::99")));
        assertThat(dual.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void cacheHitAgesTtlsAndSkipsUpstream() throws Exception {
        up.answer("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"));
        QueryHandler h = handler();
        Message q = query("v4.example.", Type.A, false, false);
        send(h, q.toWire(), LOOPBACK);
        now.addAndGet(100_000_000_000L);
        q.getHeader().setID(4242);
        Message second = new Message(send(h, q.toWire(), LOOPBACK));
        assertThat(second.getHeader().getID()).isEqualTo(4242);
        assertThat(second.getSection(Section.ANSWER).getFirst().getTTL()).isEqualTo(200);
        assertThat(up.asked).hasSize(1);
        assertThat(counters.get(Dns64Stat.CACHE_HIT)).isEqualTo(1);
        now.addAndGet(200_000_000_000L);
        send(h, q.toWire(), LOOPBACK);
        assertThat(up.asked).hasSize(2);
    }

    @Test
    void cacheKeySeparatesDnssecBits() throws Exception {
        up.negative("v4.example.", Type.AAAA, Rcode.NOERROR, Dns64ResolverTest.soa(3600, 60))
                .answer("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"));
        QueryHandler h = handler();
        Message synthesized = new Message(send(h, query("v4.example.", Type.AAAA, false, false).toWire(), LOOPBACK));
        Message docd = new Message(send(h, query("v4.example.", Type.AAAA, true, true).toWire(), LOOPBACK));
        assertThat(synthesized.getSection(Section.ANSWER)).hasSize(1);
        assertThat(docd.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void bigUdpAnswerIsTruncatedToClientBuffer() throws Exception {
        Record[] many = new Record[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = a("big.example.", 300, "192.0.2." + (i + 1));
        }
        up.negative("big.example.", Type.AAAA, Rcode.NOERROR).answer("big.example.", Type.A, many);
        QueryHandler h = handler();
        byte[] wire = query("big.example.", Type.AAAA, false, false).toWire(); // OPT 1232
        byte[] out = send(h, wire, LOOPBACK);
        assertThat(out.length).isLessThanOrEqualTo(1232);
        Message m = new Message(out);
        assertThat(m.getHeader().getFlag(Flags.TC)).isFalse();
        Message small = query("big.example.", Type.AAAA, false, false);
        small.removeRecord(small.getOPT(), Section.ADDITIONAL);
        small.addRecord(new org.xbill.DNS.OPTRecord(512, 0, 0), Section.ADDITIONAL);
        byte[] truncated = send(h, small.toWire(), LOOPBACK);
        assertThat(truncated.length).isLessThanOrEqualTo(512);
        assertThat(new Message(truncated).getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(counters.get(Dns64Stat.TRUNCATED)).isEqualTo(1);
        byte[] tcp = h.handle(small.toWire(), small.toWire().length, LOOPBACK, false);
        assertThat(new Message(tcp).getSection(Section.ANSWER)).hasSize(40);
    }

    @Test
    void hitsWithinOneSecondShareTheAgedCopyAndTheNextSecondAgesAgain() throws Exception {
        DnsCache cache = new DnsCache(10, 1 << 20, now::get, counters);
        Message m = new Message();
        m.addRecord(a("n.example.", 300, "192.0.2.1"), Section.ANSWER);
        DnsCache.Key key = new DnsCache.Key(org.xbill.DNS.Name.fromConstantString("n.example."), Type.A, 1, false,
                false, true);
        cache.put(key, m, m.numBytes());
        now.set(2_100_000_000L);
        Message first = cache.get(key);
        now.set(2_900_000_000L);
        assertThat(cache.get(key)).as("same second of age: the memoized copy").isSameAs(first);
        assertThat(first.getSection(Section.ANSWER).getFirst().getTTL()).isEqualTo(298);
        now.set(3_000_000_000L);
        Message later = cache.get(key);
        assertThat(later).isNotSameAs(first);
        assertThat(later.getSection(Section.ANSWER).getFirst().getTTL()).isEqualTo(297);
        assertThat(m.getSection(Section.ANSWER).getFirst().getTTL()).as("the stored answer is untouched").isEqualTo(300);
        now.set(300_000_000_000L);
        assertThat(cache.get(key)).as("expired").isNull();
    }

    @Test
    void cacheIsBoundedByEntriesAndBytes() throws Exception {
        DnsCache cache = new DnsCache(2, 1 << 20, now::get, counters);
        for (int i = 0; i < 5; i++) {
            Message m = Message.newQuery(Record.newRecord(org.xbill.DNS.Name.fromConstantString("n" + i + ".example."),
                    Type.A, 1));
            m.addRecord(a("n" + i + ".example.", 300, "192.0.2.1"), Section.ANSWER);
            cache.put(new DnsCache.Key(m.getQuestion().getName(), Type.A, 1, false, false, true), m, m.numBytes());
        }
        assertThat(cache.size()).isEqualTo(2);
        DnsCache small = new DnsCache(100, 200, now::get, counters);
        for (int i = 0; i < 5; i++) {
            Message m = new Message();
            m.addRecord(a("n" + i + ".example.", 300, "192.0.2.1"), Section.ANSWER);
            small.put(new DnsCache.Key(org.xbill.DNS.Name.fromConstantString("n" + i + ".example."), Type.A, 1, false,
                    false, true), m, 90);
        }
        assertThat(small.bytes()).isLessThanOrEqualTo(200);
        assertThat(small.size()).isEqualTo(2);
    }

    @Test
    void negativeAnswersCachedForSoaTtlOnlyAndServfailNever() throws Exception {
        Message nx = new Message();
        nx.getHeader().setRcode(Rcode.NXDOMAIN);
        assertThat(DnsCache.ttl(nx)).isZero(); // no SOA: RFC 2308 §5, not cached
        nx.addRecord(Dns64ResolverTest.soa(3600, 30), Section.AUTHORITY);
        assertThat(DnsCache.ttl(nx)).isEqualTo(30);
        Message sf = new Message();
        sf.getHeader().setRcode(Rcode.SERVFAIL);
        assertThat(DnsCache.ttl(sf)).isZero();
    }
}
