package net.v6mostly.cli;

import java.util.ArrayList;
import java.util.List;

import net.v6mostly.config.RunConfig;
import net.v6mostly.service.ClatService;
import net.v6mostly.service.Dhcp4Service;
import net.v6mostly.service.Dns64Service;
import net.v6mostly.service.Nat64Service;
import net.v6mostly.service.RouterAdvertisementService;
import net.v6mostly.service.Runner;
import net.v6mostly.service.Service;
import picocli.CommandLine.Command;

/**
 * {@code v6mostly gateway}: RA with PREF64, DHCPv4 with option 108, DNS64 and the NAT64 (PLAT)
 * in one process from one file, one PREF64 for all. SIGHUP reloads the file (a bad file keeps the
 * running settings; leases, RA schedules and NAT64 sessions are kept); SIGTERM/SIGINT stop it: final RA with router
 * lifetime 0, journal compacted, exit 0. Logs in logfmt on stdout. See {@code docs/gateway.md}.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run RA with PREF64, DHCPv4 with option 108, DNS64, NAT64 and a CE router's CLAT together"
                + " from one configuration file.",
            "Option 108 and PREF64 follow the health of DNS64 and NAT64: they are withdrawn while one is down or"
                + " dead. A dead component is restarted, or the gateway exits with status 1, as [gateway]"
                + " on-component-failure says. SIGHUP reloads the configuration; SIGTERM sends the final RA and"
                + " exits.",
            "Check a file first with:",
            "  v6mostly check-config -c FILE"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM/SIGINT", "1:a socket, interface, lease store or the metrics port"
                + " could not be opened, or a component died and could not be restarted", "2:usage or configuration"
                + " error"})
public final class GatewayCommand extends DaemonCommand {
    @Override
    List<Service> services(RunConfig config, Runner.Log log) {
        return components(config, log);
    }

    /**
     * The services of {@code cfg} in start order: the NAT64 (a health input) and a CE router's CLAT
     * before the RA, so that the first RA already reflects their health, and stopped after the final RA.
     */
    static List<Service> components(RunConfig cfg, Runner.Log log) {
        List<Service> out = new ArrayList<>();
        if (cfg.dns64() != null) {
            out.add(new Dns64Service(cfg.dns64(), cfg.gateway(), log.component("dns64")));
        }
        if (cfg.dhcp4() != null) {
            out.add(new Dhcp4Service(cfg.dhcp4(), log.component("dhcp4")));
        }
        if (cfg.nat64() != null) {
            out.add(new Nat64Service(cfg.nat64(), log.component("nat64")));
        }
        if (cfg.clat() != null) {
            out.add(new ClatService(cfg.clat(), log.component("clat")));
        }
        if (cfg.ra() != null) {
            out.add(new RouterAdvertisementService(cfg.ra(), log.component("ra")));
        }
        return out;
    }
}
