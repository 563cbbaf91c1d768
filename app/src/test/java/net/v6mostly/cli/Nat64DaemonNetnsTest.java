package net.v6mostly.cli;

import static net.v6mostly.cli.NamespaceLab.lastLine;
import static net.v6mostly.cli.Netns.in;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code v6mostly nat64} end to end, as root, with real Linux hosts in four network namespaces:
 * two IPv6-only hosts A (2001:db8:1::2) and B (2001:db8:2::2), the NAT64 router whose TUN the
 * daemon creates (prefix 2001:db8:64::/96, pool4 203.0.113.1), and an IPv4-only server
 * (198.18.1.2 = 2001:db8:64::c612:102). curl, ping and iperf3 (TCP and UDP) cross it; the IPv4
 * server reaches A only through a static BIB entry (added by SIGHUP); A reaches B through pool4
 * (hairpinning, RFC 6146 §3.8); A flooding new flows hits its port quota while B still gets
 * through. Skipped, with the reason, when not root or a tool is missing (failed under CI=true).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Nat64DaemonNetnsTest extends TranslatorLabCase {
    private static final String POOL4 = "203.0.113.1";
    private static final String TUN = "nat64";
    private static final int PORT_QUOTA = 200;
    private static final List<String> TOOLS = List.of("ip", "ping", "python3", "curl", "iperf3", "ss");

    private final String hostA = "v6m-n64" + tag + "a";
    private final String hostB = "v6m-n64" + tag + "b";
    private final String xlat = "v6m-n64" + tag + "x";
    private final String server = "v6m-n64" + tag + "s";

    Nat64DaemonNetnsTest() {
        super("v6m-n64", TOOLS, "nat64.toml");
    }

    /** Host A: the IPv6 client of the tests {@link TranslatorLabCase} holds. */
    @Override
    String client() {
        return hostA;
    }

    @Test
    @Order(3)
    void iperf3TcpAndUdpBothDirections() throws Exception {
        for (String mode : List.of("tcp", "tcp -R", "udp", "udp -R")) {
            List<String> extra = new ArrayList<>();
            if (mode.startsWith("udp")) {
                extra.addAll(List.of("-u", "-b", "100M"));
            }
            if (mode.endsWith("-R")) {
                extra.add("-R");
            }
            NamespaceLab.Iperf3 r = lab.iperf3(hostA, SERVER6, mode.startsWith("udp") ? "sum" : "sum_received", extra);
            long bytes = r.bytes();
            String lost = "";
            Matcher l = Pattern.compile("\"lost_percent\":\\s*([\\d.e+-]+)").matcher(r.json());
            if (mode.startsWith("udp") && l.find()) {
                lost = String.format(", %.2f%% lost", Double.parseDouble(l.group(1)));
            }
            lab.report("iperf3 " + mode + " 2 s", bytes + " bytes, "
                    + String.format("%.2f Gbit/s", r.bitsPerSecond() / 1e9) + lost);
            assertThat(bytes).isPositive();
        }
    }

    @Test
    @Order(4)
    void ipv4HostNeedsAStaticBibEntry() throws Exception {
        String url = "http://" + POOL4 + ":8081/";
        // the unsolicited SYN is held TCP_INCOMING_SYN (6 s), then answered with Port Unreachable (RFC 6146 §3.5.2.2)
        long start = System.nanoTime();
        Netns.Result refused = sh.run(20, in(server, "curl", "-sS", "--max-time", "12", "-o", "/dev/null", url));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        lab.report("IPv4 server -> " + url + " without a static BIB entry", "curl exit " + refused.status() + " after "
                + millis + " ms: " + refused.out().strip());
        assertThat(refused.status()).as("curl 7: could not connect (the ICMP error ended the SYN_SENT socket)")
                .isEqualTo(7);
        assertThat(millis).as("held for TCP_INCOMING_SYN first").isGreaterThanOrEqualTo(5_000);

        Files.writeString(config, config("  { proto = \"tcp\", ipv6 = \"2001:db8:1::2#8081\", ipv4 = \"" + POOL4
                + "#8081\" },\n", "\"203.0.113.1\", \"203.0.113.2\""));
        sh.ok(5, "kill", "-HUP", Long.toString(daemon.pid()));
        assertThat(Netns.waitFor(10, () -> log().contains("static BIB entry added"))).as(log()).isTrue();
        lab.report("SIGHUP", lastLine(log(), "static BIB entry added"));
        assertThat(log()).as("nothing that needs a restart changed").doesNotContain("need a restart");
        assertThat(lastLine(log(), "SIGHUP: reloaded")).contains("pool4 added 203.0.113.2");
        String page = sh.ok(20, in(server, "curl", "-sS", "--max-time", "10", url));
        lab.report("IPv4 server -> " + url + " with the static BIB entry", page.lines().findFirst().orElse(""));
        assertThat(page).contains("Directory listing");
    }

    @Test
    @Order(5)
    void hairpinningBetweenTwoIpv6HostsThroughPool4() throws Exception {
        // B's server is published at 203.0.113.1#9000; A reaches it at the prefix form of that address
        String url = "http://[2001:db8:64::cb00:7101]:9000/";
        String page = sh.ok(20, in(hostA, "curl", "-g", "-sS", "--max-time", "10", url));
        lab.report("host A -> " + url + " (B through pool4)", page.lines().findFirst().orElse(""));
        assertThat(page).contains("Directory listing");
        String seen = Files.readString(dir.resolve("httpB.log"));
        lab.report("host B's server saw the client as", lastLine(seen, "GET /"));
        assertThat(seen).as("B sees A as pool4 in the prefix (RFC 6146 §3.8)").contains("2001:db8:64::cb00:7101");
    }

    /**
     * Issue 15: with a network-specific prefix the NAT64 used to translate toward 127.0.0.1,
     * multicast and the limited broadcast. Now a UDP socket of host A that sends there gets
     * ICMPv6 1/1 back (EACCES, RFC 7915 §5.4), as it does for the operator's deny4, and the NAT64
     * names each refusal.
     */
    @Test
    @Order(5)
    void forbiddenAndDeniedIpv4DestinationsAreRefused() throws Exception {
        String script = String.join("\n",
                "import socket, errno",
                "out = []",
                "for a in ['2001:db8:64::7f00:1', '2001:db8:64::e000:1', '2001:db8:64::ffff:ffff',"
                        + " '2001:db8:64::c612:201']:",
                "    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
                "    s.settimeout(2)",
                "    s.connect((a, 53))",
                "    s.send(b'x')",
                "    try:",
                "        s.recv(16)",
                "        out.append('reply')",
                "    except socket.timeout:",
                "        out.append('timeout')",
                "    except OSError as e:",
                "        out.append(errno.errorcode.get(e.errno, str(e.errno)))",
                "print(' '.join(out))");
        String out = sh.ok(30, in(hostA, "python3", "-c", script)).strip();
        String stats = stats("stats");
        lab.report("UDP from A to 127.0.0.1, 224.0.0.1, 255.255.255.255 and deny4 198.18.2.1", out + "; "
                + "DESTINATION4_FORBIDDEN_64 " + counter(stats, "DESTINATION4_FORBIDDEN_64") + ", DENY4_64 "
                + counter(stats, "DENY4_64"));
        assertThat(out).as("each answered with administratively prohibited").isEqualTo("EACCES EACCES EACCES EACCES");
        assertThat(counter(stats, "DESTINATION4_FORBIDDEN_64")).as(stats).isEqualTo(3);
        assertThat(counter(stats, "DENY4_64")).as(stats).isEqualTo(1);
    }

    @Test
    @Order(6)
    void fragmentedUdpCrossesBothWays() throws Exception {
        String[] got = udpEcho4096(9999);
        lab.report("4096-byte UDP datagram, IPv6 fragments -> IPv4 and the IPv4 fragments of the answer back",
                "server got " + got[0] + "; client got " + got[1]);
        assertThat(got[0]).isEqualTo("4096 " + POOL4);
        assertThat(got[1]).isEqualTo("4096 True");
    }

    /**
     * RFC 6146 §3.4: fragments that overtake their first fragment are held and follow it. Host A
     * sends a 4096-byte UDP datagram as four IPv6 fragments it builds itself on a raw socket, the
     * second one first; the server answers with three IPv4 fragments, also the second one first. Both kernels
     * reassemble what the NAT64 lets through; the NAT64 must have held a fragment each way.
     */
    @Test
    @Order(6)
    void fragmentsThatOvertakeTheirFirstFragmentAreHeldAndFollowIt() throws Exception {
        Path got = dir.resolve("reordered.out");
        Process echo = sh.start(got, in(server, "timeout", "20", "python3", "-c", RAW_FRAGMENTS + """
                r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                r.bind(('%1$s', 9997))
                r.settimeout(15)
                d, (src, sport) = r.recvfrom(65535)
                u = udp(d[::-1], 9997, sport, ps4('%1$s', src))
                chunks = [u[i:i + 1480] for i in range(0, len(u), 1480)]
                frags = []
                for k, c in enumerate(chunks):
                    more = 0x2000 if k < len(chunks) - 1 else 0
                    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(c), 0x4321, more | k * 1480 // 8, 64, 17, 0,
                                    socket.inet_aton('%1$s'), socket.inet_aton(src))
                    frags.append(h + c)
                raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
                for k in [1, 0] + list(range(2, len(frags))):
                    raw.sendto(frags[k], (src, 0))
                print(len(d), src, flush=True)
                """.formatted(SERVER4)));
        assertThat(Netns.waitFor(10, () -> lab.listening(server, "-uln", ":9997"))).as("UDP echo up").isTrue();
        Netns.Result sent = sh.run(20, in(hostA, "python3", "-c", RAW_FRAGMENTS + """
                src, dst = '2001:db8:1::2', '%s'
                r = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
                r.bind((src, 40000))
                r.settimeout(10)
                d = bytes(range(256)) * 16
                u = udp(d, 40000, 9997, socket.inet_pton(socket.AF_INET6, src) + socket.inet_pton(socket.AF_INET6, dst)
                        + struct.pack('!I3xB', 8 + len(d), 17))
                chunks = [u[i:i + 1232] for i in range(0, len(u), 1232)]
                frags = []
                for k, c in enumerate(chunks):
                    fh = struct.pack('!BBHI', 17, 0, (k * 1232 // 8) << 3 | (1 if k < len(chunks) - 1 else 0), 0x6146)
                    frags.append(struct.pack('!IHBB', 6 << 28, 8 + len(c), 44, 64) + socket.inet_pton(socket.AF_INET6, src)
                                 + socket.inet_pton(socket.AF_INET6, dst) + fh + c)
                raw = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
                for k in [1, 0] + list(range(2, len(frags))):
                    raw.sendto(frags[k], (dst, 0))
                back, a = r.recvfrom(65535)
                print(len(back), back == d[::-1])
                """.formatted(SERVER6)));
        assertThat(echo.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String stats = stats("stats");
        String out = sent.out();
        String serverGot = Files.readString(got).strip();
        lab.report("4096-byte UDP datagram, the second fragment sent first, both ways",
                "server got " + serverGot + "; client got " + out.strip() + "; FRAGMENT_HELD_64 "
                        + counter(stats, "FRAGMENT_HELD_64") + ", FRAGMENT_HELD_46 " + counter(stats, "FRAGMENT_HELD_46"));
        assertThat(serverGot).as(stats).isEqualTo("4096 " + POOL4);
        assertThat(out.strip()).as(stats).isEqualTo("4096 True");
        assertThat(counter(stats, "FRAGMENT_HELD_64")).as("an IPv6 fragment waited for its first").isPositive();
        assertThat(counter(stats, "FRAGMENT_HELD_46")).as("an IPv4 fragment waited for its first").isPositive();
    }

    /** Python helpers of the reordering test: the RFC 1071 checksum and a UDP datagram over a pseudo-header. */
    private static final String RAW_FRAGMENTS = """
            import socket, struct
            def csum(b):
                if len(b) % 2:
                    b += b'\\0'
                s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
                while s >> 16:
                    s = (s & 0xffff) + (s >> 16)
                return ~s & 0xffff
            def ps4(src, dst):
                return socket.inet_aton(src) + socket.inet_aton(dst)
            def udp(data, sport, dport, pseudo):
                n = 8 + len(data)
                if len(pseudo) == 8:
                    pseudo += struct.pack('!BBH', 0, 17, n)
                c = csum(pseudo + struct.pack('!HHHH', sport, dport, n, 0) + data) or 0xffff
                return struct.pack('!HHHH', sport, dport, n, c) + data
            """;

    /** Host A sends 4096 bytes to the server's UDP echo on {@code port}; returns what each side printed. */
    private String[] udpEcho4096(int port) throws Exception {
        Path got = dir.resolve("udp" + port + ".out");
        Process echo = sh.start(got, in(server, "timeout", "20", "python3", "-c",
                "import socket\n"
                        + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                        + "s.bind(('" + SERVER4 + "', " + port + "))\n"
                        + "s.settimeout(15)\n"
                        + "d, a = s.recvfrom(65535)\n"
                        + "s.sendto(d[::-1], a)\n"
                        + "print(len(d), a[0], flush=True)\n"));
        assertThat(Netns.waitFor(10, () -> lab.listening(server, "-uln", ":" + port))).as("UDP echo up").isTrue();
        String out = sh.ok(20, in(hostA, "python3", "-c",
                "import socket\n"
                        + "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)\n"
                        + "s.settimeout(10)\n"
                        + "d = bytes(range(256)) * 16\n"
                        + "s.sendto(d, ('" + SERVER6 + "', " + port + "))\n"
                        + "r, a = s.recvfrom(65535)\n"
                        + "print(len(r), r == d[::-1])\n"));
        assertThat(echo.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String[] {Files.readString(got).strip(), out.strip()};
    }

    @Test
    @Order(7)
    void oneHostHitsItsQuotaWhileAnotherGetsThrough() throws Exception {
        // RFC 6888 REQ-4 per subscriber (its /64): 17 addresses of A's /64 share one quota, so the
        // flood is refused although no single address reaches it (per address it would pass)
        for (int i = 1; i <= 16; i++) {
            lab.ip(hostA, "address add 2001:db8:1::a:" + Integer.toHexString(i) + "/64 dev h0 nodad");
        }
        String flood = "import socket\n"
                + "ok = 0\n"
                + "socks = []\n"
                + "srcs = ['2001:db8:1::2'] + ['2001:db8:1::a:%x' % n for n in range(1, 17)]\n"
                + "for i in range(" + (PORT_QUOTA * 2) + "):\n"
                + "    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)\n"
                + "    s.bind((srcs[i % len(srcs)], 0))\n"
                + "    s.sendto(b'x', ('" + SERVER6 + "', 7))\n"
                + "    socks.append(s)\n"
                + "print(len(socks))\n";
        sh.ok(30, in(hostA, "python3", "-c", flood));
        String stats = stats("stats");
        Matcher m = Pattern.compile("HOST_PORT_LIMIT_64\\s+(\\d+)").matcher(stats);
        assertThat(m.find()).as(stats).isTrue();
        lab.report("host A sent from " + PORT_QUOTA * 2 + " UDP ports of 17 addresses in its /64 (quota "
                + PORT_QUOTA + " per subscriber)",
                "HOST_PORT_LIMIT_64 " + m.group(1));
        assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(PORT_QUOTA / 2);
        String out = sh.ok(15, in(hostB, "ping", "-6", "-c2", "-i0.2", "-W2", SERVER6));
        lab.report("host B pings the IPv4 server meanwhile", lastLine(out, "packets transmitted"));
        assertThat(out).contains("2 received");
        String pageB = sh.ok(20, in(hostB, "curl", "-g", "-sS", "--max-time", "10", "-o", "/dev/null", "-w",
                "%{http_code}", "http://[" + SERVER6 + "]:8080/"));
        assertThat(pageB).isEqualTo("200");
    }

    @Test
    @Order(8)
    void tablesStatsAndMappingLog() throws Exception {
        String bib = stats("bib");
        lab.report("v6mostly nat64 bib", bib.lines().count() + " lines, e.g. " + lastLine(bib, "static"));
        assertThat(bib).contains("tcp  2001:db8:1::2#8081  " + POOL4 + "#8081  static",
                "tcp  2001:db8:2::2#9000  " + POOL4 + "#9000  static", "udp  2001:db8:1::2#");
        String sessions = stats("sessions");
        lab.report("v6mostly nat64 sessions", sessions.lines().count() + " lines, e.g. "
                + lastLine(sessions, "ESTABLISHED"));
        assertThat(sessions).contains("198.18.1.2#8080");
        String stats = stats("stats");
        lab.report("v6mostly nat64 stats", "\n" + stats.lines().limit(12).reduce((a, b) -> a + "\n" + b).orElse(""));
        assertThat(stats).contains(": up, uptime", "TRANSLATED_64", "HAIRPINNED_66", "FRAGMENT_FOLLOWED_64",
                "FRAGMENT_FOLLOWED_46");
        String metrics = sh.ok(10, in(xlat, "curl", "-sS", "--max-time", "5", "http://127.0.0.1:9464/metrics"));
        assertThat(metrics).contains("v6mostly_nat64_up 1", "v6mostly_nat64_bib_entries{proto=\"tcp\"}");
        String logLine = lastLine(log(), "bib-create");
        lab.report("mapping log", logLine);
        lab.report("pool4 after the SIGHUP that added 203.0.113.2", lastLine(log(), "pool4=\"203.0.113.2\""));
        assertThat(logLine).matches("<134>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z n64test v6mostly - bib-create"
                + " \\[nat64@32473 proto=\"\\w+\" src6=\"[0-9a-f:]+\" sport6=\"\\d+\" pool4=\"203\\.0\\.113\\.[12]\" port4=\"\\d+\"]");

        // the abuse-request question, answered from that log: who had this pool4 address and port now?
        Matcher f = Pattern.compile("proto=\"(\\w+)\" src6=\"([0-9a-f:]+)\" sport6=\"(\\d+)\" pool4=\"([0-9.]+)\""
                + " port4=\"(\\d+)\"").matcher(logLine);
        assertThat(f.find()).isTrue();
        String answer = lab.cli(30, xlat, "nat64", "lookup", f.group(4) + ":" + f.group(5), "--proto", f.group(1),
                "--at", java.time.Instant.now().toString(), "--log", daemonLog.toString());
        lab.report("nat64 lookup " + f.group(4) + ":" + f.group(5), answer.strip());
        assertThat(answer).contains("1 mapping(s) of " + f.group(4) + "#" + f.group(5))
                .contains("<-  " + f.group(2) + "#" + f.group(3));
    }

    @Test
    @Order(9)
    void newConnectionsPerSecondEndToEnd() throws Exception {
        // lift host B's port quota by SIGHUP (limits reload without dropping sessions), then open and
        // reset TCP connections to the IPv4 server for 3 s from two client processes
        Files.writeString(config, config("  { proto = \"tcp\", ipv6 = \"2001:db8:1::2#8081\", ipv4 = \"" + POOL4
                + "#8081\" },\n", "\"203.0.113.1\", \"203.0.113.2\"", 1_000_000));
        sh.ok(5, "kill", "-HUP", Long.toString(daemon.pid()));
        assertThat(Netns.waitFor(10, () -> log().contains("timeouts, limits, filtering or logging"))).as(log()).isTrue();
        sh.start(dir.resolve("accept.log"), in(server, "timeout", "60", "python3", "-c",
                "import asyncio\n"
                        + "async def main():\n"
                        + "    s = await asyncio.start_server(lambda r, w: w.close(), '" + SERVER4 + "', 7001,"
                        + " backlog=4096)\n"
                        + "    await s.serve_forever()\n"
                        + "asyncio.run(main())\n"));
        assertThat(Netns.waitFor(10, () -> lab.listening(server, "-tln", ":7001"))).as("accept loop up").isTrue();
        String client = "import socket, struct, sys, time\n"
                + "n = 0\n"
                + "end = time.time() + 3\n"
                + "while time.time() < end:\n"
                + "    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)\n"
                + "    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))\n"
                + "    s.settimeout(2)\n"
                + "    try:\n"
                + "        s.connect(('" + SERVER6 + "', 7001))\n"
                + "        n += 1\n"
                + "    except OSError:\n"
                + "        pass\n"
                + "    s.close()\n"
                + "print(n)\n";
        List<Path> outs = List.of(dir.resolve("rate1.out"), dir.resolve("rate2.out"));
        List<Process> clients = new ArrayList<>();
        for (Path out : outs) {
            clients.add(sh.start(out, in(hostB, "timeout", "20", "python3", "-c", client)));
        }
        long total = 0;
        for (int i = 0; i < clients.size(); i++) {
            assertThat(clients.get(i).waitFor(20, TimeUnit.SECONDS)).isTrue();
            total += Long.parseLong(Files.readString(outs.get(i)).strip());
        }
        lab.report("new TCP connections through the NAT64 (2 python clients, 3 s, RST close)",
                total + " handshakes, " + total / 3 + " per second (the whole setup: python clients and server"
                        + " share the 2 cores with the NAT64)");
        assertThat(total).isPositive();
    }

    @Test
    @Order(10)
    void sigtermStopsWithStatusZero() throws Exception {
        daemon.destroy();
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
        lab.report("SIGTERM", "exit " + daemon.exitValue());
        assertThat(daemon.exitValue()).isZero();
        assertThat(log()).contains("SIGTERM: stopping");
    }

    // ---- setup

    @Override
    void topology() throws Exception {
        lab.namespaces(hostA, hostB, xlat, server);
        lab.tun(xlat, TUN); // made by the daemon
        lab.ipv6Host(xlat, "x1", hostA, "h0", 1);
        lab.ipv6Host(xlat, "x2", hostB, "h0", 2);
        lab.ipv4Server(xlat, server, SERVER4, "203.0.113.0/24");
    }

    private static String config(String moreStatic) {
        return config(moreStatic, "\"203.0.113.1\"");
    }

    private static String config(String moreStatic, String pool4) {
        return config(moreStatic, pool4, PORT_QUOTA);
    }

    private static String config(String moreStatic, String pool4, int quota) {
        return """
                [nat64]
                pool6 = "2001:db8:64::/96"
                pool4 = [%s]
                ipv4-address = "203.0.113.1"
                ipv6-address = "2001:db8:1::1"
                max-ports-per-host = %d
                deny4 = ["198.18.2.0/24"]
                log-hostname = "n64test"
                static-bib = [
                  { proto = "tcp", ipv6 = "2001:db8:2::2#9000", ipv4 = "203.0.113.1#9000" },
                %s]

                [nat64.tun]
                name = "nat64"
                mtu = 1500
                up = true
                routes = ["2001:db8:64::/96", "203.0.113.0/28"]

                [metrics]
                listen = "127.0.0.1:9464"
                """.formatted(pool4, quota, moreStatic);
    }

    @Override
    String firstConfig() {
        return config("");
    }

    @Override
    void startServers() throws Exception {
        blobSha256 = lab.blobServer(server, SERVER4, 6146);
        lab.httpServer(hostA, "httpA.log", "2001:db8:1::2", 8081, dir.resolve("www"));
        lab.httpServer(hostB, "httpB.log", "2001:db8:2::2", 9000, dir.resolve("www"));
        assertThat(Netns.waitFor(15, () -> lab.listening(server, "-tln", SERVER4 + ":8080")
                && lab.listening(server, "-tln", ":5201") && lab.listening(hostA, "-tln", ":8081")
                && lab.listening(hostB, "-tln", ":9000"))).as("servers listening").isTrue();
    }

    @Override
    void startDaemon() throws Exception {
        daemonLog = dir.resolve("daemon.log");
        daemon = lab.translator(xlat, "nat64", config, 40, in(hostA, "ping", "-6", "-c1", "-W1", SERVER6));
    }

    // ---- helpers

    private String stats(String page) throws Exception {
        return lab.cli(30, xlat, "nat64", page, "--metrics", "http://127.0.0.1:9464");
    }

    /** The value of counter {@code name} in a {@code nat64 stats} page, 0 when it is not listed. */
    private static long counter(String stats, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s+(\\d+)").matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
