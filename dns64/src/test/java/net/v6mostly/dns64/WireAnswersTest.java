package net.v6mostly.dns64;

import static net.v6mostly.dns64.Dns64ResolverTest.a;
import static net.v6mostly.dns64.Dns64ResolverTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The byte-level replay of cached answers must answer exactly as the full path does: same bytes
 * for the same query and age, the query's ID and letter case, TTLs aged (RFC 1035 §7.4), and
 * never for a query the full path would answer differently.
 */
class WireAnswersTest {
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

    /** Full path twice (a miss, then a cache hit that stores the bytes). */
    static void prime(QueryHandler h, byte[] q) {
        h.handle(q, q.length, LOOPBACK, true);
        h.handle(q, q.length, LOOPBACK, true);
    }

    @Test
    void aReplayIsByteForByteTheFullPathsAnswer() throws Exception {
        up.negative("v4.example.", Type.AAAA, org.xbill.DNS.Rcode.NOERROR).answer("v4.example.", Type.A,
                a("v4.example.", 300, "192.0.2.1"));
        QueryHandler h = handler();
        byte[] q = query("v4.example.", Type.AAAA, false, false).toWire();
        assertThat(h.cachedUdpAnswer(q, q.length, LOOPBACK)).as("nothing before the cache answered once").isNull();
        prime(h, q);
        now.addAndGet(7_000_000_000L);
        byte[] replay = h.cachedUdpAnswer(q, q.length, LOOPBACK);
        // the reference: the same handler's full path, same clock
        byte[] full = h.handle(q, q.length, LOOPBACK, true);
        assertThat(HexFormat.of().formatHex(replay)).isEqualTo(HexFormat.of().formatHex(full));
        Message m = new Message(replay);
        assertThat(m.getSection(Section.ANSWER)).hasSize(1);   // the synthesized AAAA
        assertThat(m.getSection(Section.ANSWER).getFirst().getTTL()).isEqualTo(293);
        assertThat(up.asked).hasSize(2);   // A and AAAA once; the replays never asked
    }

    @Test
    void theQuerysIdAndLetterCaseComeBack() throws Exception {
        up.answer("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"));
        QueryHandler h = handler();
        prime(h, query("v4.example.", Type.A, false, false).toWire());
        Message upper = query("V4.EXAMPLE.", Type.A, false, false);
        upper.getHeader().setID(0xBEEF);
        byte[] q = upper.toWire();
        Message m = new Message(h.cachedUdpAnswer(q, q.length, LOOPBACK));
        assertThat(m.getHeader().getID()).isEqualTo(0xBEEF);
        assertThat(m.getQuestion().getName().toString()).isEqualTo("V4.EXAMPLE.");   // RFC 4343 §4.1
        assertThat(counters.get(Dns64Stat.CACHE_HIT)).isEqualTo(2);
        assertThat(counters.get(Dns64Stat.QUERY_A)).isEqualTo(3);
    }

    @Test
    void aCopyExpiresWithItsCacheEntry() throws Exception {
        up.answer("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"));
        QueryHandler h = handler();
        byte[] q = query("v4.example.", Type.A, false, false).toWire();
        prime(h, q);
        now.addAndGet(299_000_000_000L);
        assertThat(new Message(h.cachedUdpAnswer(q, q.length, LOOPBACK)).getSection(Section.ANSWER).getFirst().getTTL())
                .isEqualTo(1);
        now.addAndGet(1_000_000_000L);
        assertThat(h.cachedUdpAnswer(q, q.length, LOOPBACK)).isNull();
    }

    @Test
    void theKeySeparatesDoCdAndTheClientsSynthesis() throws Exception {
        up.negative("v4.example.", Type.AAAA, org.xbill.DNS.Rcode.NOERROR, Dns64ResolverTest.soa(3600, 60))
                .answer("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"));
        Dns64Settings s = Dns64ResolverTest.settings()
                .noSynthesisClients(AddressSet.parse(List.of("127.0.0.2"))).build();
        QueryHandler h = handler(s);
        byte[] plain = query("v4.example.", Type.AAAA, false, false).toWire();
        prime(h, plain);
        byte[] docd = query("v4.example.", Type.AAAA, true, true).toWire();
        assertThat(h.cachedUdpAnswer(docd, docd.length, LOOPBACK)).as("DO+CD must never see synthesis").isNull();
        assertThat(h.cachedUdpAnswer(plain, plain.length, InetAddress.getByName("127.0.0.2")))
                .as("a no-synthesis client").isNull();
        assertThat(h.cachedUdpAnswer(plain, plain.length, LOOPBACK)).isNotNull();
    }

    @Test
    void clientsOutsideTheAllowListNeverGetAReplay() throws Exception {
        up.answer("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"));
        QueryHandler h = handler();
        byte[] q = query("v4.example.", Type.A, false, false).toWire();
        prime(h, q);
        assertThat(h.cachedUdpAnswer(q, q.length, InetAddress.getByName("192.0.2.77"))).isNull();
    }

    @Test
    void onlyPlainQueriesQualify() throws Exception {
        byte[] plain = query("v4.example.", Type.A, false, false).toWire();
        assertThat(WireAnswers.plainQueryEnd(plain, plain.length)).isEqualTo(plain.length);
        byte[] noOpt = Message.newQuery(Record.newRecord(Name.fromString("v4.example."), Type.A, 1)).toWire();
        assertThat(WireAnswers.plainQueryEnd(noOpt, noOpt.length)).isEqualTo(noOpt.length);
        byte[] response = plain.clone();
        response[2] |= (byte) 0x80;
        byte[] notify = plain.clone();
        notify[2] |= (byte) (4 << 3);
        byte[] withOption = hex("12340100000100000000000101610000010001" + "0000290400000000000004000a0000");
        byte[] pointer = hex("123401000001000000000000c00c00010001");
        byte[] trailing = java.util.Arrays.copyOf(noOpt, noOpt.length + 1);
        for (byte[] bad : List.of(response, notify, withOption, pointer, trailing, new byte[5], new byte[0])) {
            assertThat(WireAnswers.plainQueryEnd(bad, bad.length)).as(HexFormat.of().formatHex(bad)).isEqualTo(-1);
        }
        assertThat(WireAnswers.plainQueryEnd(plain, plain.length - 1)).isEqualTo(-1);   // cut short
    }

    @Test
    void responsesThatCannotBeWalkedAreNotStored() {
        WireAnswers w = new WireAnswers(10, now::get);
        byte[] q = hex("123401000001000000000000" + "0161000001" + "0001");
        w.store(q, q.length, true, hex("123481800001000100000000" + "0161000001" + "0001" + "c00c00010001"), 60);
        assertThat(w.size()).as("record cut inside its header").isZero();
        w.store(q, q.length, true, hex("123481800001000000000000" + "0161000001" + "0001"), 60);
        assertThat(w.size()).as("nothing with a TTL to age").isZero();
        w.store(q, q.length, true, hex("123483800001000100000000" + "0161000001" + "0001"
                + "c00c000100010000003c0004c0000201"), 60);
        assertThat(w.size()).as("truncated (TC)").isZero();
    }

    @Test
    void theTableIsBounded() throws Exception {
        WireAnswers w = new WireAnswers(2, now::get);
        for (int i = 0; i < 5; i++) {
            byte[] q = hex("123401000001000000000000" + "01" + Integer.toHexString(0x61 + i) + "00" + "00010001");
            w.store(q, q.length, true, hex("123481800001000100000000" + "01" + Integer.toHexString(0x61 + i) + "00"
                    + "00010001" + "c00c000100010000003c0004c0000201"), 60);
        }
        assertThat(w.size()).isLessThanOrEqualTo(2);
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }
}
