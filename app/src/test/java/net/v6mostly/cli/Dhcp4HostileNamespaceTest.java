package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 against the real {@code v6mostly dhcp4} in a network namespace: a hostile LAN host sends
 * the DHCPREQUEST whose client identifier is three 255-byte option-61 instances (RFC 3396) and
 * garbage; the server counts them, goes on, and busybox udhcpc still gets a lease. A lease store
 * that cannot be written (a full 8 KiB tmpfs) stops the server visibly: exit status 1 and a line
 * that says why. Root only; needs python3 (the hostile host) and udhcpc. About 15 s.
 */
class Dhcp4HostileNamespaceTest {
    private static final String TAG = Long.toString(ProcessHandle.current().pid() % 100000);
    private static final String SERVER_NS = "v6m-d4hs-" + TAG;
    private static final String CLIENT_NS = "v6m-d4hc-" + TAG;

    @TempDir
    Path dir;
    private Netns sh;

    @AfterEach
    void cleanUp() throws Exception {
        if (sh != null) {
            sh.stopAll();
            sh.run(10, "ip", "netns", "del", SERVER_NS);
            sh.run(10, "ip", "netns", "del", CLIENT_NS);
        }
    }

    private void network() throws Exception {
        assumeTrue(Dhcp4NamespaceTest.isRoot(), "needs root to create network namespaces");
        List<String> missing = List.of("ip", "python3", "udhcpc", "unshare").stream()
                .filter(t -> !Dhcp4NamespaceTest.has(t)).toList();
        assumeTrue(missing.isEmpty(), "missing " + missing);
        sh = new Netns(dir);
        sh.ok(10, "ip", "netns", "add", SERVER_NS);
        sh.ok(10, "ip", "netns", "add", CLIENT_NS);
        sh.ok(10, "ip", "link", "add", "h4s", "netns", SERVER_NS, "type", "veth", "peer", "name", "h4c", "netns", CLIENT_NS);
        sh.ok(10, "ip", "-n", SERVER_NS, "addr", "add", "198.51.100.1/24", "dev", "h4s");
        sh.ok(10, "ip", "-n", CLIENT_NS, "addr", "add", "198.51.100.2/24", "dev", "h4c");
        for (String ns : List.of(SERVER_NS, CLIENT_NS)) {
            sh.ok(10, "ip", "-n", ns, "link", "set", "lo", "up");
        }
        sh.ok(10, "ip", "-n", SERVER_NS, "link", "set", "h4s", "up");
        sh.ok(10, "ip", "-n", CLIENT_NS, "link", "set", "h4c", "up");
    }

    private Path config(Path leases) throws Exception {
        return Files.writeString(dir.resolve("dhcp4.toml"), """
                [metrics]
                listen = "off"

                [dhcp4]
                lease-directory = "%s"

                [[dhcp4.subnet]]
                prefix = "198.51.100.0/24"
                interface = "h4s"
                server-id = "198.51.100.1"
                pools = [{ range = "198.51.100.10-198.51.100.250" }]
                """.formatted(leases));
    }

    /** A DHCPREQUEST in SELECTING state from {@code mac}, client identifier of {@code idParts} × 255 bytes. */
    private static String request(String mac, int requested, int idParts) {
        StringBuilder hex = new StringBuilder("01010600" + "0bad1d00" + "00000000" + "00000000".repeat(4) + mac
                + "00".repeat(10 + 64 + 128) + "63825363" + "350103" + "3604c6336401"
                + "3204c63364" + String.format("%02x", requested));
        for (int i = 0; i < idParts; i++) {
            hex.append("3dff").append("41".repeat(255));
        }
        return hex.append("ff").toString();
    }

    /** Sends each hex datagram from 198.51.100.2:68 to the server's port 67, in the client namespace. */
    private void send(List<String> datagrams) throws Exception {
        Path hex = Files.write(dir.resolve("datagrams.hex"), datagrams);
        sh.ok(30, Netns.in(CLIENT_NS, "python3", "-c", """
                import socket, sys, time
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind(("198.51.100.2", 68))
                for line in open(sys.argv[1]):
                    s.sendto(bytes.fromhex(line.strip()), ("198.51.100.1", 67))
                    time.sleep(0.002)
                """, hex.toString()));
    }

    private Process server(Path config, Path log, String... prefix) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(prefix));
        cmd.addAll(List.of(Netns.in(SERVER_NS, java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "dhcp4", "-c", config.toString())));
        Process p = sh.start(log, cmd.toArray(String[]::new));
        assertThat(Netns.waitFor(30, () -> read(log).contains("serving"))).as(read(log)).isTrue();
        return p;
    }

    @Test
    void theOversizedClientIdentifierAndGarbageAreCountedAndUdhcpcStillGetsALease() throws Exception {
        network();
        Path log = dir.resolve("server.log");
        Process server = server(config(dir.resolve("leases")), log);
        send(List.of(request("020000000066", 10, 3), "00", "01".repeat(300), request("020000000067", 11, 3)));
        assertThat(Netns.waitFor(10, () -> read(log).split("CLIENT_ID_TOO_LONG", -1).length == 3)).as(read(log)).isTrue();
        assertThat(server.isAlive()).isTrue();

        Path script = dir.resolve("udhcpc.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 $ip\" >> " + dir.resolve("events") + "\n");
        script.toFile().setExecutable(true);
        Netns.Result lease = sh.run(40, Netns.in(CLIENT_NS, "udhcpc", "-f", "-q", "-n", "-i", "h4c", "-s",
                script.toString(), "-t", "5", "-T", "2"));
        assertThat(read(dir.resolve("events"))).as(lease.out()).contains("bound 198.51.100.");

        server.destroy();   // SIGTERM: status 0 and the counters
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).as(read(log)).isZero();
        assertThat(read(log)).containsPattern("CLIENT_ID_TOO_LONG +2 ").containsPattern("MALFORMED_TRUNCATED +1 ")
                .containsPattern("MALFORMED_BAD_HTYPE_HLEN +1 ").containsPattern("ACK_SELECTING +1 ")
                .doesNotContain("INTERNAL_ERROR").doesNotContain("Exception");
    }

    @Test
    void aLeaseStoreThatCannotBeWrittenStopsTheServerWithStatus1() throws Exception {
        network();
        Path leases = Files.createDirectory(dir.resolve("leases"));
        Path log = dir.resolve("server.log");
        // a private mount namespace: the 8 KiB tmpfs exists for the server only, and goes with it
        Process server = server(config(leases), log, "unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o size=8k v6m-full " + leases + " && exec \"$@\"", "sh");
        List<String> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 240; i++) {     // ~240 leases of ~40 journal bytes each: more than 8 KiB
            requests.add(request(String.format("0200000a%04x", i), 10 + i, 0));
        }
        send(requests);
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).as(read(log)).isTrue();
        assertThat(server.exitValue()).as(read(log)).isEqualTo(1);
        assertThat(read(log)).contains("lease journal unwritable, DHCPv4 server stopped");
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
