package net.v6mostly.cli;

import static net.v6mostly.cli.Dhcp4NamespaceTest.has;
import static net.v6mostly.cli.Dhcp4NamespaceTest.isRoot;
import static net.v6mostly.cli.Dhcp4NamespaceTest.run;
import static net.v6mostly.cli.Dhcp4NamespaceTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relayed clients with a real relay agent: {@code v6mostly dhcp4} listens only on its upstream
 * interface ({@code [dhcp4] interfaces}, 198.51.100.1), ISC dhcrelay with {@code -a} (it adds
 * option 82 and drops replies that do not echo it, RFC 3046 §2.2) forwards for a client LAN
 * 203.0.113.0/24 whose pool holds one address. busybox udhcpc behind the relay takes that lease
 * (RFC 2131 §4.3.1: the subnet is chosen by giaddr, the reply goes to the relay); a second client
 * gets no offer, which the server counts and logs (pool exhausted); and a reply that a firewall
 * in the server's namespace drops is refused by the kernel, counted and logged while the server
 * goes on serving. Root only; every wait is bounded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Dhcp4RelayNamespaceTest {
    private static final String TAG = Long.toString(ProcessHandle.current().pid() % 100000);
    private static final String SERVER_NS = "v6m-r4s-" + TAG;
    private static final String RELAY_NS = "v6m-r4r-" + TAG;
    private static final List<String> namespaces = new ArrayList<>();
    private static final List<Process> processes = new ArrayList<>();
    private static Process server;
    private static Path serverLog;

    @TempDir
    static Path dir;

    static String client(int i) {
        return "v6m-r4c" + i + "-" + TAG;
    }

    @BeforeAll
    static void network() throws Exception {
        assumeTrue(isRoot(), "needs root to create network namespaces");
        assumeTrue(has("ip"), "iproute2 is not installed (apt-get install iproute2)");
        for (String ns : List.of(SERVER_NS, RELAY_NS, client(1), client(2))) {
            run("ip", "netns", "add", ns);
            namespaces.add(ns);
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        run("ip", "link", "add", "up0", "netns", SERVER_NS, "type", "veth", "peer", "name", "down0", "netns", RELAY_NS);
        run("ip", "-n", SERVER_NS, "addr", "add", "198.51.100.1/24", "dev", "up0");
        run("ip", "-n", SERVER_NS, "link", "set", "up0", "up");
        run("ip", "-n", SERVER_NS, "route", "add", "203.0.113.0/24", "via", "198.51.100.2");
        run("ip", "-n", RELAY_NS, "addr", "add", "198.51.100.2/24", "dev", "down0");
        run("ip", "-n", RELAY_NS, "link", "set", "down0", "up");
        run("ip", "-n", RELAY_NS, "link", "add", "lan0", "type", "bridge");
        run("ip", "-n", RELAY_NS, "addr", "add", "203.0.113.1/24", "dev", "lan0");
        run("ip", "-n", RELAY_NS, "link", "set", "lan0", "up");
        for (int i = 1; i <= 2; i++) {
            run("ip", "link", "add", "c" + i, "netns", client(i), "type", "veth", "peer", "name", "p" + i, "netns", RELAY_NS);
            run("ip", "-n", RELAY_NS, "link", "set", "p" + i, "master", "lan0", "up");
            run("ip", "-n", client(i), "link", "set", "c" + i, "up");
        }
        Path config = dir.resolve("dhcp4.toml");
        Files.writeString(config, """
                [metrics]
                listen = "off"

                [dhcp4]
                lease-directory = "%s"
                interfaces = ["up0"]

                [[dhcp4.subnet]]
                name = "behind-relay"
                prefix = "203.0.113.0/24"
                server-id = "198.51.100.1"
                lease-time = 120
                routers = ["203.0.113.1"]
                pools = [{ range = "203.0.113.100-203.0.113.100" }]

                [[dhcp4.subnet]]
                name = "unrouted"
                prefix = "198.18.5.0/24"
                server-id = "198.51.100.1"
                pools = [{ range = "198.18.5.10-198.18.5.20" }]
                """.formatted(dir.resolve("leases")));
        serverLog = dir.resolve("server.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        server = new ProcessBuilder("ip", "netns", "exec", SERVER_NS, java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "dhcp4", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        processes.add(server);
        waitFor(serverLog, s -> s.contains("serving"), 30);
    }

    /** A relayed BOOTREQUEST DHCPDISCOVER (RFC 2131 §2, §4.1): hops 1, giaddr set, option 53 = 1. */
    static byte[] relayedDiscover(String giaddr) {
        byte[] m = new byte[240 + 4];
        m[0] = 1;                                   // op BOOTREQUEST
        m[1] = 1;                                   // htype Ethernet
        m[2] = 6;                                   // hlen
        m[3] = 1;                                   // hops
        m[4] = 0x12; m[5] = 0x34; m[6] = 0x56; m[7] = 0x78;   // xid
        String[] g = giaddr.split("\\.");
        for (int i = 0; i < 4; i++) {
            m[24 + i] = (byte) Integer.parseInt(g[i]);       // giaddr
        }
        byte[] mac = {0x02, 0, 0, 0, 0x52, 0x01};
        System.arraycopy(mac, 0, m, 28, 6);                  // chaddr
        m[236] = 99; m[237] = (byte) 130; m[238] = 83; m[239] = 99;   // magic cookie
        m[240] = 53; m[241] = 1; m[242] = 1;                 // DHCP message type DISCOVER
        m[243] = (byte) 255;                                 // end
        return m;
    }

    @Test
    @Order(1)
    void aReplyTheKernelRefusesIsCountedAndLoggedAndTheServerGoesOn() throws Exception {
        assumeTrue(has("python3"), "python3 is not installed");
        assumeTrue(has("nft"), "nftables is not installed (apt-get install nftables)");
        // a firewall in the server's namespace drops what goes to 198.18.5.1: the kernel answers
        // sendmmsg(2) with EPERM (the socket is bound to up0, so a missing route would not refuse)
        run("ip", "netns", "exec", SERVER_NS, "nft", "add table ip v6mtest; add chain ip v6mtest out "
                + "{ type filter hook output priority 0; }; add rule ip v6mtest out ip daddr 198.18.5.1 drop");
        String hex = HexFormat.of().formatHex(relayedDiscover("198.18.5.1"));
        run("ip", "netns", "exec", RELAY_NS, "python3", "-c",
                "import socket,sys; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM);"
                        + " s.sendto(bytes.fromhex(sys.argv[1]), ('198.51.100.1', 67))", hex);
        String log = waitFor(serverLog, s -> s.contains("not sent"), 15);
        assertThat(log).contains("OFFER_SENT").contains("warning: reply to 198.18.5.1:67 not sent")
                .contains("Operation not permitted");
        assertThat(server.isAlive()).as("the server survives a refused reply").isTrue();
    }

    @Test
    @Order(2)
    void udhcpcBehindDhcrelayTakesTheLeaseWithOption82Echoed() throws Exception {
        assumeTrue(has("dhcrelay"), "ISC dhcrelay is not installed (apt-get install isc-dhcp-relay)");
        assumeTrue(has("udhcpc"), "busybox udhcpc is not installed (apt-get install udhcpc)");
        Path relayLog = dir.resolve("dhcrelay.log");
        Process relay = new ProcessBuilder("ip", "netns", "exec", RELAY_NS, "dhcrelay", "-4", "-d", "-a",
                "-pf", dir.resolve("dhcrelay.pid").toString(), "-id", "lan0", "-iu", "down0", "198.51.100.1")
                .redirectErrorStream(true).redirectOutput(relayLog.toFile()).start();
        processes.add(relay);
        waitFor(relayLog, s -> s.contains("Sending on"), 10);
        Path capture = dir.resolve("replies.txt");
        Process tshark = null;
        if (has("tshark")) {      // the server's replies as the relay receives them, decoded
            tshark = new ProcessBuilder("timeout", "60", "ip", "netns", "exec", RELAY_NS, "tshark", "-l", "-n", "-i",
                    "down0", "-f", "udp and src host 198.51.100.1", "-V").redirectErrorStream(true)
                    .redirectOutput(capture.toFile()).start();
            processes.add(tshark);
            waitFor(capture, s -> s.contains("Capturing on"), 15);
        }
        Path events = dir.resolve("udhcpc1.events");
        String ev = udhcpc(1, events, 40);
        System.out.println("---- dhcrelay\n" + Files.readString(relayLog) + "---- udhcpc events\n" + ev);
        if (tshark != null) {
            String replies = waitFor(capture, s -> s.contains("DHCP: ACK"), 5);
            tshark.destroy();
            System.out.println("---- replies at the relay\n" + replies);
            // RFC 3046 §2.2: the server copies the relay's option 82 into its replies
            assertThat(replies).contains("DHCP: Offer").contains("DHCP: ACK")
                    .contains("Agent Information Option").contains("Agent Circuit ID: 6c616e30");   // "lan0"
        }
        assertThat(ev).contains("bound 203.0.113.100");
        assertThat(run("ip", "-n", client(1), "-4", "addr", "show", "dev", "c1")).contains("inet 203.0.113.100/24");
        assertThat(Files.readString(serverLog)).contains("up0 from 198.51.100.2: OFFER_SENT")
                .contains("up0 from 198.51.100.2: ACK_SELECTING");
    }

    @Test
    @Order(3)
    void aSecondClientGetsNoOfferAndTheExhaustedPoolIsCountedAndLogged() throws Exception {
        assumeTrue(has("dhcrelay") && has("udhcpc"), "needs dhcrelay and udhcpc");
        Path events = dir.resolve("udhcpc2.events");
        String ev = udhcpc(2, events, 12);
        assertThat(ev).doesNotContain("bound");
        String log = waitFor(serverLog, s -> s.contains("pool exhausted"), 5);
        assertThat(log).contains("POOL_EXHAUSTED")
                .contains("warning: pool exhausted: no free address to offer to a client on up0 (relay 203.0.113.1)");
        assertThat(run("ip", "-n", client(2), "-4", "addr", "show", "dev", "c2")).doesNotContain("inet ");
    }

    /** Runs udhcpc in client {@code i}'s namespace for at most {@code seconds}; returns its script's events. */
    private static String udhcpc(int i, Path events, int seconds) throws Exception {
        Path script = NamespaceLab.executable(dir.resolve("udhcpc" + i + ".sh"), """
                #!/bin/sh
                echo "$1 $ip" >> %s
                case "$1" in bound|renew) ip addr replace "$ip/24" dev "$interface" ;; esac
                """.formatted(events));
        Files.writeString(events, "");
        Process p = new ProcessBuilder("timeout", Integer.toString(seconds), "ip", "netns", "exec", client(i), "udhcpc",
                "-f", "-n", "-q", "-i", "c" + i, "-s", script.toString(), "-t", "4", "-T", "2")
                .redirectErrorStream(true).redirectOutput(dir.resolve("udhcpc" + i + ".log").toFile()).start();
        processes.add(p);
        p.waitFor(seconds + 5L, TimeUnit.SECONDS);
        return Files.readString(events);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (serverLog != null && Files.exists(serverLog)) {
            System.out.println("---- v6mostly dhcp4 (relayed)\n" + Files.readString(serverLog));
            assertThat(server.exitValue()).as("server exit status after SIGTERM").isZero();
        }
        for (String ns : namespaces) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException e) {
                System.err.println("cleanup: " + e.getMessage());
            }
        }
    }
}
