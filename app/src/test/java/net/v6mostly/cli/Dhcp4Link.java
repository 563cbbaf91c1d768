package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The LAN of the DHCPv4 namespace tests that need one server and one client: two network
 * namespaces on one veth, the server's side 198.51.100.1/24, the client's side 198.51.100.2/24,
 * both links and loopbacks up. {@link #config} writes the {@code v6mostly dhcp4} configuration
 * that serves 198.51.100.0/24 from the pool .10-.250 (RFC 2131 §4.3.1) with metrics off;
 * {@link #server} starts it in the server's namespace. Namespace names end with the pid (at most
 * five digits); {@link #close()} stops every command and deletes both namespaces.
 */
final class Dhcp4Link implements AutoCloseable {
    private static final String TAG = Long.toString(ProcessHandle.current().pid() % 100000);

    /** Runs the commands. */
    final Netns sh;
    final String serverNs;
    final String clientNs;
    final String serverDev;
    final String clientDev;
    private final Path dir;

    private Dhcp4Link(Path dir, String name, String serverDev, String clientDev) {
        this.dir = dir;
        this.sh = new Netns(dir);
        this.serverNs = "v6m-" + name + "s-" + TAG;
        this.clientNs = "v6m-" + name + "c-" + TAG;
        this.serverDev = serverDev;
        this.clientDev = clientDev;
    }

    /**
     * Makes the namespaces {@code v6m-<name>s-<pid>} and {@code v6m-<name>c-<pid>} and the veth
     * {@code serverDev} / {@code clientDev} between them.
     */
    static Dhcp4Link open(Path dir, String name, String serverDev, String clientDev)
            throws IOException, InterruptedException {
        Dhcp4Link link = new Dhcp4Link(dir, name, serverDev, clientDev);
        Netns sh = link.sh;
        sh.ok(10, "ip", "netns", "add", link.serverNs);
        sh.ok(10, "ip", "netns", "add", link.clientNs);
        sh.ok(10, "ip", "link", "add", serverDev, "netns", link.serverNs, "type", "veth", "peer", "name", clientDev,
                "netns", link.clientNs);
        sh.ok(10, "ip", "-n", link.serverNs, "addr", "add", "198.51.100.1/24", "dev", serverDev);
        sh.ok(10, "ip", "-n", link.clientNs, "addr", "add", "198.51.100.2/24", "dev", clientDev);
        for (String ns : List.of(link.serverNs, link.clientNs)) {
            sh.ok(10, "ip", "-n", ns, "link", "set", "lo", "up");
        }
        sh.ok(10, "ip", "-n", link.serverNs, "link", "set", serverDev, "up");
        sh.ok(10, "ip", "-n", link.clientNs, "link", "set", clientDev, "up");
        return link;
    }

    /** Writes {@code dhcp4.toml}: the subnet 198.51.100.0/24 on the server's veth, leases in {@code leases}. */
    Path config(Path leases) throws IOException {
        return Files.writeString(dir.resolve("dhcp4.toml"), """
                [metrics]
                listen = "off"

                [dhcp4]
                lease-directory = "%s"

                [[dhcp4.subnet]]
                prefix = "198.51.100.0/24"
                interface = "%s"
                server-id = "198.51.100.1"
                pools = [{ range = "198.51.100.10-198.51.100.250" }]
                """.formatted(leases, serverDev));
    }

    /**
     * Starts {@code prefix... v6mostly dhcp4 -c config} in the server's namespace, its output in
     * {@code log}, and waits up to 30 s until it serves.
     */
    Process server(Path config, Path log, String... prefix) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(prefix));
        cmd.addAll(List.of(Netns.in(serverNs, java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "dhcp4", "-c", config.toString())));
        Process p = sh.start(log, cmd.toArray(String[]::new));
        assertThat(Netns.waitFor(30, () -> read(log).contains("serving"))).as(read(log)).isTrue();
        return p;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        sh.stopAll();
        sh.run(10, "ip", "netns", "del", serverNs);
        sh.run(10, "ip", "netns", "del", clientNs);
    }

    /** A file's text; "" while it does not exist or cannot be read. */
    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
