package net.v6mostly.dns64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.v6mostly.addr.Rfc6052Prefix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our DNS64 on 127.0.0.1:5391 in front of a real Unbound on 127.0.0.1:5390 serving a local test
 * zone, queried with dig: every RFC 6147 case end to end, over UDP and TCP. Loopback only. Skipped
 * with a message when {@code unbound} or {@code dig} is not installed ({@code .ci/run} installs both).
 */
class UnboundIntegrationTest {
    /**
     * The synthesized AAAA of aonly.test: TTL 60 when fresh (RFC 6147 §5.1.7: the SOA negative
     * TTL, below the A TTL); a cached copy served by a later test has aged a few seconds.
     */
    private static final String SYNTHESIZED_AONLY = "aonly\\.test\\. (5[5-9]|60) IN AAAA 2001:db8:64::c000:201";

    static final int UPSTREAM_PORT = 5390;
    static final int DNS64_PORT = 5391;
    static Process unbound;
    static Dns64Server server;
    static final Dns64Counters COUNTERS = new Dns64Counters();

    @TempDir
    static Path dir;

    static boolean installed(String tool) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(p, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(installed("unbound") && installed("dig"),
                "unbound and dig (packages unbound, bind9-dnsutils) are not installed: integration test skipped");
        Path conf = dir.resolve("unbound.conf");
        Files.writeString(conf, unboundConf(dir));
        String exe = Files.isExecutable(Path.of("/usr/sbin/unbound")) ? "/usr/sbin/unbound" : "unbound";
        unbound = new ProcessBuilder(exe, "-d", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("unbound.log").toFile()).start();
        waitForUnbound();
        Dns64Settings s = Dns64Settings.builder()
                .listen(List.of(new InetSocketAddress("127.0.0.1", DNS64_PORT)))
                .upstreams(List.of(new InetSocketAddress("127.0.0.1", UPSTREAM_PORT)))
                .prefixes(List.of(Rfc6052Prefix.parse("2001:db8:64::/96")))
                .upstreamTimeout(Duration.ofSeconds(2)).tcpIdleTimeout(Duration.ofSeconds(2)).build();
        server = Dns64Server.start(s, COUNTERS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (unbound != null) {
            unbound.destroy();
            if (!unbound.waitFor(5, TimeUnit.SECONDS)) {
                unbound.destroyForcibly();
            }
        }
        System.out.print(COUNTERS.report());
    }

    static String unboundConf(Path dir) {
        StringBuilder c = new StringBuilder("""
                server:
                  interface: 127.0.0.1
                  port: %d
                  do-daemonize: no
                  use-syslog: no
                  logfile: ""
                  username: ""
                  chroot: ""
                  directory: "%s"
                  pidfile: ""
                  do-ip6: no
                  access-control: 127.0.0.0/8 allow
                  module-config: "iterator"
                  local-zone: "test." static
                  local-data: "test. 3600 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 60"
                  local-data: "aonly.test. 300 IN A 192.0.2.1"
                  local-data: "v6only.test. 300 IN AAAA 2001:db8::6"
                  local-data: "dual.test. 300 IN A 192.0.2.2"
                  local-data: "dual.test. 300 IN AAAA 2001:db8::2"
                  local-data: "alias.test. 120 IN CNAME aonly.test."
                  local-data: "alias6.test. 120 IN CNAME v6only.test."
                  local-data: "mapped.test. 300 IN AAAA ::ffff:192.0.2.3"
                  local-data: "mapped.test. 300 IN A 192.0.2.3"
                  local-zone: "2.0.192.in-addr.arpa." static
                  local-data: "2.0.192.in-addr.arpa. 3600 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 60"
                  local-data: "1.2.0.192.in-addr.arpa. 300 IN PTR aonly.test."
                """.formatted(UPSTREAM_PORT, dir));
        for (int i = 1; i <= 40; i++) {
            c.append("  local-data: \"big.test. 300 IN A 198.51.100.").append(i).append("\"\n");
        }
        // SERVFAIL, deterministically: the only server for dead. is on loopback, which Unbound
        // refuses to query (do-not-query-localhost), so it has nobody to ask and fails at once.
        c.append("forward-zone:\n  name: \"dead.\"\n  forward-addr: 127.0.0.1@9\n");
        return c.toString();
    }

    static void waitForUnbound() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!unbound.isAlive()) {
                throw new IllegalStateException("unbound exited: " + Files.readString(dir.resolve("unbound.log")));
            }
            if (dig(UPSTREAM_PORT, "aonly.test", "A", "+short").contains("192.0.2.1")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("unbound did not answer on port " + UPSTREAM_PORT);
    }

    static String dig(int port, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(port), "+time=3",
                "+tries=1"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("dig hung: " + cmd);
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** dig against our DNS64; the answer lines, whitespace collapsed. */
    /**
     * Answer records equal to {@code expected}, except that a TTL may be up to 5 s lower: a record
     * served from the cache has aged since an earlier test put it there (RFC 1035 §4.1.3).
     */
    static void assertAnswer(List<String> actual, String... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            String[] a = actual.get(i).split(" ", 3);
            String[] e = expected[i].split(" ", 3);
            assertThat(a[0] + " " + a[2]).as("record %d", i).isEqualTo(e[0] + " " + e[2]);
            assertThat(Integer.parseInt(a[1])).as("TTL of %s", actual.get(i))
                    .isBetween(Integer.parseInt(e[1]) - 5, Integer.parseInt(e[1]));
        }
    }

    static List<String> answer(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("+noall", "+answer"));
        return dig(DNS64_PORT, all.toArray(String[]::new)).lines().filter(l -> !l.isBlank() && !l.startsWith(";"))
                .map(l -> l.replaceAll("\\s+", " ").strip()).toList();
    }

    static String full(String... args) throws Exception {
        String out = dig(DNS64_PORT, args);
        System.out.println("$ dig @127.0.0.1 -p " + DNS64_PORT + " " + String.join(" ", args) + "\n" + out);
        return out;
    }

    @Test
    void aOnlyNameIsSynthesizedWithTheSoaNegativeTtl() throws Exception {
        assertThat(answer("aonly.test", "AAAA")).singleElement().asString().matches(SYNTHESIZED_AONLY);
        String out = full("aonly.test", "AAAA");
        assertThat(out).contains("status: NOERROR").containsPattern("flags: qr rd ra;");
    }

    @Test
    void realAaaaIsNotSynthesized() throws Exception {
        assertAnswer(answer("v6only.test", "AAAA"), "v6only.test. 300 IN AAAA 2001:db8::6");
        assertAnswer(answer("dual.test", "AAAA"), "dual.test. 300 IN AAAA 2001:db8::2");
    }

    @Test
    void mappedOnlyIsSynthesizedWithTtlCappedBy600() throws Exception {
        assertAnswer(answer("mapped.test", "AAAA"), "mapped.test. 300 IN AAAA 2001:db8:64::c000:203");
    }

    @Test
    void cnameChainIsKept() throws Exception {
        List<String> alias = answer("alias.test", "AAAA");
        assertThat(alias).hasSize(2);
        assertThat(alias.get(0)).matches("alias\\.test\\. 1(1[5-9]|20) IN CNAME aonly\\.test\\.");
        assertThat(alias.get(1)).matches(SYNTHESIZED_AONLY);
    }

    @Test
    void chainToRealAaaaIsFollowedAndNotSynthesized() throws Exception {
        assertAnswer(answer("alias6.test", "AAAA"), "alias6.test. 120 IN CNAME v6only.test.",
                "v6only.test. 300 IN AAAA 2001:db8::6");
    }

    @Test
    void nxdomainPassesThrough() throws Exception {
        String out = full("nosuch.test", "AAAA");
        assertThat(out).contains("status: NXDOMAIN").contains("test.\t\t\t60\tIN\tSOA");
    }

    @Test
    void servfailOnBothQueriesIsReturned() throws Exception {
        assertThat(full("x.dead", "AAAA")).contains("status: SERVFAIL");
    }

    @Test
    void aQueriesAreRelayed() throws Exception {
        assertAnswer(answer("aonly.test", "A"), "aonly.test. 300 IN A 192.0.2.1");
    }

    @Test
    void reverseUnderThePrefixIsACnameToInAddrArpa() throws Exception {
        assertAnswer(answer("-x", "2001:db8:64::c000:201"), 
                "1.0.2.0.0.0.0.c.0.0.0.0.0.0.0.0.0.0.0.0.4.6.0.0.8.b.d.0.1.0.0.2.ip6.arpa. 300 IN CNAME"
                        + " 1.2.0.192.in-addr.arpa.", "1.2.0.192.in-addr.arpa. 300 IN PTR aonly.test.");
    }

    @Test
    void ipv4onlyArpaIsLocal() throws Exception {
        assertAnswer(answer("ipv4only.arpa", "AAAA"), "ipv4only.arpa. 600 IN AAAA 2001:db8:64::c000:aa",
                "ipv4only.arpa. 600 IN AAAA 2001:db8:64::c000:ab");
        assertAnswer(answer("ipv4only.arpa", "A"), "ipv4only.arpa. 3600 IN A 192.0.0.170",
                "ipv4only.arpa. 3600 IN A 192.0.0.171");
        assertAnswer(answer("-x", "192.0.0.171"), "171.0.0.192.in-addr.arpa. 3600 IN PTR ipv4only.arpa.");
    }

    @Test
    void tcpWorks() throws Exception {
        assertThat(answer("+tcp", "aonly.test", "AAAA")).singleElement().asString().matches(SYNTHESIZED_AONLY);
        assertThat(answer("+tcp", "big.test", "AAAA")).hasSize(40);
    }

    @Test
    void bigAnswerIsTruncatedForA512ByteBuffer() throws Exception {
        String out = full("+bufsize=512", "+notcp", "+ignore", "big.test", "AAAA");
        assertThat(out).containsPattern("flags: qr tc rd ra;").contains("udp: 1232");
        // dnsjava drops whole sections that do not fit; the client retries over TCP (RFC 7766 §5)
        assertThat(out).containsPattern("MSG SIZE\\s+rcvd: (\\d{1,3}|50\\d|51[0-2])\\b");
    }

    @Test
    void dnssecOkWithCheckingDisabledGetsNoSynthesis() throws Exception {
        String out = full("+dnssec", "+cd", "aonly.test", "AAAA");
        assertThat(out).contains("status: NOERROR").contains("ANSWER: 0").doesNotContain("2001:db8:64::");
    }

    @Test
    void malformedQueriesGetFormerrOrSilence() throws Exception {
        HexFormat hex = HexFormat.of();
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress("127.0.0.1", DNS64_PORT));
            s.setSoTimeout(2000);
            for (String q : List.of("beef01000000000000000000", "beef0100000100000000000007657861",
                    "beef01000001000000000000c00c00010001")) {
                byte[] b = hex.parseHex(q);
                s.send(new DatagramPacket(b, b.length));
                byte[] buf = new byte[512];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                assertThat(hex.formatHex(buf, 0, p.getLength())).as(q).isEqualTo("beef81810000000000000000");
            }
            byte[] tiny = hex.parseHex("beef0100");
            s.send(new DatagramPacket(tiny, tiny.length));
            s.setSoTimeout(300);
            DatagramPacket p = new DatagramPacket(new byte[512], 512);
            boolean silent = false;
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                silent = true;
            }
            assertThat(silent).as("a 4-byte datagram gets no answer").isTrue();
        }
        assertThat(answer("aonly.test", "A")).as("still serving").hasSize(1);
    }
}
