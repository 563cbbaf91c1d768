package net.v6mostly.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.v6mostly.config.SiitDaemonConfig;
import net.v6mostly.datapath.DatapathStat;
import net.v6mostly.datapath.SiitDatapath;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.ops.StatsText;
import net.v6mostly.ops.MetricsServer;
import net.v6mostly.ops.SiitMetrics;
import net.v6mostly.service.LinkSetup;
import net.v6mostly.tun.LinkConfigurator;
import net.v6mostly.tun.TunDevice;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.XlatStat;
import sun.misc.Signal;

/**
 * The running {@code v6mostly siit}: opens the TUN device, applies the link configuration, starts
 * the data path and the metrics endpoint, then waits in the foreground for SIGTERM/SIGINT (stop,
 * exit 0), SIGHUP (reload, {@link SiitReload}) or a failed worker (exit 1). Logs to standard output.
 */
final class SiitDaemon {
    private static final Logger LOG = LoggerFactory.getLogger(SiitDaemon.class);
    private static final long WATCH_MILLIS = 250;

    private final Path configPath;
    private final SiitDaemonConfig config;
    private final LinkConfigurator links;
    private final BlockingQueue<String> signals = new LinkedBlockingQueue<>();
    private final long startedAt = System.nanoTime();

    SiitDaemon(Path configPath, SiitDaemonConfig config, LinkConfigurator links) {
        this.configPath = configPath;
        this.config = config;
        this.links = links;
    }

    /** Runs until stopped; returns the exit status. */
    int run() {
        TunDevice tun;
        try {
            tun = TunDevice.open(new TunDevice.Options(config.tun().name(), config.tun().queues(),
                    config.tun().multiQueue(), config.tun().offload()));
        } catch (LinuxException e) {
            LOG.error("cannot open the TUN device {}: {}{}", config.tun().name(), e.getMessage(), hint(e.errno()));
            return Main.RUNTIME_ERROR;
        }
        tun.notes().forEach(note -> LOG.warn("{}", note));
        try {
            LinkSetup.apply(config.tun(), links);
        } catch (LinuxException e) {
            LOG.error("cannot configure the link {}: {}", tun.name(), e.getMessage());
            tun.close();
            return Main.RUNTIME_ERROR;
        }
        SiitDatapath datapath = SiitDatapath.start(tun, config.siit(), config.tun().workers(), LOG::warn);
        datapath.busyPoll(config.tun().busyPollMicros());
        MetricsServer metrics;
        try {
            metrics = startMetrics(datapath);
        } catch (IOException e) {
            LOG.error("cannot listen for metrics at {} ([metrics] listen in {}): {}", config.metrics().url(),
                    configPath, e.getMessage());
            datapath.close();
            return Main.RUNTIME_ERROR;
        }
        LOG.info("{}", startupLine(datapath));
        try (metrics) {
            return serve(datapath);
        }
    }

    private MetricsServer startMetrics(SiitDatapath datapath) throws IOException {
        if (!config.metrics().enabled()) {
            return null;
        }
        return MetricsServer.start(config.metrics().listen(), () -> SiitMetrics.snapshots(new SiitMetrics.Sample(
                datapath.xlatCounters(), datapath.datapathCounters(), datapath.running(), uptimeMillis())),
                Map.of(), LOG::warn);
    }

    /** The foreground loop: signals and the workers' health. */
    private int serve(SiitDatapath datapath) {
        SiitReload reload = new SiitReload(config, () -> SiitDaemonConfig.load(configPath), datapath::reload);
        installSignals();
        try {
            while (true) {
                String signal = signals.poll(WATCH_MILLIS, TimeUnit.MILLISECONDS);
                if ("HUP".equals(signal)) {
                    logReload(reload.reload());
                } else if (signal != null) {
                    LOG.info("SIG{}: stopping", signal);
                    datapath.close();
                    LOG.info("{}", summaryLine(datapath));
                    return Main.OK;
                }
                String failure = datapath.failure();
                if (failure != null || !datapath.running()) {
                    LOG.error("a data-path worker stopped: {}; exiting",
                            failure != null ? failure : "its thread ended unexpectedly");
                    datapath.close();
                    LOG.info("{}", summaryLine(datapath));
                    return Main.RUNTIME_ERROR;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            datapath.close();
            return Main.RUNTIME_ERROR;
        }
    }

    private void installSignals() {
        for (String name : List.of("TERM", "INT", "HUP")) {
            Signal.handle(new Signal(name), s -> signals.offer(s.getName()));
        }
    }

    private static void logReload(SiitReload.Outcome outcome) {
        if (outcome.error() != null) {
            LOG.error("SIGHUP: configuration not reloaded, still running the previous one: {}", outcome.error());
            return;
        }
        if (outcome.changes().isEmpty()) {
            LOG.info("SIGHUP: configuration reloaded, translator settings unchanged");
        } else {
            LOG.info("SIGHUP: configuration reloaded: {}", String.join("; ", outcome.changes()));
        }
        if (!outcome.restart().isEmpty()) {
            LOG.warn("SIGHUP: changes in {} need a restart and were not applied", String.join(" and ", outcome.restart()));
        }
    }

    private long uptimeMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
    }

    /** {@code translating on siit0: 1 queue, 1 worker, offloads csum tso4 ..., pool6 ..., 1 EAM entry, ...}. */
    private String startupLine(SiitDatapath datapath) {
        TunDevice tun = datapath.tun();
        SiitSettings s = config.siit();
        int eam = s.eam().entries().size();
        return "translating on " + tun.name() + ": " + plural(tun.queues(), "queue") + ", "
                + plural(config.tun().workers(), "worker")
                + (config.tun().busyPollMicros() > 0 ? " (busy poll " + config.tun().busyPollMicros() + " µs)" : "")
                + ", offloads " + offloads(tun) + ", pool6 "
                + (s.pool6() == null ? "unset" : s.pool6()) + ", " + eam + " EAM " + (eam == 1 ? "entry" : "entries")
                + ", mtu4 " + s.mtu4() + ", mtu6 " + s.mtu6() + ", metrics "
                + (config.metrics().enabled() ? config.metrics().url() : "off");
    }

    static String offloads(TunDevice tun) {
        if (!tun.vnetHeader()) {
            return "off";
        }
        List<String> names = new ArrayList<>();
        int bits = tun.offloads();
        String[] labels = {"csum", "tso4", "tso6", "tso-ecn", "", "uso4", "uso6"};
        for (int i = 0; i < labels.length; i++) {
            if ((bits & (1 << i)) != 0 && !labels[i].isEmpty()) {
                names.add(labels[i]);
            }
        }
        return names.isEmpty() ? "none (vnet header only)" : String.join(" ", names);
    }

    /** {@code stopped after 1m 02s: 200 packets read, 198 written; TRANSLATED_46 99, ...; 2 dropped}. */
    private String summaryLine(SiitDatapath datapath) {
        Map<DatapathStat, Long> dp = datapath.datapathCounters();
        StringBuilder b = new StringBuilder("stopped after ").append(duration()).append(": ").append(dp.getOrDefault(DatapathStat.PACKETS_READ, 0L))
                .append(" packets read, ").append(dp.getOrDefault(DatapathStat.PACKETS_WRITTEN, 0L)).append(" written");
        long drops = 0;
        StringBuilder exits = new StringBuilder();
        for (Map.Entry<XlatStat, Long> e : datapath.xlatCounters().entrySet()) {
            if (e.getValue() > 0) {
                exits.append(exits.isEmpty() ? "" : ", ").append(e.getKey().name()).append(' ').append(e.getValue());
                drops += e.getKey().isDrop() ? e.getValue() : 0;
            }
        }
        for (Map.Entry<DatapathStat, Long> e : dp.entrySet()) {
            drops += e.getKey().isDrop() ? e.getValue() : 0;
        }
        b.append("; ").append(exits.isEmpty() ? "nothing translated" : exits).append("; ").append(drops).append(" dropped");
        return b.toString();
    }

    private String duration() {
        long ms = uptimeMillis();
        return ms < 60_000 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0) : StatsText.duration(ms / 1000);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** What an operator does about the usual errno values of TUNSETIFF. */
    static String hint(int errno) {
        return switch (errno) {
            case 1 -> "; opening a TUN device needs CAP_NET_ADMIN: run as root or grant the capability"
                    + " (systemd: AmbientCapabilities=CAP_NET_ADMIN)";
            case 2, 19 -> "; is the tun module loaded (modprobe tun) and /dev/net/tun present?";
            case 16 -> "; another process holds this single-queue device (stop it, or use multi-queue)";
            default -> "";
        };
    }
}
