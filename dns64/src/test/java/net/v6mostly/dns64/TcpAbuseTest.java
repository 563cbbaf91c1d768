package net.v6mostly.dns64;

import static net.v6mostly.dns64.Dns64ResolverTest.a;
import static net.v6mostly.dns64.Dns64ResolverTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * DNS over TCP against hostile clients, with real sockets on loopback (127.0.0.1 the attacker,
 * 127.0.0.2 a well-behaved host using dig, 127.0.0.3 a host outside allow-clients). RFC 7766
 * §6.2.2: a server should limit connections per client; §6.2.3: it closes idle connections and may
 * close any to free resources. Every assertion is on what the sockets saw and on a named counter;
 * waits only poll for a state, bounded, and never assert on elapsed time.
 */
class TcpAbuseTest {
    private static final int SHARE = 4;
    private final Dns64Counters counters = new Dns64Counters(line -> { });
    private final List<Socket> opened = new ArrayList<>();
    private Dns64Server server;
    private InetSocketAddress at;

    @BeforeEach
    void start() throws Exception {
        FakeUpstream up = new FakeUpstream();
        up.answer("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"))
                .negative("v4.example.", Type.AAAA, Rcode.NOERROR);
        Dns64Settings s = Dns64ResolverTest.settings()
                .allowClients(AddressSet.parse(List.of("127.0.0.1/32", "127.0.0.2/32")))
                .limits(16, 64).tcpIdleTimeout(Duration.ofSeconds(1))
                .abuse(new AbuseLimits(SHARE, 64, 0, Duration.ofSeconds(60), 36)).build();
        server = Dns64Server.start(s, up, counters);
        at = server.addresses().getFirst();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : opened) {
            s.close();
        }
        server.close();
    }

    private Socket connectFrom(String local) throws IOException {
        Socket s = new Socket();
        opened.add(s);
        s.bind(new InetSocketAddress(local, 0));
        s.connect(at, 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void waitFor(BooleanSupplier state) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!state.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(state.getAsBoolean()).as("state reached within the bound").isTrue();
    }

    /** -1 when the server closed the connection (FIN or reset), else the first byte it sent. */
    private static int firstByte(Socket s) {
        try {
            return s.getInputStream().read();
        } catch (IOException reset) {
            return -1;
        }
    }

    private static byte[] framedQuery() {
        byte[] q = query("v4.example.", Type.AAAA, false, false).toWire();
        byte[] f = new byte[q.length + 2];
        f[0] = (byte) (q.length >>> 8);
        f[1] = (byte) q.length;
        System.arraycopy(q, 0, f, 2, q.length);
        return f;
    }

    @Test
    void oneClientHoldingItsWholeShareLeavesAnswersForAnother() throws Exception {
        assumeTrue(UnboundIntegrationTest.installed("dig"), "dig (bind9-dnsutils) is not installed");
        List<Socket> attacker = new ArrayList<>();
        for (int i = 0; i < SHARE; i++) {
            Socket s = connectFrom("127.0.0.1");
            s.getOutputStream().write(0);   // the first byte of a length: the slot is held, trickling
            attacker.add(s);
        }
        waitFor(() -> counters.get(Dns64Stat.TCP_CONNECTIONS) == SHARE);
        Socket beyond = connectFrom("127.0.0.1");
        assertThat(firstByte(beyond)).as("a connection beyond the share is closed unanswered").isEqualTo(-1);
        assertThat(counters.get(Dns64Stat.TCP_CLIENT_LIMIT)).isEqualTo(1);

        Process dig = new ProcessBuilder("dig", "+tcp", "+time=5", "+tries=1", "+noall", "+answer",
                "-b", "127.0.0.2", "-p", Integer.toString(at.getPort()), "@127.0.0.1", "v4.example.", "AAAA")
                .redirectErrorStream(true).start();
        assertThat(dig.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as("dig +tcp from 127.0.0.2 while 127.0.0.1 holds its share")
                .containsPattern("v4\\.example\\.\\s+\\d+\\s+IN\\s+AAAA\\s+2001:db8:64::c000:201");
        assertThat(counters.get(Dns64Stat.TCP_CONNECTIONS)).isEqualTo(SHARE + 1);
        for (Socket s : attacker) {
            assertThat(s.isClosed()).isFalse();
        }
    }

    @Test
    void aQueryTrickledOneByteAtATimeIsCutAtTheIdleDeadline() throws Exception {
        Socket s = connectFrom("127.0.0.1");
        byte[] query = framedQuery();
        OutputStream out = s.getOutputStream();
        int sent = 0;
        // each byte comes well inside the idle timeout, which a per-read timeout would renew forever;
        // the whole query (over 40 bytes at one per 100 ms) needs four times the 1 s the deadline allows
        try {
            for (; sent < query.length && counters.get(Dns64Stat.TCP_IDLE_CLOSED) == 0; sent++) {
                out.write(query[sent]);
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException reset) {
            // the server closed: what this test expects
        }
        waitFor(() -> counters.get(Dns64Stat.TCP_IDLE_CLOSED) == 1);
        assertThat(sent).as("the query was cut before its last byte").isLessThan(query.length);
        assertThat(firstByte(s)).as("no answer, the connection closed").isEqualTo(-1);
    }

    @Test
    void aClientOutsideAllowClientsIsClosedAtAcceptBeforeAnyRead() throws Exception {
        Socket s = connectFrom("127.0.0.3");
        assertThat(firstByte(s)).isEqualTo(-1);
        waitFor(() -> counters.get(Dns64Stat.TCP_REFUSED_CLIENT) == 1);
        assertThat(counters.get(Dns64Stat.TCP_CONNECTIONS)).isZero();
        assertThat(counters.get(Dns64Stat.REFUSED_CLIENT)).as("no query was read").isZero();
    }

    @Test
    void aBusyConnectionEndsAtItsLifetimeAfterItsLastFullAnswer() throws Exception {
        server.close();
        FakeUpstream up = new FakeUpstream();
        up.answer("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"))
                .negative("v4.example.", Type.AAAA, Rcode.NOERROR);
        server = Dns64Server.start(Dns64ResolverTest.settings().tcpIdleTimeout(Duration.ofSeconds(5))
                .abuse(new AbuseLimits(SHARE, 64, 0, Duration.ofSeconds(1), 36)).build(), up, counters);
        at = server.addresses().getFirst();
        Socket s = connectFrom("127.0.0.1");
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        byte[] query = framedQuery();
        int answers = 0;
        // a well-behaved client asking every 100 ms: never idle, yet it may not keep the slot forever
        try {
            while (answers < 1000) {
                out.write(query);
                out.flush();
                int hi = in.read();
                int lo = in.read();
                if (hi < 0 || lo < 0) {
                    break;
                }
                assertThat(in.readNBytes(hi << 8 | lo)).hasSize(hi << 8 | lo);
                answers++;
                Thread.sleep(100);
            }
        } catch (IOException reset) {
            // closed by the server
        }
        assertThat(answers).as("answers came complete until the end").isPositive().isLessThan(1000);
        waitFor(() -> counters.get(Dns64Stat.TCP_LIFETIME_CLOSED) == 1);
        assertThat(counters.get(Dns64Stat.TCP_IDLE_CLOSED)).isZero();
    }

    @Test
    void aClientThatNeverReadsItsAnswersIsClosedWhenTheAnswerStalls() throws Exception {
        Socket s = new Socket();
        opened.add(s);
        s.setReceiveBufferSize(2048);
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        s.connect(at, 5000);
        byte[] query = framedQuery();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < 200_000 && counters.get(Dns64Stat.TCP_STALLED_CLOSED) == 0; i++) {
                    out.write(query);
                }
            } catch (IOException closed) {
                // the server gave up on us
            }
        });
        waitFor(() -> counters.get(Dns64Stat.TCP_STALLED_CLOSED) == 1);
        s.close();
        writer.join(10_000);
        assertThat(counters.get(Dns64Stat.TCP_IDLE_CLOSED)).isZero();
    }
}
