package net.v6mostly.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    public LabGateway(LabPlan plan, Shell sh) {
        this.plan = plan;
        this.sh = sh;
        this.log = sh.dir().resolve("gateway.log");
    }

    public Path log() {
        return log;
    }

    /** The built-in configuration, written to the work directory (and shown by {@code --keep}). */
    Path writeConfig() {
        Path conf = sh.dir().resolve("gateway.toml");
        String text = """
                # v6mostly lab: the gateway's built-in configuration
                [siit]
                pool6 = "%1$s"

                [ra]
                [[ra.interface]]
                name = "lan-br"
                max-interval = 30
                min-interval = 10
                [[ra.interface.prefix]]
                prefix = "%2$s"
                [[ra.interface.rdnss]]
                addresses = ["%3$s"]
                [[ra.interface.pref64]]
                prefix = "%1$s"

                [dhcp4]
                lease-directory = "%4$s"
                metrics = "%8$s"
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

                [dns64]
                listen = ["[%3$s]:53", "%5$s:53"]
                upstreams = ["%7$s:53"]
                allow-clients = ["192.0.2.0/24", "%2$s"]
                """.formatted(LabPlan.PREF64, LabPlan.LAN_PREFIX6, LabPlan.LAN_GW6, sh.dir().resolve("leases"),
                LabPlan.LAN_GW4, LabPlan.DHCP_POOL, LabPlan.DNS4, METRICS);
        try {
            Files.writeString(conf, text);
        } catch (IOException e) {
            throw new LabException("cannot write " + conf + ": " + e.getMessage());
        }
        return conf;
    }

    /** Starts the gateway and waits (bounded) until every component serves. */
    public void start() {
        Path conf = writeConfig();
        // interim: the components as separate processes until 'v6mostly gateway' lands
        for (String component : List.of("ra", "dhcp4", "dns64")) {
            sh.start(sh.dir().resolve("gateway-" + component + ".log"), SelfCommand.in(plan.gatewayNs(), component, "-c", conf.toString()));
        }
        LanDevices.waitFor(sh.dir().resolve("gateway-dns64.log"), s -> s.contains("listening"), 60);
        LanDevices.waitFor(sh.dir().resolve("gateway-dhcp4.log"), s -> s.contains("serving"), 60);
    }
}
