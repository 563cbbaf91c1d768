package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof with real clients: {@code v6mostly dhcp4} in a network namespace on a bridge
 * (192.0.2.1/24, pool 192.0.2.100-150, option 108 with V6ONLY_WAIT 1800), and one namespace per
 * client on a veth: dhcpcd asks for option 108 and must stay without IPv4 (RFC 8925 §3.2);
 * busybox udhcpc and ISC dhclient do not ask and must get a lease, udhcpc renewing it (20 s
 * lease). Runs as root only; each missing tool skips with a message; every wait is bounded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Dhcp4NamespaceTest {
    private static final String TAG = Long.toString(ProcessHandle.current().pid() % 100000);
    private static final String SERVER_NS = "v6m-d4s-" + TAG;
    private static final List<String> namespaces = new ArrayList<>();
    private static final List<Process> processes = new ArrayList<>();
    private static Path serverLog;

    @TempDir
    static Path dir;

    static boolean has(String tool) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    static boolean isRoot() {
        try {
            return run("id", "-u").strip().equals("0");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @BeforeAll
    static void network() throws Exception {
        assumeTrue(isRoot(), "needs root to create network namespaces");
        assumeTrue(has("ip"), "iproute2 is not installed (apt-get install iproute2)");
        run("ip", "netns", "add", SERVER_NS);
        namespaces.add(SERVER_NS);
        run("ip", "-n", SERVER_NS, "link", "set", "lo", "up");
        run("ip", "-n", SERVER_NS, "link", "add", "br0", "type", "bridge");
        run("ip", "-n", SERVER_NS, "addr", "add", "192.0.2.1/24", "dev", "br0");
        run("ip", "-n", SERVER_NS, "link", "set", "br0", "up");
        for (int i = 1; i <= 3; i++) {
            String ns = client(i);
            run("ip", "netns", "add", ns);
            namespaces.add(ns);
            run("ip", "link", "add", "c" + i, "netns", ns, "type", "veth", "peer", "name", "p" + i, "netns", SERVER_NS);
            run("ip", "-n", SERVER_NS, "link", "set", "p" + i, "master", "br0", "up");
            run("ip", "-n", ns, "link", "set", "c" + i, "up");
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        Path config = dir.resolve("dhcp4.toml");
        Files.writeString(config, """
                [dhcp4]
                lease-directory = "%s"

                [[dhcp4.subnet]]
                name = "lab"
                prefix = "192.0.2.0/24"
                interface = "br0"
                server-id = "192.0.2.1"
                lease-time = 20
                routers = ["192.0.2.1"]
                dns = ["192.0.2.1"]
                ipv6-only-preferred = true
                v6only-wait = 1800
                pools = [{ range = "192.0.2.100-192.0.2.150" }]
                """.formatted(dir.resolve("leases")));
        serverLog = dir.resolve("server.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        processes.add(new ProcessBuilder("ip", "netns", "exec", SERVER_NS, java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "dhcp4", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start());
        waitFor(serverLog, s -> s.contains("serving"), 30);
    }

    static String client(int i) {
        return "v6m-d4c" + i + "-" + TAG;
    }

    /** Waits up to {@code seconds} for {@code file} to satisfy {@code done}; returns its text. */
    static String waitFor(Path file, Predicate<String> done, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String text = "";
        while (System.nanoTime() < end) {
            text = Files.exists(file) ? Files.readString(file) : "";
            if (done.test(text)) {
                return text;
            }
            Thread.sleep(200);
        }
        return text;
    }

    static Process start(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    @Test
    @Order(1)
    void dhcpcdAsksForOption108AndStaysWithoutIpv4() throws Exception {
        assumeTrue(has("dhcpcd"), "dhcpcd is not installed (apt-get install dhcpcd-base)");
        Path conf = dir.resolve("dhcpcd.conf");
        Files.writeString(conf, "option ipv6_only_preferred\nnoipv4ll\nnohook resolv.conf\n");
        Path log = dir.resolve("dhcpcd.log");
        // generous bounds: on a loaded 2-core CI machine dhcpcd's first DISCOVER can come late
        Process p = start(log, "timeout", "90", "ip", "netns", "exec", client(1), "dhcpcd", "-f", conf.toString(),
                "-c", "/bin/true", "-4", "-B", "-d", "--noarp", "c1");
        String out = waitFor(log, s -> s.contains("IPv6-Only Preferred"), 80);
        Thread.sleep(1000);
        p.destroy();
        System.out.println("---- dhcpcd\n" + out);
        assertThat(out).contains("IPv6-Only Preferred received (1800 seconds)");
        assertThat(run("ip", "-n", client(1), "-4", "addr", "show", "dev", "c1")).doesNotContain("inet ");
        assertThat(Files.readString(serverLog)).contains("OFFER_V6ONLY").contains("option 108 V6ONLY_WAIT 1800");
    }

    @Test
    @Order(2)
    void udhcpcTakesALeaseAndRenewsIt() throws Exception {
        assumeTrue(has("udhcpc"), "busybox udhcpc is not installed (apt-get install udhcpc)");
        Path events = dir.resolve("udhcpc.events");
        Path script = NamespaceLab.executable(dir.resolve("udhcpc.sh"), """
                #!/bin/sh
                echo "$1 $ip $lease" >> %s
                case "$1" in bound|renew) ip addr replace "$ip/24" dev "$interface" ;; esac
                """.formatted(events));
        Path log = dir.resolve("udhcpc.log");
        Process p = start(log, "timeout", "60", "ip", "netns", "exec", client(2), "udhcpc", "-f", "-i", "c2",
                "-s", script.toString(), "-t", "5", "-T", "2");
        String ev = waitFor(events, s -> s.contains("renew 192.0.2."), 45);
        p.destroy();
        System.out.println("---- udhcpc\n" + Files.readString(log) + "---- udhcpc script events\n" + ev);
        assertThat(ev).contains("bound 192.0.2.1").contains("renew 192.0.2.1");
        assertThat(run("ip", "-n", client(2), "-4", "addr", "show", "dev", "c2")).contains("inet 192.0.2.1");
        assertThat(Files.readString(serverLog)).contains("OFFER_SENT").contains("ACK_SELECTING").contains("ACK_RENEWING");
    }

    @Test
    @Order(3)
    void iscDhclientTakesALease() throws Exception {
        assumeTrue(has("dhclient"), "ISC dhclient is not installed (apt-get install isc-dhcp-client)");
        Path events = dir.resolve("dhclient.events");
        Path script = NamespaceLab.executable(dir.resolve("dhclient.sh"), """
                #!/bin/sh
                echo "$reason $new_ip_address" >> %s
                case "$reason" in BOUND|RENEW|REBOOT) ip addr replace "$new_ip_address/24" dev "$interface" ;; esac
                """.formatted(events));
        Path conf = dir.resolve("dhclient.conf");
        Files.writeString(conf, "");
        Path log = dir.resolve("dhclient.log");
        Process p = start(log, "timeout", "40", "ip", "netns", "exec", client(3), "dhclient", "-4", "-d", "-1",
                "-cf", conf.toString(), "-sf", script.toString(), "-lf", dir.resolve("dhclient.leases").toString(),
                "-pf", dir.resolve("dhclient.pid").toString(), "c3");
        String ev = waitFor(events, s -> s.contains("BOUND 192.0.2."), 30);
        p.destroy();
        System.out.println("---- dhclient\n" + Files.readString(log));
        assertThat(ev).contains("BOUND 192.0.2.1");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroy();   // SIGTERM: the server compacts its journal and prints its counters
        }
        for (Process p : processes) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (serverLog != null && Files.exists(serverLog)) {
            System.out.println("---- v6mostly dhcp4\n" + Files.readString(serverLog));
            if (!processes.isEmpty()) {
                assertThat(processes.get(0).exitValue()).as("server exit status after SIGTERM").isZero();
            }
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
