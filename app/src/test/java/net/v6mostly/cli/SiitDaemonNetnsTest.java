package net.v6mostly.cli;

import static net.v6mostly.cli.NamespaceLab.lastLine;
import static net.v6mostly.cli.Netns.in;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import net.v6mostly.ops.Scrape;

/**
 * {@code v6mostly siit} end to end, as root, in three network namespaces laid out like
 * {@code ../shared/bench/README.md}: an IPv6-only client (2001:db8:1::2), the translator's router
 * whose TUN the daemon creates and configures itself (MTU, up, routes through rtnetlink), and an
 * IPv4-only server (198.18.1.2). The client is mapped by EAM
 * 2001:db8:1::2 <-> 198.18.0.2 and reaches the server at pool6 + 198.18.1.2 =
 * 2001:db8:64::c612:102. Real ping, curl, iperf3, traceroute and python sockets cross the daemon;
 * SIGHUP and SIGTERM go to its process. Skipped, with the reason, when not root or a tool is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiitDaemonNetnsTest extends TranslatorLabCase {
    private static final String TUN = "siit0";
    private static final List<String> TOOLS = List.of("ip", "ping", "python3", "curl", "iperf3", "traceroute", "ss");

    private final String client = "v6mt" + tag + "c";
    private final String xlat = "v6mt" + tag + "x";
    private final String server = "v6mt" + tag + "s";

    SiitDaemonNetnsTest() {
        super("v6mt-siit", TOOLS, "siit.toml");
    }

    @Override
    String client() {
        return client;
    }

    @Test
    @Order(3)
    void iperf3BothDirections() throws Exception {
        for (List<String> direction : List.of(List.<String>of(), List.of("-R"))) {
            NamespaceLab.Iperf3 r = lab.iperf3(client, SERVER6, "sum_received", direction);
            lab.report("iperf3 TCP 2 s " + (direction.isEmpty() ? "IPv6 -> IPv4" : "IPv4 -> IPv6 (-R)"),
                    r.bytes() + " bytes received, " + String.format("%.2f Gbit/s", r.bitsPerSecond() / 1e9));
            assertThat(r.bytes()).isPositive();
        }
    }

    @Test
    @Order(4)
    void ipv4HostReachesIpv6HostThroughEam() throws Exception {
        String out = sh.ok(15, in(server, "ping", "-4", "-c2", "-i0.2", "-W2", "198.18.0.2"));
        lab.report("ping -4 198.18.0.2 (EAM -> 2001:db8:1::2) from the IPv4 server",
                lastLine(out, "packets transmitted"));
        assertThat(out).contains("2 received");
    }

    @Test
    @Order(5)
    void tracerouteShowsTranslatedTimeExceeded() throws Exception {
        String out = sh.ok(60, in(client, "traceroute", "-6", "-n", "-q1", "-w2", "-m6", SERVER6));
        lab.report("traceroute -6", "\n" + out.strip());
        // hop 2: the translator's own Time Exceeded (ipv6-address); hop 3: the IPv4 router's
        // ICMPv4 Time Exceeded from 198.18.1.1, translated to pool6 + 198.18.1.1
        assertThat(out).contains("2001:db8:64::c612:1 ", "2001:db8:64::c612:101", SERVER6);
    }

    @Test
    @Order(6)
    void fragmentedUdpCrosses() throws Exception {
        Path got = dir.resolve("udp.out");
        Process listener = sh.start(got, in(server, "timeout", "20", "python3", "-c",
                "import socket\n"
                        + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                        + "s.bind(('" + SERVER4 + "', 9999))\n"
                        + "s.settimeout(15)\n"
                        + "d, a = s.recvfrom(65535)\n"
                        + "print(len(d), a[0], flush=True)\n"));
        assertThat(Netns.waitFor(10, () -> lab.listening(server, "-uln", ":9999"))).as("UDP listener up").isTrue();
        sh.ok(10, in(client, "python3", "-c",
                "import socket\n"
                        + "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)\n"
                        + "s.sendto(b'x' * 3000, ('" + SERVER6 + "', 9999))\n"));
        assertThat(listener.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(got).strip();
        lab.report("3000-byte UDP datagram (IPv6 fragments -> IPv4 fragments)", "the IPv4 listener got " + out);
        assertThat(out).isEqualTo("3000 198.18.0.2");
    }

    @Test
    @Order(7)
    void pathMtuDiscoveryAcrossA1280Link() throws Exception {
        // the router's side of the client link gets MTU 1280 while the client keeps 1500, so the
        // client's MSS (1440) does not hide the problem: the server's 1480-byte IPv4 segments become
        // 1500-byte IPv6 packets that only fit after Packet Too Big -> Fragmentation Needed (1260)
        sh.ok(5, "ip", "-n", xlat, "link", "set", "xc", "mtu", "1280");
        try {
            assertThat(lab.fetchBlob(client, SERVER6, "curl over the 1280 link", blobSha256)).isEqualTo(blobSha256);
            String route = sh.ok(5, in(server, "ip", "route", "get", "198.18.0.2"));
            lab.report("IPv4 server's route to the client after the transfer", route.strip().replace('\n', ' '));
            assertThat(route).contains("mtu 1260");
        } finally {
            sh.ok(5, "ip", "-n", xlat, "link", "set", "xc", "mtu", "1500");
        }
    }

    @Test
    @Order(8)
    void sighupReloadsTheEamTable() throws Exception {
        sh.ok(5, "ip", "-n", client, "address", "add", "2001:db8:1::3/64", "dev", "c0", "nodad");
        String[] pingFrom3 = in(client, "ping", "-6", "-c1", "-W1", "-I", "2001:db8:1::3", SERVER6);
        assertThat(sh.run(5, pingFrom3).ok()).as("2001:db8:1::3 has no mapping yet").isFalse();

        Files.writeString(config, "[siit]\npool6 = 5\n");
        hangUp();
        assertThat(Netns.waitFor(10, () -> log().contains("reload refused, keeping the running configuration"))).isTrue();
        lab.report("SIGHUP with a broken file", lastLine(log(), "reload refused, keeping the running configuration"));
        assertThat(log()).contains(config + ":2: [siit] pool6: expected a string, found integer 5");
        assertThat(sh.run(10, in(client, "ping", "-6", "-c1", "-W2", "-I", "2001:db8:1::2", SERVER6)).ok())
                .as("still translating with the previous settings").isTrue();

        Files.writeString(config, config("  { ipv6 = \"2001:db8:1::3\", ipv4 = \"198.18.0.3\" },\n"));
        hangUp();
        assertThat(Netns.waitFor(10, () -> log().contains("eam added"))).isTrue();
        lab.report("SIGHUP with a second EAM entry", lastLine(log(), "eam added"));
        assertThat(Netns.waitFor(10, () -> lab.succeeds(pingFrom3))).as("2001:db8:1::3 maps to 198.18.0.3 now")
                .isTrue();
        lab.report("ping -6 -I 2001:db8:1::3 after the reload", "answered");
    }

    @Test
    @Order(9)
    void metricsAndStatsShowTheCounters() throws Exception {
        String metrics = sh.ok(10, in(xlat, "curl", "-sS", "--max-time", "5", "http://127.0.0.1:9464/metrics"));
        Scrape scrape = Scrape.parse(metrics);
        double translated = scrape.value("v6mostly_siit_packets_total", "exit", "TRANSLATED_64", "drop", "false");
        lab.report("/metrics", "v6mostly_siit_packets_total{exit=\"TRANSLATED_64\"} " + (long) translated);
        assertThat(translated).as(metrics).isPositive();
        assertThat(scrape.value("v6mostly_siit_up")).isEqualTo(1);
        assertThat(scrape.errors()).isEmpty();

        String stats = lab.cli(30, xlat, "siit", "stats", "--metrics", "http://127.0.0.1:9464");
        lab.report("v6mostly siit stats", "\n" + stats.strip());
        assertThat(stats).contains(": up, uptime", "TRANSLATED_64", "IPv6 packet translated to IPv4 (RFC 7915 §5)",
                "PACKETS_READ");
    }

    @Test
    @Order(10)
    void sigtermStopsWithStatusZero() throws Exception {
        long start = System.nanoTime();
        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        lab.report("SIGTERM", "exit " + daemon.exitValue() + " after " + millis + " ms; "
                + lastLine(log(), "siit after"));
        assertThat(daemon.exitValue()).isZero();
        assertThat(millis).isLessThan(5000);
        assertThat(log()).contains("SIGTERM: stopping", "siit after", "TRANSLATED_64");
    }

    // ---- setup

    @Override
    void topology() throws Exception {
        lab.namespaces(client, xlat, server);
        lab.tun(xlat, TUN); // the daemon creates siit0 and sets its MTU, state and routes through rtnetlink
        lab.ipv6Host(xlat, "xc", client, "c0", 1);
        lab.ipv4Server(xlat, server, SERVER4, "198.18.0.0/24");
    }

    private static String config(String moreEam) {
        return """
                [siit]
                pool6 = "2001:db8:64::/96"
                ipv4-address = "198.18.0.1"
                ipv6-address = "2001:db8:64::c612:1"
                eam = [
                  { ipv6 = "2001:db8:1::2", ipv4 = "198.18.0.2" },
                """ + moreEam + """
                ]

                [siit.tun]
                name = "siit0"
                mtu = 1500
                up = true
                routes = ["2001:db8:64::/96", "198.18.0.0/24"]
                busy-poll = 50        # every test here also runs the worker's busy-poll path

                [metrics]
                listen = "127.0.0.1:9464"
                """;
    }

    @Override
    String firstConfig() {
        return config("");
    }

    @Override
    void startServers() throws Exception {
        blobSha256 = lab.blobServer(server, SERVER4, 6052);
        assertThat(Netns.waitFor(15, () -> lab.listening(server, "-tln", SERVER4 + ":8080")
                && lab.listening(server, "-tln", ":5201"))).as("HTTP and iperf3 servers listening").isTrue();
    }

    @Override
    void startDaemon() throws Exception {
        daemonLog = dir.resolve("daemon.log");
        daemon = lab.translator(xlat, "siit", config, 0, in(client, "ping", "-6", "-c1", "-W1", SERVER6));
        assertThat(log()).contains("1 worker (busy poll 50 µs)");
    }

    // ---- helpers

    private void hangUp() throws Exception {
        sh.ok(5, "kill", "-HUP", Long.toString(daemon.pid()));
    }
}
