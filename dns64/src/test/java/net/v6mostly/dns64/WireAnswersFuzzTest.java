package net.v6mostly.dns64;

import static net.v6mostly.dns64.Dns64ResolverTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * Jazzer target: the cached-answer fast path ({@link WireAnswers} through
 * {@link QueryHandler#cachedUdpAnswer}). Answers for a few questions are stored the way the server
 * stores them (asked twice: a miss, then a hit that is kept as bytes); then any bytes are replayed
 * from a client that gets synthesis or from one that does not. Invariants: nothing escapes and
 * INTERNAL_ERROR stays 0; whenever the fast path answers, its bytes are exactly what the full path
 * answers to the same bytes (the fast path may only skip work, never change an answer: same ID,
 * letter case, flags, OPT and TTLs — the clock stands still), and that answer is well-formed.
 */
class WireAnswersFuzzTest {
    private static final InetAddress SYNTH = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress NO_SYNTH = InetAddress.ofLiteral("127.0.0.2");

    static QueryHandler primed(Dns64Counters counters) {
        Dns64Settings s = Dns64ResolverTest.settings()
                .noSynthesisClients(AddressSet.parse(List.of("127.0.0.2/32"))).build();
        QueryHandler h = new QueryHandler(s, new Dns64Resolver(s, FuzzSupport::wellBehaved, counters),
                new DnsCache(100, 1 << 20, () -> 0L, counters), counters);
        for (String name : List.of("v4.example.", "ipv4only.arpa.", "a.b.example.")) {
            for (int type : new int[] {Type.A, Type.AAAA, Type.TXT}) {
                for (boolean edns : new boolean[] {true, false}) {
                    Message q = edns ? query(name, type, false, false)
                            : Message.newQuery(org.xbill.DNS.Record.newRecord(
                                    org.xbill.DNS.Name.fromConstantString(name), type, org.xbill.DNS.DClass.IN));
                    q.getHeader().setFlag(Flags.RD);
                    byte[] w = q.toWire();
                    for (InetAddress c : new InetAddress[] {SYNTH, NO_SYNTH}) {
                        h.handle(w, w.length, c, true);
                        h.handle(w, w.length, c, true);
                    }
                }
            }
        }
        return h;
    }

    /** The target is not vacuous: a primed question does take the fast path, for both kinds of client. */
    @org.junit.jupiter.api.Test
    void primedQuestionsAreAnsweredFromStoredBytes() {
        Dns64Counters counters = new Dns64Counters(line -> { });
        QueryHandler h = primed(counters);
        byte[] q = query("V4.example.", Type.AAAA, false, false).toWire();
        q[2] |= 0x01;   // RD, as primed
        assertThat(h.cachedUdpAnswer(q, q.length, SYNTH)).isNotNull();
        assertThat(h.cachedUdpAnswer(q, q.length, NO_SYNTH)).isNotNull()
                .isNotEqualTo(h.cachedUdpAnswer(q, q.length, SYNTH));
    }

    /** Primed once: the stored answers only grow with what the inputs add, and the clock stands still. */
    private static final java.util.List<String> REPORTS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final Dns64Counters COUNTERS = new Dns64Counters(REPORTS::add);
    private static final QueryHandler PRIMED = primed(COUNTERS);

    @FuzzTest(maxDuration = "60s")
    void replayedBytesAreExactlyTheFullPathsAnswer(byte[] query) {
        QueryHandler h = PRIMED;
        Dns64Counters counters = COUNTERS;
        java.util.List<String> reports = REPORTS;
        InetAddress client = (query.length & 1) == 0 ? SYNTH : NO_SYNTH;
        byte[] fast = h.cachedUdpAnswer(query, query.length, client);
        if (fast != null) {
            byte[] slow = h.handle(query, query.length, client, true);
            FuzzSupport.checkAnswer(query, query.length, fast, true);
            assertThat(fast).as("the fast path answers as the full path does").isEqualTo(slow);
        }
        assertThat(counters.get(Dns64Stat.INTERNAL_ERROR)).as("no unexpected exception: %s", reports).isZero();
    }
}
