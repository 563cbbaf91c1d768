package net.v6mostly.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.ConfigSections;
import net.v6mostly.config.Dhcp4Section;
import net.v6mostly.dhcp4.Adoption;
import net.v6mostly.dhcp4.Dhcp4Config;
import net.v6mostly.dhcp4.Dhcp4Engine;
import net.v6mostly.dhcp4.Dhcp4Stat;
import net.v6mostly.dhcp4.LeaseJournal;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.net.Dhcp4Server;
import net.v6mostly.ops.Dhcp4Metrics;
import net.v6mostly.ops.MetricsServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code v6mostly dhcp4}: the DHCPv4 server with Option 108 (RFC 2131, RFC 8925) in the
 * foreground, configured by the {@code [dhcp4]} table. SIGTERM or SIGINT stop it with status 0
 * after the journal is compacted; SIGHUP re-reads the configuration (leases are kept). Counters
 * and adoption figures are printed on exit and every ten minutes. See {@code docs/dhcp4.md}.
 */
@Command(name = "dhcp4", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = Dhcp4StatsCommand.class,
        description = {"Run the DHCPv4 server with the IPv6-Only Preferred option (RFC 2131, RFC 8925).",
            "It logs one line per message. SIGHUP reloads the configuration; SIGTERM stops it.",
            "It serves its counters at http://127.0.0.1:9467/metrics ([dhcp4] metrics); v6mostly dhcp4 stats"
                + " reads them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM/SIGINT, or --check passed", "1:socket or lease-store failure",
            "2:usage or configuration error"})
public final class Dhcp4Command implements Callable<Integer> {
    private static final long ADOPTION_LOG_SECONDS = 600;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The configuration file (TOML) with a [dhcp4] table; required.")
    private Path config;

    @Option(names = "--check", description = "Validate the configuration, print what would be served, and exit.")
    private boolean check;

    private volatile boolean stop;
    private volatile boolean reload;
    /** Adoption figures and lease count as of the loop's last publication (the engine is single-threaded). */
    private volatile Dhcp4Metrics.Sample published;

    @Override
    public Integer call() {
        if (config == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--config=FILE' (or a subcommand: stats)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Dhcp4Section.Settings settings;
        try {
            settings = load();
        } catch (ConfigException e) {
            err.println("dhcp4: " + e.getMessage());
            return Main.USAGE_ERROR;
        }
        settings.warnings().forEach(w -> err.println("dhcp4: warning: " + w));
        if (check) {
            settings.config().subnets().forEach(s -> out.println("subnet " + s.name() + " " + s.prefix() + " on "
                    + (s.interfaceName() == null ? "relays" : s.interfaceName()) + ", pools " + s.pools()
                    + ", option 108 " + (s.v6OnlyWait() < 0 ? "off" : s.v6OnlyWait() + " s")));
            return Main.OK;
        }
        Dhcp4Engine engine = new Dhcp4Engine(settings.config());
        Clock clock = Clock.systemUTC();
        long started = System.currentTimeMillis();
        publish(engine, clock, started);
        MetricsServer metrics = null;
        if (settings.metrics().enabled()) {
            try {
                metrics = MetricsServer.start(settings.metrics().listen(), () -> {
                    Dhcp4Metrics.Sample p = published;
                    return Dhcp4Metrics.render(new Dhcp4Metrics.Sample(engine.counters().snapshot(), p.adoption(),
                            p.activeLeases(), System.currentTimeMillis() - started));
                });
            } catch (IOException e) {
                err.println("dhcp4: cannot serve metrics on " + settings.metrics().url() + ": " + e.getMessage()
                        + " (set [dhcp4] metrics to another address, or \"off\")");
                return Main.RUNTIME_ERROR;
            }
        }
        try (MetricsServer m = metrics;LeaseJournal journal = LeaseJournal.open(settings.leaseDirectory(), engine::restore,
                w -> log(err, "warning: lease store: " + w), settings.leaseFsync());
             Dhcp4Server server = new Dhcp4Server(engine, journal, settings.interfaces(),
                     line -> out.println(Instant.now() + " dhcp4: " + line), out::flush, clock)) {
            server.logEachMessage(settings.logMessages());
            log(out, "serving " + settings.interfaces() + ", " + engine.activeLeases(clock.instant().getEpochSecond())
                    + " active lease(s) restored from " + settings.leaseDirectory());
            Signal.handle(new Signal("TERM"), s -> stop = true);
            Signal.handle(new Signal("INT"), s -> stop = true);
            Signal.handle(new Signal("HUP"), s -> reload = true);
            if (m != null) {
                log(out, "metrics at " + settings.metrics().url());
            }
            server.run(new Control(engine, out, err, clock, started));
        } catch (LinuxException | IOException e) {
            err.println("dhcp4: " + e.getMessage());
            printStats(out, engine);
            return Main.RUNTIME_ERROR;
        } catch (RuntimeException e) {
            // not one datagram (the server drops those and goes on) but the loop itself: stop visibly
            err.println("dhcp4: DHCPv4 server stopped on an unexpected error: " + e);
            e.printStackTrace(err);
            printStats(out, engine);
            return Main.RUNTIME_ERROR;
        }
        log(out, "stopped");
        printStats(out, engine);
        return Main.OK;
    }

    private Dhcp4Section.Settings load() throws ConfigException {
        ConfigFile file = ConfigFile.load(config);
        ConfigSections.checkKnown(file);
        return Dhcp4Section.read(file);
    }

    private void publish(Dhcp4Engine engine, Clock clock, long started) {
        published = new Dhcp4Metrics.Sample(Map.of(), engine.adoption(),
                engine.activeLeases(clock.instant().getEpochSecond()), System.currentTimeMillis() - started);
    }

    private static void log(PrintWriter w, String line) {
        w.println(Instant.now() + " dhcp4: " + line);
        w.flush();
    }

    /** Every non-zero counter with its explanation, then the adoption figures per subnet. */
    static void printStats(PrintWriter out, Dhcp4Engine engine) {
        out.println("dhcp4 counters:");
        for (Map.Entry<Dhcp4Stat, Long> e : engine.counters().snapshot().entrySet()) {
            if (e.getValue() > 0) {
                out.printf("  %-28s %8d  %s%n", e.getKey().name(), e.getValue(), e.getKey().explanation());
            }
        }
        out.println("dhcp4 adoption (RFC 8925 option 108):");
        for (Adoption a : engine.adoption()) {
            out.println("  " + a);
        }
        out.flush();
    }

    /** Turns the signal flags into loop decisions; logs the adoption figures now and then. */
    private final class Control implements Dhcp4Server.Control {
        private final Dhcp4Engine engine;
        private final PrintWriter out;
        private final PrintWriter err;
        private final Clock clock;
        private final long started;
        private long nextAdoptionLog;
        private long nextPublish;

        Control(Dhcp4Engine engine, PrintWriter out, PrintWriter err, Clock clock, long started) {
            this.started = started;
            this.engine = engine;
            this.out = out;
            this.err = err;
            this.clock = clock;
            this.nextAdoptionLog = clock.instant().getEpochSecond() + ADOPTION_LOG_SECONDS;
        }

        @Override
        public boolean stopRequested() {
            return stop;
        }

        @Override
        public Dhcp4Config reloadRequested() {
            long millis = clock.millis();
            if (millis >= nextPublish) {
                nextPublish = millis + 1000;
                publish(engine, clock, started);
            }
            long now = clock.instant().getEpochSecond();
            if (now >= nextAdoptionLog) {
                nextAdoptionLog = now + ADOPTION_LOG_SECONDS;
                engine.adoption().forEach(a -> log(out, "adoption " + a));
            }
            if (!reload) {
                return null;
            }
            reload = false;
            try {
                Dhcp4Section.Settings s = load();
                s.warnings().forEach(w -> log(err, "warning: " + w));
                engine.adoption().forEach(a -> log(out, "adoption " + a));
                return s.config();
            } catch (ConfigException e) {
                log(err, "reload refused, keeping the running configuration: " + e.getMessage());
                return null;
            }
        }
    }
}
