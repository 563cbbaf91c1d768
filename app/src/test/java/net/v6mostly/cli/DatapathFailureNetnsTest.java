package net.v6mostly.cli;

import static net.v6mostly.cli.NamespaceLab.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A translator whose TUN device is gone stops visibly (issue 15, DESIGN.md §6): deleting the
 * device under a running {@code v6mostly siit} or {@code v6mostly nat64} makes every read(2) on its
 * descriptor fail (EBADFD: the queue is detached from any device), the worker ends with that
 * reason, and the daemon logs it and exits 1, so a supervisor restarts it, instead of running on
 * without a data path. Before that, {@code stats --all} read through the metrics endpoint shows the
 * {@code INTERNAL_ERROR} row among the data-path counters.
 */
class DatapathFailureNetnsTest {
    private final String ns = "v6mf" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    private NamespaceLab lab;

    @BeforeEach
    void setUp() throws Exception {
        lab = NamespaceLab.open("network namespace test", "netns", "v6mf", List.of("ip"));
        lab.namespaces(ns);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void siitExitsOneWhenItsTunIsDeleted() throws Exception {
        exitsOneWhenTheTunIsDeleted("siit", "siit0", """
                pool6 = "2001:db8:64::/96"
                ipv4-address = "198.18.0.1"
                ipv6-address = "2001:db8:64::c612:1"
                """, "\"2001:db8:64::/96\", \"198.18.0.0/24\"", "component siit is dead: read(2) on the TUN failed: ");
    }

    @Test
    void nat64ExitsOneWhenItsTunIsDeleted() throws Exception {
        exitsOneWhenTheTunIsDeleted("nat64", "nat64", """
                pool6 = "2001:db8:64::/96"
                pool4 = ["203.0.113.1"]
                ipv4-address = "203.0.113.1"
                ipv6-address = "2001:db8:1::1"
                """, "\"2001:db8:64::/96\", \"203.0.113.0/28\"",
                "component nat64 is dead: read(2) on the TUN failed: ");
    }

    /**
     * Starts {@code v6mostly command} with the table {@code [command]} holding {@code keys}, its TUN
     * {@code tun} up with {@code routes} and the metrics endpoint on 127.0.0.1:9464; deletes the TUN.
     */
    private void exitsOneWhenTheTunIsDeleted(String command, String tun, String keys, String routes, String logged)
            throws Exception {
        Path file = lab.dir.resolve(command + ".toml");
        Files.writeString(file, "[" + command + "]\n" + keys + "\n[" + command + ".tun]\nname = \"" + tun
                + "\"\nup = true\nroutes = [" + routes + "]\n\n[metrics]\nlisten = \"127.0.0.1:9464\"\n");
        Path log = lab.dir.resolve(command + ".log");
        lab.dumpAtEnd(command + " log", log, 0);
        lab.tun(ns, tun);
        Process daemon = lab.daemon(ns, log, command, "-c", file.toString());
        assertThat(Netns.waitFor(30, () -> read(log).contains("translating on " + tun)))
                .as("%s started:\n%s", command, read(log)).isTrue();

        // the counters through the metrics endpoint, as an operator reads them: the INTERNAL_ERROR row is there
        String stats = lab.cli(30, ns, command, "stats", "--all", "--metrics", "http://127.0.0.1:9464");
        assertThat(stats).contains("INTERNAL_ERROR", "READ_ERROR");

        lab.ip(ns, "link delete " + tun);

        assertThat(daemon.waitFor(20, TimeUnit.SECONDS)).as("%s exits:\n%s", command, read(log)).isTrue();
        lab.report(command + " after its TUN was deleted", "exit " + daemon.exitValue() + "; "
                + read(log).lines().filter(l -> l.contains(logged)).findFirst().orElse("(no line)"));
        assertThat(daemon.exitValue()).isEqualTo(Main.RUNTIME_ERROR);
        // EBADFD (77) from tun_chr_read_iter once the queue's device is gone
        assertThat(read(log)).contains(logged).containsPattern("read\\(2\\) on the TUN failed: .*\\(errno 77\\)");
    }
}
