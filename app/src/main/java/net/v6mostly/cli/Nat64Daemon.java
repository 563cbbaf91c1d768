package net.v6mostly.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.config.ConfigException;
import net.v6mostly.config.Nat64DaemonConfig;
import net.v6mostly.config.Nat64Section;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.ops.MetricsServer;
import net.v6mostly.service.Nat64Service;
import net.v6mostly.tun.LinkConfigurator;
import net.v6mostly.xlat.rfc6146.Protocol;
import sun.misc.Signal;

/**
 * The running {@code v6mostly nat64}: a {@link Nat64Service} plus the metrics endpoint (which also
 * serves the bib, sessions and stats pages), in the foreground until SIGTERM/SIGINT (stop, exit 0)
 * or a failed worker (exit 1); SIGHUP re-reads the file and applies what can change without
 * dropping sessions. Operational messages go to standard error, mapping-log lines to {@code log}.
 */
final class Nat64Daemon {
    private static final Logger LOG = LoggerFactory.getLogger(Nat64Daemon.class);
    private static final long WATCH_MILLIS = 250;

    private final Path configPath;
    private final Nat64DaemonConfig config;
    private final LinkConfigurator links;
    private final BlockingQueue<String> signals = new LinkedBlockingQueue<>();
    private final long startedAt = System.nanoTime();

    Nat64Daemon(Path configPath, Nat64DaemonConfig config, LinkConfigurator links) {
        this.configPath = configPath;
        this.config = config;
        this.links = links;
    }

    int run() {
        Nat64Service nat64;
        try {
            nat64 = Nat64Service.start(config.nat64(), links, LOG::warn);
        } catch (LinuxException e) {
            LOG.error("cannot open or configure the TUN device {}: {}{}", config.nat64().tun().name(), e.getMessage(),
                    SiitDaemon.hint(e.errno()));
            return Main.RUNTIME_ERROR;
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("cannot start the NAT64: {}", e.getMessage());
            return Main.RUNTIME_ERROR;
        }
        MetricsServer metrics = null;
        if (config.metrics().enabled()) {
            try {
                metrics = MetricsServer.startText(config.metrics().listen(), () -> nat64.metricsText(uptimeMillis()),
                        nat64.pages(this::uptimeMillis), LOG::warn);
            } catch (IOException e) {
                LOG.error("cannot listen for metrics at {} ([metrics] listen in {}): {}", config.metrics().url(),
                        configPath, e.getMessage());
                nat64.close();
                return Main.RUNTIME_ERROR;
            }
        }
        LOG.info("{}", startupLine(nat64));
        try {
            return serve(nat64);
        } finally {
            if (metrics != null) {
                metrics.close();
            }
        }
    }

    private int serve(Nat64Service nat64) {
        for (String name : List.of("TERM", "INT", "HUP")) {
            Signal.handle(new Signal(name), s -> signals.offer(s.getName()));
        }
        try {
            while (true) {
                String signal = signals.poll(WATCH_MILLIS, TimeUnit.MILLISECONDS);
                if ("HUP".equals(signal)) {
                    reload(nat64);
                } else if (signal != null) {
                    LOG.info("SIG{}: stopping", signal);
                    nat64.close();
                    LOG.info("stopped: {}", nat64.sample(uptimeMillis()).exits());
                    return Main.OK;
                }
                var health = nat64.health();
                if (!health.dataPathUp()) {
                    LOG.error("the data path stopped: {}; exiting",
                            health.failure() != null ? health.failure() : "a thread ended unexpectedly");
                    nat64.close();
                    return Main.RUNTIME_ERROR;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            nat64.close();
            return Main.RUNTIME_ERROR;
        }
    }

    private void reload(Nat64Service nat64) {
        Nat64Section next;
        try {
            next = Nat64DaemonConfig.load(configPath).nat64();
        } catch (ConfigException e) {
            LOG.error("SIGHUP: configuration not reloaded, still running the previous one: {}", e.getMessage());
            return;
        }
        Nat64Service.Reload r = nat64.reload(next);
        LOG.info("SIGHUP: configuration reloaded{}", r.changes().isEmpty() ? ", nothing changed"
                : ": " + String.join("; ", r.changes()));
        if (!r.restart().isEmpty()) {
            LOG.warn("SIGHUP: changes in {} need a restart and were not applied", String.join(" and ", r.restart()));
        }
    }

    private long uptimeMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
    }

    /** {@code translating on nat64: pool6 ..., pool4 203.0.113.1 (+0), 2 static BIB entries, 1 worker, metrics ...}. */
    private String startupLine(Nat64Service nat64) {
        Nat64Section c = config.nat64();
        var pool = c.engine().pool4();
        return "translating on " + nat64.datapath().tun().name() + ": pool6 " + c.pool6() + ", pool4 "
                + Ipv4.format(pool.address(0)) + (pool.size() > 1 ? " (+" + (pool.size() - 1) + ")" : "") + " tcp "
                + pool.range(Protocol.TCP).first() + "-" + pool.range(Protocol.TCP).last() + ", "
                + c.staticBib().size() + " static BIB entries, " + c.tun().workers() + " worker(s), offloads "
                + SiitDaemon.offloads(nat64.datapath().tun()) + ", mapping log " + c.log() + ", metrics "
                + (config.metrics().enabled() ? config.metrics().url() : "off");
    }
}
