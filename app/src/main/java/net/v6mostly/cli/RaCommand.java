package net.v6mostly.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.ConfigSections;
import net.v6mostly.config.RaConfig;
import net.v6mostly.config.RaSection;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.ndp.NdpStat;
import net.v6mostly.net.RaService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code v6mostly ra}: the Router Advertisement sender (RFC 4861 §6.2, RFC 8106, RFC 8781) in the
 * foreground, as configured by the {@code [ra]} table. SIGTERM or SIGINT: final RA with Router
 * Lifetime 0 on every interface (RFC 4861 §6.2.5), counters, exit 0. SIGHUP: reload the file
 * without a gap in the schedule; a bad file is logged and the running configuration kept. See
 * {@code docs/ra.md}.
 */
@Command(name = "ra", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Send Router Advertisements with PIO, RDNSS, DNSSL and PREF64 on the configured interfaces.",
            "SIGTERM sends a final RA with router lifetime 0 and exits; SIGHUP reloads the configuration."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM/SIGINT", "1:an interface or socket could not be opened",
            "2:usage or configuration error"})
public final class RaCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RaCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The configuration file (TOML) with an [ra] table.")
    private Path config;

    @Option(names = "--check", description = "Validate the configuration, print the warnings and exit.")
    private boolean check;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        RaConfig ra;
        try {
            ra = load();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Main.USAGE_ERROR;
        }
        ra.warnings().forEach(w -> LOG.warn("{}", w));
        if (check) {
            spec.commandLine().getOut().println(config + ": ok, " + ra.interfaces().size() + " interface(s)");
            return Main.OK;
        }
        RaService service = new RaService(ra.interfaces(), LOG::info, new SplittableRandom());
        Signal.handle(new Signal("TERM"), s -> service.stop());
        Signal.handle(new Signal("INT"), s -> service.stop());
        Signal.handle(new Signal("HUP"), s -> reload(service));
        int status = Main.OK;
        try {
            service.run();
        } catch (LinuxException e) {
            err.println("ra: " + e.getMessage());
            status = Main.RUNTIME_ERROR;
        }
        printCounters(service, spec.commandLine().getOut());
        return status;
    }

    private RaConfig load() throws ConfigException {
        ConfigFile file = ConfigFile.load(config);
        ConfigSections.checkKnown(file);
        return RaSection.read(file);
    }

    private void reload(RaService service) {
        try {
            RaConfig ra = load();
            ra.warnings().forEach(w -> LOG.warn("{}", w));
            service.reload(ra.interfaces());
            LOG.info("ra: SIGHUP: {} reloaded", config);
        } catch (ConfigException e) {
            LOG.error("ra: SIGHUP: keeping the running configuration: {}", e.getMessage());
        }
    }

    private static void printCounters(RaService service, PrintWriter out) {
        for (Map.Entry<NdpStat, Long> e : service.counters().snapshot().entrySet()) {
            if (e.getValue() > 0 || !e.getKey().isDrop()) {
                String line = String.format("%-26s %8d  %s", e.getKey().name().toLowerCase(java.util.Locale.ROOT),
                        e.getValue(), e.getKey().explanation());
                out.println(line);
                LOG.info("ra: counter {}", line);
            }
        }
        out.flush();
    }
}
