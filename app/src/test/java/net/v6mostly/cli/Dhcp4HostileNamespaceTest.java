package net.v6mostly.cli;

import static net.v6mostly.cli.Dhcp4Link.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Issue 15 against the real {@code v6mostly dhcp4} in a network namespace: a hostile LAN host sends
 * the DHCPREQUEST whose client identifier is three 255-byte option-61 instances (RFC 3396) and
 * garbage; the server counts them, goes on, and busybox udhcpc still gets a lease. A lease store
 * that cannot be written (a full 8 KiB tmpfs) stops the server visibly: exit status 1 and a line
 * that says why. Root only; needs python3 (the hostile host) and udhcpc. About 15 s.
 */
class Dhcp4HostileNamespaceTest extends Dhcp4LinkCase {
    private void network() throws Exception {
        assumeTrue(Dhcp4NamespaceTest.isRoot(), "needs root to create network namespaces");
        List<String> missing = List.of("ip", "python3", "udhcpc", "unshare").stream()
                .filter(t -> !Dhcp4NamespaceTest.has(t)).toList();
        assumeTrue(missing.isEmpty(), "missing " + missing);
        link = Dhcp4Link.open(dir, "d4h", "h4s", "h4c");
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
        link.sh.ok(30, Netns.in(link.clientNs, "python3", "-c", """
                import socket, sys, time
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind(("198.51.100.2", 68))
                for line in open(sys.argv[1]):
                    s.sendto(bytes.fromhex(line.strip()), ("198.51.100.1", 67))
                    time.sleep(0.002)
                """, hex.toString()));
    }

    @Test
    void theOversizedClientIdentifierAndGarbageAreCountedAndUdhcpcStillGetsALease() throws Exception {
        network();
        Path log = dir.resolve("server.log");
        Process server = link.server(link.config(dir.resolve("leases")), log);
        send(List.of(request("020000000066", 10, 3), "00", "01".repeat(300), request("020000000067", 11, 3)));
        assertThat(Netns.waitFor(10, () -> read(log).split("CLIENT_ID_TOO_LONG", -1).length == 3)).as(read(log)).isTrue();
        assertThat(server.isAlive()).isTrue();

        Path script = NamespaceLab.executable(dir.resolve("udhcpc.sh"),
                "#!/bin/sh\necho \"$1 $ip\" >> " + dir.resolve("events") + "\n");
        Netns.Result lease = link.sh.run(40, Netns.in(link.clientNs, "udhcpc", "-f", "-q", "-n", "-i", "h4c", "-s",
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
        Process server = link.server(link.config(leases), log, "unshare", "-m", "--propagation", "private", "sh", "-c",
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

}
