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
}
