package net.v6mostly.dns64;

import static net.v6mostly.dns64.Dns64ResolverTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The upstream work of one query is bounded ({@link QueryBudget}, {@code max-upstream-queries}):
 * against an upstream whose every answer is one more CNAME (c0 → c1 → c2 …, never ending), an
 * AAAA query costs one message per hop per type per upstream tried, and the query that would need
 * more than the budget ends with SERVFAIL, counted as UPSTREAM_BUDGET_EXCEEDED.
 */
class UpstreamBudgetTest {
    /** The response to {@code q}: its name cN.chain.example. is a CNAME for cN+1.chain.example. */
    static Message endlessChain(Message q) {
        Record question = q.getQuestion();
        Name name = question.getName();
        int n = Integer.parseInt(name.getLabelString(0).substring(1));
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        r.addRecord(question, Section.QUESTION);
        r.addRecord(new CNAMERecord(name, DClass.IN, 300, Name.fromConstantString("c" + (n + 1) + ".chain.example.")),
                Section.ANSWER);
        return r;
    }

    static Message resolve(Dns64Settings s, Upstream up, Dns64Counters counters) {
        return new Dns64Resolver(s, up, counters).resolve(query("c0.chain.example.", Type.AAAA, false, false), true);
    }

    @Test
    void theDefaultBudgetCoversAFullChainForBothTypes() {
        AtomicInteger asked = new AtomicInteger();
        Dns64Counters counters = new Dns64Counters(line -> { });
        Message r = resolve(Dns64ResolverTest.settings().build(), q -> {
            asked.incrementAndGet();
            return endlessChain(q);
        }, counters);
        // AAAA: the first ask and 8 hops (ChainFollower.MAX_HOPS); A: the same; no A at the end
        assertThat(asked).hasValue(2 * (1 + ChainFollower.MAX_HOPS));
        assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(counters.get(Dns64Stat.NO_A_FOR_SYNTHESIS)).isEqualTo(1);
        assertThat(counters.get(Dns64Stat.UPSTREAM_BUDGET_EXCEEDED)).isZero();
    }

    @Test
    void aQueryNeedingMoreThanItsBudgetIsServfailAfterExactlyTheBudget() {
        AtomicInteger asked = new AtomicInteger();
        Dns64Counters counters = new Dns64Counters(line -> { });
        Dns64Settings s = Dns64ResolverTest.settings()
                .abuse(new AbuseLimits(8, 64, 0, Duration.ofSeconds(120), 10)).build();
        Message r = resolve(s, q -> {
            asked.incrementAndGet();
            return endlessChain(q);
        }, counters);
        assertThat(asked).as("9 for the AAAA chain, 1 for the first A, then the budget is spent").hasValue(10);
        assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(r.getSection(Section.ANSWER)).isEmpty();
        assertThat(counters.get(Dns64Stat.UPSTREAM_BUDGET_EXCEEDED)).isEqualTo(1);
    }

    /** Real sockets: a dead first upstream (port unreachable) doubles every ask; the budget counts both. */
    @Test
    void failoverToASecondUpstreamIsPaidFromTheSameBudget() throws Exception {
        int deadPort;
        try (DatagramSocket gone = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            deadPort = gone.getLocalPort();
        }
        AtomicInteger served = new AtomicInteger();
        try (DatagramSocket live = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Thread server = Thread.ofVirtual().start(() -> serve(live, served));
            Dns64Counters counters = new Dns64Counters(line -> { });
            List<InetSocketAddress> ups = List.of(new InetSocketAddress("127.0.0.1", deadPort),
                    (InetSocketAddress) live.getLocalSocketAddress());
            Dns64Settings s = Dns64ResolverTest.settings().upstreams(ups).upstreamTimeout(Duration.ofSeconds(5))
                    .abuse(new AbuseLimits(8, 64, 0, Duration.ofSeconds(120), 20)).build();
            Message r = resolve(s, new UpstreamClient(ups, s.upstreamTimeout(), counters), counters);
            assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(served).as("20 messages: 10 to the dead upstream, 10 answered").hasValue(10);
            assertThat(counters.get(Dns64Stat.UPSTREAM_FAILOVER)).isEqualTo(10);
            assertThat(counters.get(Dns64Stat.UPSTREAM_BUDGET_EXCEEDED)).isEqualTo(1);
            live.close();
            server.join(5000);
        }
    }

    private static void serve(DatagramSocket s, AtomicInteger served) {
        byte[] buf = new byte[4096];
        while (!s.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                byte[] out = endlessChain(new Message(Arrays.copyOf(buf, p.getLength()))).toWire();
                served.incrementAndGet();
                s.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (java.io.IOException e) {
                return;
            }
        }
    }
}
