package net.v6mostly.dns64;

import static net.v6mostly.dns64.Dns64ResolverTest.a;
import static net.v6mostly.dns64.Dns64ResolverTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DESIGN.md §6 for the DNS64 loops: an unexpected exception while handling one query is counted
 * (INTERNAL_ERROR), reported with a hex excerpt of the query, answered SERVFAIL where the header
 * was readable, and the listener answers the next query; a socket that keeps failing ends its
 * listener visibly.
 */
class LoopSurvivalTest {
    /** An upstream with a bug: "boom." throws, everything else is a FakeUpstream answer. */
    static Upstream buggy(FakeUpstream good) {
        return q -> {
            if (q.getQuestion().getName().toString().startsWith("boom")) {
                throw new IllegalStateException("bug reached by one query");
            }
            return good.ask(q);
        };
    }

    @Test
    void aQueryThatThrowsIsServfailCountedAndReportedWithItsBytes() throws Exception {
        List<String> reports = new ArrayList<>();
        Dns64Counters counters = new Dns64Counters(reports::add);
        Dns64Settings s = Dns64ResolverTest.settings().build();
        QueryHandler h = new QueryHandler(s, new Dns64Resolver(s, buggy(new FakeUpstream()), counters),
                new DnsCache(10, 1 << 20, System::nanoTime, counters), counters);
        Message q = query("boom.example.", Type.A, false, false);
        byte[] wire = q.toWire();
        byte[] out = h.handle(wire, wire.length, InetAddress.getLoopbackAddress(), true);
        Message r = new Message(out);
        assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
        assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(counters.get(Dns64Stat.INTERNAL_ERROR)).isEqualTo(1);
        assertThat(reports).singleElement().asString().contains("dns64: input dropped after an unexpected"
                + " IllegalStateException (bug reached by one query)")
                .contains(HexFormat.of().formatHex(Arrays.copyOf(wire, 32)));
    }

    @Test
    void theUdpListenerAnswersTheNextQueryAfterOneThatThrew() throws Exception {
        FakeUpstream good = new FakeUpstream();
        good.answer("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"));
        Dns64Counters counters = new Dns64Counters(line -> { });
        try (Dns64Server server = Dns64Server.start(Dns64ServerTest.on(new InetSocketAddress("127.0.0.1", 0)),
                buggy(good), counters);
                DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(5000);
            InetSocketAddress at = server.addresses().getFirst();
            assertThat(ask(client, at, query("boom.example.", Type.A, false, false)).getRcode())
                    .isEqualTo(Rcode.SERVFAIL);
            Message ok = ask(client, at, query("v4.example.", Type.A, false, false));
            assertThat(ok.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(ok.getSection(Section.ANSWER)).hasSize(1);
            assertThat(counters.get(Dns64Stat.INTERNAL_ERROR)).isEqualTo(1);
            assertThat(server.failure()).isNotDone();
        }
    }

    /**
     * The optional per-client rate (as Unbound's ip-ratelimit) on a real UDP socket: of 20 queries
     * sent at once with a limit of 3 a second, at most 3 per second they span are answered and the
     * rest are dropped unanswered, each counted (the burst spans at most two seconds: at least 14).
     */
    @Test
    void theUdpListenerDropsQueriesBeyondTheClientsRate() throws Exception {
        FakeUpstream good = new FakeUpstream();
        good.answer("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"));
        Dns64Counters counters = new Dns64Counters(line -> { });
        Dns64Settings s = Dns64ResolverTest.settings()
                .abuse(new AbuseLimits(8, 64, 3, java.time.Duration.ofSeconds(120), 36)).build();
        try (Dns64Server server = Dns64Server.start(s, good, counters); DatagramSocket client = new DatagramSocket()) {
            InetSocketAddress at = server.addresses().getFirst();
            byte[] w = query("v4.example.", Type.A, false, false).toWire();
            for (int i = 0; i < 20; i++) {
                client.send(new DatagramPacket(w, w.length, at));
            }
            long until = System.nanoTime() + 20_000_000_000L;
            while (counters.get(Dns64Stat.RATE_LIMITED) + counters.get(Dns64Stat.QUERY_A) < 20
                    && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(counters.get(Dns64Stat.QUERY_A)).isBetween(3L, 6L);
            assertThat(counters.get(Dns64Stat.RATE_LIMITED)).isEqualTo(20 - counters.get(Dns64Stat.QUERY_A));
        }
    }

    static Message ask(DatagramSocket client, InetSocketAddress at, Message q) throws IOException {
        byte[] w = q.toWire();
        client.send(new DatagramPacket(w, w.length, at));
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        client.receive(p);
        return new Message(Arrays.copyOf(buf, p.getLength()));
    }

    @Test
    void aSocketThatKeepsFailingEndsItsListenerWithTheErrorAndTellsTheServer() throws Exception {
        Dns64Counters counters = new Dns64Counters(line -> { });
        Dns64Settings s = Dns64ResolverTest.settings().build();
        int[] receives = {0};
        DatagramSocket broken = new DatagramSocket((java.net.SocketAddress) null) {
            @Override
            public synchronized void receive(DatagramPacket p) throws IOException {
                receives[0]++;
                throw new SocketException("Bad file descriptor");
            }
        };
        CompletableFuture<Throwable> fatal = new CompletableFuture<>();
        QueryHandler h = new QueryHandler(s, new Dns64Resolver(s, new FakeUpstream(), counters),
                new DnsCache(10, 1 << 20, System::nanoTime, counters), counters);
        UdpListener listener = new UdpListener(broken, () -> h, new Admission(s, counters, System::nanoTime),
                counters, fatal::complete, new ListenerFailures(5, 0));
        assertThatThrownBy(listener::run).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("failed 5 times in a row").hasMessageContaining("Bad file descriptor");
        assertThat(receives[0]).isEqualTo(5);
        assertThat(fatal).isCompletedWithValueMatching(e -> e.getMessage().contains("giving up"));
        assertThat(counters.get(Dns64Stat.LISTENER_FAILED)).isEqualTo(1);
        broken.close();
    }

    @Test
    void failuresWithInputBetweenThemNeverAddUp() {
        Dns64Counters counters = new Dns64Counters(line -> { });
        ListenerFailures f = new ListenerFailures(3, 0);
        IOException e = new IOException("ENOBUFS");
        for (int i = 0; i < 100; i++) {
            f.failed(e, t -> { }, counters);
            f.failed(e, t -> { }, counters);
            f.success();
        }
        assertThat(counters.get(Dns64Stat.LISTENER_FAILED)).isZero();
    }
}
