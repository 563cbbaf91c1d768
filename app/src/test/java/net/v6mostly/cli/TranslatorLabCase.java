package net.v6mostly.cli;

import static net.v6mostly.cli.NamespaceLab.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the translator daemon tests (SIIT, NAT64) share: one lab for the class, the subclass's
 * topology, its configuration file, its servers and then its daemon, started in that order before
 * the first test; the daemon's process and log; and the first two tests, the same for both: an
 * IPv6 client pings the IPv4-only server {@link #SERVER4} at {@link #SERVER6} (pool6 + the IPv4
 * address, RFC 6052 §2.2) through the daemon, and fetches 2 MiB from it over TCP intact.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TranslatorLabCase extends NamespaceLabCase {
    /** The IPv4-only server. */
    static final String SERVER4 = "198.18.1.2";
    /** {@link #SERVER4} as the IPv6 client reaches it: under the prefix 2001:db8:64::/96. */
    static final String SERVER6 = "2001:db8:64::c612:102";

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

    @Test
    @Order(1)
    void pingCrossesTheTranslator() throws Exception {
        String out = lab.ping(15, client(), "ping -6 " + SERVER6, "-6", "-c3", "-i0.2", "-W2", SERVER6);
        assertThat(out).contains("3 received");
    }

    @Test
    @Order(2)
    void twoMegabytesOverTcpArriveIntact() throws Exception {
        String sum = lab.fetchBlob(client(), SERVER6, "curl", blobSha256);
        assertThat(sum).isEqualTo(blobSha256);
    }

    /** The namespace of the IPv6 client that pings and fetches. */
    abstract String client();

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
