package net.v6mostly.service;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.config.GatewaySettings;
import net.v6mostly.config.RunConfig;
import net.v6mostly.dns64.Dns64Counters;
import net.v6mostly.dns64.Dns64Server;
import net.v6mostly.dns64.Dns64Settings;
import net.v6mostly.dns64.UpstreamProbe;
import net.v6mostly.ops.Dns64Metrics;

/**
 * The DNS64 proxy ({@link Dns64Server}, RFC 6147, RFC 8880) as a gateway component, and a health
 * input: a prober thread asks the upstreams every {@code health-interval-ms}; DNS64 counts as
 * down after {@code health-failures} probes in a row found no upstream answering, and as up again
 * after {@code health-successes} good ones ({@link HealthTracker}).
 */
public final class Dns64Service implements Service {
    private final Dns64Counters counters;
    private final Consumer<String> log;
    private volatile Dns64Settings settings;
    private volatile GatewaySettings gateway;
    private final HealthTracker tracker;
    private volatile UpstreamProbe probe;
    private volatile boolean stop;
    private volatile long probes;
    private volatile long failedProbes;
    private Dns64Server server;
    private Thread prober;

    /** A component serving {@code settings}, probing as {@code gateway} says. */
    public Dns64Service(Dns64Settings settings, GatewaySettings gateway, Consumer<String> log) {
        this.settings = settings;
        this.gateway = gateway;
        this.log = log;
        this.counters = new Dns64Counters(log);
        this.tracker = new HealthTracker(gateway.failures(), gateway.successes());
        this.probe = new UpstreamProbe(settings.upstreams(), settings.upstreamTimeout(), gateway.probeName());
    }

    @Override
    public String name() {
        return "dns64";
    }

    @Override
    public void start() throws IOException {
        server = Dns64Server.start(settings, counters);
        log.accept("dns64: listening on " + server.addresses() + " (UDP and TCP); upstreams " + settings.upstreams()
                + "; prefixes " + settings.prefixes());
        probeOnce();   // the first probe decides before the RA and DHCPv4 start signalling
        prober = Thread.ofPlatform().daemon().name("gateway-dns64-probe").start(this::probeLoop);
    }

    private void probeOnce() {
        String failure = probe.probe();
        probes++;
        if (failure != null) {
            failedProbes++;
        }
        tracker.record(failure);
    }

    private void probeLoop() {
        while (!stop) {
            long until = System.nanoTime() + gateway.probeInterval().toNanos();
            while (!stop && System.nanoTime() < until) {
                try {
                    Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!stop) {
                probeOnce();
            }
        }
    }

    @Override
    public Health health() {
        return tracker.current();
    }

    @Override
    public boolean isHealthInput() {
        return true;
    }

    @Override
    public ReloadOutcome reload(RunConfig config) {
        if (config.dns64() == null) {
            return ReloadOutcome.applied(List.of(), List.of("[dns64] removed: DNS64 serves until a restart"));
        }
        if (config.dns64().equals(settings) && config.gateway().equals(gateway)) {
            return ReloadOutcome.UNCHANGED;
        }
        settings = config.dns64();
        gateway = config.gateway();
        server.reload(settings);
        probe = new UpstreamProbe(settings.upstreams(), settings.upstreamTimeout(), gateway.probeName());
        // the health state is kept across a reload (new thresholds need a restart): a reload must not
        // flip the signalling of the whole network by itself
        return ReloadOutcome.applied(List.of("upstreams, prefixes, exclusions and client lists"),
                List.of("listen addresses and limits, if changed"));
    }

    @Override
    public void stop() {
        stop = true;
        if (prober != null) {
            prober.interrupt();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    public MetricSnapshots metrics() {
        Health h = tracker.current();
        return Dns64Metrics.snapshots(counters.snapshot(), h.up(), probes, failedProbes);
    }

    /** The counters with their explanations, one per line: what {@code v6mostly dns64} prints when it stops. */
    @Override
    public String summary() {
        return "with counters:\n" + counters.report();
    }

    /** Why a listening socket failed for good, or null. */
    @Override
    public String failure() {
        Throwable t = server == null ? null : server.failure().getNow(null);
        return t == null ? null : "a listening socket failed: " + t.getMessage();
    }
}
