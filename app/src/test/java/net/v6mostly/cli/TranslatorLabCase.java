package net.v6mostly.cli;

import static net.v6mostly.cli.NamespaceLab.read;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up the translator daemon tests (SIIT, NAT64) share: one lab for the class, the
 * subclass's topology, its configuration file, its servers and then its daemon, started in that
 * order before the first test; the daemon's process and log for the tests.
 */
abstract class TranslatorLabCase extends NamespaceLabCase {
    /** The daemon's configuration file; tests rewrite it before a SIGHUP. */
    Path config;
    /** The daemon's output (set by {@link #startDaemon}). */
    Path daemonLog;
    /** The running daemon (set by {@link #startDaemon}). */
    Process daemon;
    /** The SHA-256 of the blob the IPv4 server serves (set by {@link #startServers}). */
    String blobSha256;
    private final String tempPrefix;
    private final List<String> tools;
    private final String configName;

    TranslatorLabCase(String tempPrefix, List<String> tools, String configName) {
        this.tempPrefix = tempPrefix;
        this.tools = tools;
        this.configName = configName;
    }

    @BeforeAll
    void setUp() throws Exception {
        openLab("network namespace test", "netns", tempPrefix, tools);
        topology();
        config = dir.resolve(configName);
        Files.writeString(config, firstConfig());
        startServers();
        startDaemon();
    }

    /** Makes the namespaces and links. */
    abstract void topology() throws Exception;

    /** The configuration the daemon starts with. */
    abstract String firstConfig();

    /** Starts the servers the tests reach through the daemon and waits until they listen. */
    abstract void startServers() throws Exception;

    /** Starts the daemon and waits until it translates. */
    abstract void startDaemon() throws Exception;

    /** The daemon's output so far. */
    String log() {
        return read(daemonLog);
    }
}
