package net.v6mostly.dns64;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xbill.DNS.Message;

/**
 * Jazzer target: any bytes as a query from an allowed client, over UDP and over TCP, through the
 * whole {@link QueryHandler} (header checks, parse, cache, {@link Dns64Resolver}, EDNS, truncation)
 * with a well-behaved upstream. Invariants: nothing escapes and nothing is an unexpected error
 * (INTERNAL_ERROR stays 0: every outcome has a name); every input is accounted for — dropped and
 * counted under MALFORMED_DROPPED exactly when shorter than a header or itself a response, else
 * answered with a message that parses, carries the query's ID and QR and fits the transport; every
 * AAAA record the proxy answers lies under the Pref64::/n (the upstream has no real AAAA data).
 */
class QueryHandlerFuzzTest {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    @FuzzTest(maxDuration = "60s")
    void anyQueryIsAnsweredWellFormedOrDroppedCounted(byte[] query) {
        java.util.List<String> reports = new java.util.ArrayList<>();
        Dns64Counters counters = new Dns64Counters(reports::add);
        Dns64Settings s = Dns64ResolverTest.settings().build();
        QueryHandler h = new QueryHandler(s, new Dns64Resolver(s, FuzzSupport::wellBehaved, counters),
                new DnsCache(100, 1 << 20, () -> 0L, counters), counters);
        for (boolean udp : new boolean[] {true, false}) {
            long droppedBefore = counters.get(Dns64Stat.MALFORMED_DROPPED);
            byte[] out = h.handle(query, query.length, CLIENT, udp);
            Message m = FuzzSupport.checkAnswer(query, query.length, out, udp);
            assertThat(counters.get(Dns64Stat.MALFORMED_DROPPED) - droppedBefore).isEqualTo(m == null ? 1 : 0);
            if (m != null) {
                FuzzSupport.aaaaUnder(m, s.prefixes());
            }
        }
        Map<Dns64Stat, Long> after = counters.snapshot();
        assertThat(after.get(Dns64Stat.INTERNAL_ERROR)).as("no unexpected exception: %s", reports).isZero();
    }
}
