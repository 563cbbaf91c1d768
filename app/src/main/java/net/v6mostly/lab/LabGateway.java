package net.v6mostly.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lab's gateway: its built-in configuration (the one PREF64 drives RA, DNS64 and NAT64) and
 * the {@code v6mostly} process inside the gateway namespace.
 */
public final class LabGateway {
    /** Where the gateway's metrics endpoint listens, inside its namespace. */
    public static final String METRICS = "127.0.0.1:9464";
    private final LabPlan plan;
    private final Shell sh;
    private final Path log;
    private final boolean healthSignalling;
    private Process process;

    public LabGateway(LabPlan plan, Shell sh) {
        this(plan, sh, true);
    }

    /**
     * A gateway whose health-tied signalling is on or off. {@code --break} turns it off: the lab
     * then shows what fails for devices that already went IPv6-only, deterministically; with it on,
     * the gateway would also withdraw PREF64 and option 108 and devices would start moving back to
     * IPv4 while the checks run (proven on its own in GatewayNamespaceTest).
     */
    public LabGateway(LabPlan plan, Shell sh, boolean healthSignalling) {
        this.plan = plan;
        this.sh = sh;
        this.log = sh.dir().resolve("gateway.log");
        this.healthSignalling = healthSignalling;
    }

    public Path log() {
        return log;
    }

    /** Whether the {@code v6mostly gateway} process still runs. */
    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The built-in configuration, written to the work directory (and shown by {@code --keep}). */
    Path writeConfig() {
        Path conf = sh.dir().resolve("gateway.toml");
        String text = """
                # v6mostly lab: the gateway's built-in configuration (docs/lab.md)
                [pref64]                    # one NAT64 prefix for RA, DNS64, ipv4only.arpa and NAT64
                prefixes = ["%1$s"]

                [metrics]
                listen = "%8$s"

                [gateway]
                health-signalling = %11$s          # off only under --break: see LabGateway

                [dns64]
                listen = ["[%3$s]:53", "%5$s:53"]
                upstreams = ["%7$s"]
                allow-clients = ["192.0.2.0/24", "%2$s"]

                [ra]
                [[ra.interface]]
                name = "lan-br"
                max-interval = 30
                min-interval = 10
                prefix = [{ prefix = "%2$s" }]      # RDNSS defaults to the DNS64, PREF64 to [pref64]

                [nat64]                     # pool6 is the [pref64] prefix
                pool4 = ["%9$s"]
                allow6-sources = ["%2$s"]   # only the LAN: nothing from the internet side is translated
                log = "stdout"              # RFC 5424 bib-create/bib-delete lines in gateway.log
                log-hostname = "lab-gateway"
                [nat64.tun]
                name = "nat64"
                up = true                   # the routes need the link up
                routes = ["%1$s", "%10$s"]

                [dhcp4]
                lease-directory = "%4$s"
                [[dhcp4.subnet]]
                name = "lan"
                prefix = "192.0.2.0/24"
                interface = "lan-br"
                server-id = "%5$s"
                lease-time = 3600
                routers = ["%5$s"]
                dns = ["%5$s"]
                ipv6-only-preferred = true
                v6only-wait = 1800
                pools = [{ range = "%6$s" }]
                """.formatted(LabPlan.PREF64, LabPlan.LAN_PREFIX6, LabPlan.LAN_GW6, sh.dir().resolve("leases"),
                LabPlan.LAN_GW4, LabPlan.DHCP_POOL, LabPlan.DNS4, METRICS, LabPlan.POOL4_ADDRESS, LabPlan.POOL4,
                healthSignalling);
        try {
            Files.writeString(conf, text);
        } catch (IOException e) {
            throw new LabException("cannot write " + conf + ": " + e.getMessage());
        }
        return conf;
    }

    /** Starts {@code v6mostly gateway} and waits (bounded) until it runs every component. */
    public void start() {
        Path conf = writeConfig();
        Shell.Result check = sh.run(60, SelfCommand.in(plan.gatewayNs(), "check-config", "-c", conf.toString()));
        if (check.status() == 2) {
            throw new LabException("the lab's gateway configuration is refused: " + check.out().strip());
        }
        process = sh.start(log, SelfCommand.in(plan.gatewayNs(), "gateway", "-c", conf.toString()));
        String text = LanDevices.waitFor(log, s -> s.contains("msg=\"running") || s.contains("stopped"), 60);
        if (!text.contains("msg=\"running")) {
            throw new LabException("the gateway did not start: " + text.strip());
        }
    }
}
