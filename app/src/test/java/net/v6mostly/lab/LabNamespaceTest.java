package net.v6mostly.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole lab, as root, with its real clients: every check passes on a working build, and the
 * namespaces are gone afterwards. Skipped without root; under CI a missing client fails instead
 * (the lab's own {@link Toolbox} message names the package).
 */
class LabNamespaceTest {
    @BeforeAll
    static void needsRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "the lab needs root for network namespaces");
    }

    @Test
    void everyDeviceReachesWhatItsKindShouldAndTheLabCleansUp(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LabReport report = new LabReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        boolean passed = new LabRun(new LabPlan("t", 1), false, false).run(dir, report);
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        if (!passed) {
            System.out.println("---- gateway log\n" + LanDevices.read(dir.resolve("gateway.log")));
        }
        assertThat(out).contains("ALL ").contains(" CHECKS PASSED");
        assertThat(passed).isTrue();
        assertThat(report.checks()).extracting(Check::device).contains("v4only", "dual", "v6only", "v6only1", "gateway");
        Shell sh = new Shell(dir);
        assertThat(sh.run(10, "ip", "netns", "list").out()).doesNotContain("v6labt-");
        assertThat(Files.exists(Path.of("/etc/netns/v6labt-v6only"))).isFalse();
    }

    @Test
    void aBrokenNat64FailsExactlyTheChecksThatNeedIt(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LabReport report = new LabReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        boolean passed = new LabRun(new LabPlan("u", 0), false, false, "nat64").run(dir, report);
        System.out.println(bytes.toString(StandardCharsets.UTF_8));
        assertThat(passed).isFalse();
        assertThat(report.checks()).filteredOn(c -> !c.passed()).extracting(c -> c.device() + ": " + c.what())
                .containsExactlyInAnyOrder(
                        "v6only: HTTP by name v4.lab.example (DNS64 + NAT64)",
                        "v6only: HTTP by name printer.lab.example (NAT64 back into the LAN)",
                        "v6only: HTTP by IPv4 literal 198.51.100.10 (CLAT)",
                        "v6only: ping 198.51.100.10",
                        "gateway: mapping log names v6only's address");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("5 OF ").contains(" CHECKS FAILED:");
    }

    /**
     * Issue 15, "one packet must never stop a service": a hostile LAN host sends the oversized client
     * identifier, the bad PREF64, forbidden destinations through the NAT64, and a storm of fuzzed
     * and malformed input while the devices check again; every device keeps working, every component
     * is alive afterwards and each kind of input was counted under a named drop counter.
     */
    @Test
    void aHostileLanHostStopsNoServiceAndEachKindOfInputIsCounted(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LabReport report = new LabReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        boolean passed = new LabRun(new LabPlan("h", 0, true), false, false).run(dir, report);
        System.out.println(bytes.toString(StandardCharsets.UTF_8));
        if (!passed) {
            System.out.println("---- hostile storm log\n" + LanDevices.read(dir.resolve("hostile-storm.log")));
        }
        assertThat(report.checks()).extracting(c -> c.device() + ": " + c.what()).contains(
                "gateway: DHCPv4 counts the 765-octet client identifier (RFC 3396) as a drop",
                "v4only: DHCPv4 still answers (after the oversized client identifier)",
                "v6only: CLAT survives an RA whose PREF64 has a non-zero u octet (RFC 6052 §2.2)",
                "gateway: NAT64 drops every packet toward 127.0.0.1, 224.0.0.1, 255.255.255.255, 0.0.0.1, 240.0.0.1",
                "v6only: HTTP by IPv4 literal 198.51.100.10 (CLAT) (during the attack)",
                "v6only: DNS AAAA v4.lab.example over TCP (during the attack)",
                "v6only: HTTP by name v4.lab.example (DNS64 + NAT64) (after the attack)",
                "v4only: DHCPv4 still answers (after the attack)",
                "gateway: every component is alive (after the attack)",
                "gateway: no input reached an unexpected exception (INTERNAL_ERROR 0)",
                "gateway: counts the DHCPv4 garbage to port 67",
                "gateway: counts the RS garbage (RFC 4861 §6.1.1)",
                "gateway: counts the malformed DNS queries (UDP and TCP)",
                "gateway: refuses DNS queries from outside allow-clients",
                "gateway: bounds the trickling DNS-over-TCP clients",
                "gateway: counts the malformed IPv6 packets into the NAT64",
                "v6only: CLAT still runs with the gateway's PREF64 (after the attack)",
                "v6only: no input reached an unexpected exception (INTERNAL_ERROR 0)",
                "v6only: CLAT counts the fuzzed RAs it cannot use");
        assertThat(report.checks()).filteredOn(c -> !c.passed()).extracting(c -> c.device() + ": " + c.what() + ": "
                + c.detail()).isEmpty();
        assertThat(passed).isTrue();
        assertThat(new Shell(dir).run(10, "ip", "netns", "list").out()).doesNotContain("v6labh-");
    }
}
