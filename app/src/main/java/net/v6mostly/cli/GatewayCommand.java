package net.v6mostly.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.GatewayConfig;
import net.v6mostly.config.GatewaySection;
import net.v6mostly.gateway.Dhcp4Component;
import net.v6mostly.gateway.Dns64Component;
import net.v6mostly.gateway.Gateway;
import net.v6mostly.gateway.GatewayComponent;
import net.v6mostly.gateway.GatewayLog;
import net.v6mostly.gateway.HealthSignal;
import net.v6mostly.gateway.Nat64Component;
import net.v6mostly.gateway.RaComponent;
import net.v6mostly.ops.MetricsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code v6mostly gateway}: RA with PREF64, DHCPv4 with option 108, DNS64 and the NAT64 (PLAT)
 * in one process from one file, one PREF64 for all. SIGHUP reloads the file (a bad file keeps the
 * running settings; leases, RA schedules and NAT64 sessions are kept); SIGTERM/SIGINT stop it: final RA with router
 * lifetime 0, journal compacted, exit 0. Logs in logfmt on stdout. See {@code docs/gateway.md}.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run RA with PREF64, DHCPv4 with option 108, DNS64 and NAT64 together from one configuration"
                + " file.",
            "Option 108 and PREF64 follow the health of DNS64 and NAT64: they are withdrawn while one is down, and"
                + " for good once DNS64, NAT64 or the RA died (v6mostly_component_up 0). SIGHUP reloads the"
                + " configuration; SIGTERM sends the final RA and exits.",
            "Check a file first with:",
            "  v6mostly check-config -c FILE"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM/SIGINT", "1:a socket, interface, lease store or the metrics port"
                + " could not be opened", "2:usage or configuration error"})
public final class GatewayCommand implements Callable<Integer> {
    private static final long POLL_MS = 250;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The configuration file (TOML) with [pref64] and [ra], [dhcp4], [dns64], [nat64],"
                    + " [metrics], [gateway].")
    private Path config;

    private volatile boolean stop;
    private volatile boolean reload;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        GatewayLog log = new GatewayLog(spec.commandLine().getOut(), Clock.systemUTC());
        GatewayConfig cfg;
        try {
            cfg = load();
        } catch (ConfigException e) {
            err.println("gateway: " + e.getMessage());
            return Main.USAGE_ERROR;
        }
        cfg.warnings().forEach(w -> log.write("config", w));
        List<GatewayComponent> components = components(cfg, log);
        HealthSignal signal = new HealthSignal(components, log.component("health"), cfg.gateway().healthSignalling());
        Gateway gateway = new Gateway(components, signal, log.component("gateway"));
        try {
            gateway.start();
        } catch (IOException e) {
            err.println("gateway: " + e.getMessage());
            return Main.RUNTIME_ERROR;
        }
        MetricsServer metrics;
        try {
            metrics = cfg.metrics().enabled()
                    ? MetricsServer.start(cfg.metrics().listen(), gateway::metrics, gateway.pages(),
                            log.component("metrics")) : null;
        } catch (IOException e) {
            gateway.stop();
            err.println("gateway: cannot serve metrics on " + cfg.metrics().url() + ": " + e.getMessage()
                    + " (set [metrics] listen to another address, or \"off\")");
            return Main.RUNTIME_ERROR;
        }
        Signal.handle(new Signal("TERM"), s -> stop = true);
        Signal.handle(new Signal("INT"), s -> stop = true);
        Signal.handle(new Signal("HUP"), s -> reload = true);
        // printed once the handlers are in place: a supervisor waiting for it may signal at once
        log.write("gateway", "running " + names(components) + " with PREF64 " + cfg.pref64().prefixes()
                + (metrics != null ? "; metrics at " + cfg.metrics().url() : ""));
        try (MetricsServer m = metrics) {
            serve(gateway, log);
        }
        log.write("gateway", "stopped");
        return Main.OK;
    }

    /** The foreground loop: the health signalling a few times a second, SIGHUP, and SIGTERM at the end. */
    private void serve(Gateway gateway, GatewayLog log) throws InterruptedException {
        while (!stop) {
            Thread.sleep(POLL_MS);
            if (reload) {
                reload = false;
                reload(gateway, log);
            }
            gateway.poll();
        }
        log.write("gateway", "stopping: final RA, NAT64, lease journal, DNS64");
        gateway.stop();
    }

    /**
     * The components of {@code cfg} in start order: the NAT64 (a health input) before the RA, so
     * that the first RA already reflects its health, and stopped after the final RA.
     */
    static List<GatewayComponent> components(GatewayConfig cfg, GatewayLog log) {
        List<GatewayComponent> out = new ArrayList<>();
        if (cfg.dns64() != null) {
            out.add(new Dns64Component(cfg.dns64(), cfg.gateway(), log.component("dns64")));
        }
        if (cfg.dhcp4() != null) {
            out.add(new Dhcp4Component(cfg.dhcp4(), log.component("dhcp4")));
        }
        if (cfg.nat64() != null) {
            out.add(new Nat64Component(cfg.nat64(), log.component("nat64")));
        }
        if (cfg.ra() != null) {
            out.add(new RaComponent(cfg.ra(), log.component("ra")));
        }
        return out;
    }

    private GatewayConfig load() throws ConfigException {
        return GatewaySection.read(ConfigFile.load(config));
    }

    private void reload(Gateway gateway, GatewayLog log) {
        try {
            GatewayConfig next = load();
            next.warnings().forEach(w -> log.write("config", w));
            gateway.reload(next);
            log.write("gateway", "SIGHUP: " + config + " reloaded (listen addresses, interfaces of DHCPv4 and the"
                    + " metrics endpoint need a restart)");
        } catch (ConfigException e) {
            log.write("gateway", "SIGHUP: reload refused, keeping the running configuration: " + e.getMessage());
        }
    }

    private static List<String> names(List<GatewayComponent> components) {
        return components.stream().map(GatewayComponent::name).toList();
    }
}
