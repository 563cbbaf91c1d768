package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code v6mostly dns64} as a real child JVM (this test's classpath, the running {@code java}) in
 * front of a real Unbound on loopback, queried with dig: SIGHUP re-reads the file (a new prefix is
 * used at once, a broken file is refused and the running settings stay), SIGTERM stops it with
 * status 0 after printing the counters (docs/dns64.md, "signal" table). Skipped when unbound or dig
 * is missing, except under CI=true where .ci/run installs them and a skip would hide a broken install.
 */
class Dns64DaemonTest {
    private static final int UPSTREAM_PORT = 5395;
    private static final int DNS64_PORT = 5396;
    private static final long WAIT_MS = 15_000;

    @TempDir
    Path dir;
    private Process unbound;
    private Process daemon;
    private Path log;

    @BeforeEach
    void startUpstream() throws Exception {
        List<String> missing = List.of("unbound", "dig").stream().filter(t -> !onPath(t)).toList();
        if ("true".equals(System.getenv("CI"))) {
            assertThat(missing).as("tools .ci/run should have installed").isEmpty();
        }
        assumeTrue(missing.isEmpty(), "dns64 daemon test skipped: missing " + missing
                + " (packages unbound, bind9-dnsutils)");
        Path conf = dir.resolve("unbound.conf");
        Files.writeString(conf, LabConfigs.unbound("127.0.0.1", UPSTREAM_PORT, dir, "127.0.0.0/8", """
                  local-zone: "test." static
                  local-data: "test. 3600 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 60"
                  local-data: "aonly.test. 300 IN A 192.0.2.1"
                """));
        unbound = new ProcessBuilder(onPath("unbound") && Files.isExecutable(Path.of("/usr/sbin/unbound"))
                ? "/usr/sbin/unbound" : "unbound", "-d", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("unbound.log").toFile()).start();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!dig(UPSTREAM_PORT, "aonly.test", "A").contains("192.0.2.1")) {
            assertThat(unbound.isAlive()).as("unbound running").isTrue();
            assertThat(System.currentTimeMillis()).as("unbound answering in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : new Process[] {daemon, unbound}) {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void sighupReloadsAndSigtermStopsWithCounters() throws Exception {
        Path config = dir.resolve("dns64.toml");
        Files.writeString(config, config("2001:db8:64::/96"));
        log = dir.resolve("dns64.log");
        daemon = new ProcessBuilder(java(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "net.v6mostly.cli.Main", "dns64", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitLog(l -> l.contains("component=dns64 msg=\"listening on"));
        assertThat(dig(DNS64_PORT, "aonly.test", "AAAA")).isEqualTo("2001:db8:64::c000:201");

        Files.writeString(config, config("64:ff9b::/96"));
        signal("HUP");
        awaitLog(l -> l.contains("component=dns64 msg=\"SIGHUP: reloaded"));
        assertThat(dig(DNS64_PORT, "aonly.test", "AAAA")).as("the new prefix, the cache emptied")
                .isEqualTo("64:ff9b::c000:201");

        Files.writeString(config, "[dns64]\nupstreams = [\"not an address\"]\n");
        signal("HUP");
        awaitLog(l -> l.contains("reload refused, keeping the running configuration"));
        assertThat(daemon.isAlive()).isTrue();
        assertThat(dig(DNS64_PORT, "aonly.test", "AAAA")).isEqualTo("64:ff9b::c000:201");

        signal("TERM");
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s of SIGTERM").isTrue();
        assertThat(daemon.exitValue()).isZero();
        String out = Files.readString(log);
        assertThat(out).contains("msg=\"stopped dns64\"", "msg=\"dns64 with counters:").containsPattern("\\s3\\s+QUERY_AAAA\\s")
                .containsPattern("\\s2\\s+SYNTHESIZED\\s");
    }

    private static String config(String prefix) {
        return """
                [dns64]
                listen = ["127.0.0.1:%d"]
                upstreams = ["127.0.0.1:%d"]
                prefixes = ["%s"]
                upstream-timeout-ms = 2000
                """.formatted(DNS64_PORT, UPSTREAM_PORT, prefix);
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(daemon.pid())).inheritIO().start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name).isTrue();
    }

    private void awaitLog(Predicate<String> line) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (Files.readAllLines(log).stream().anyMatch(line)) {
                return;
            }
            if (!daemon.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("expected line not seen (alive=" + daemon.isAlive() + "); output:\n"
                + Files.readString(log));
    }

    /** dig +short against 127.0.0.1:{@code port}, output trimmed. */
    private static String dig(int port, String name, String type) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(port), "+time=3",
                "+tries=1", "+short", name, type));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dig hung: " + cmd);
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool));
    }
}
