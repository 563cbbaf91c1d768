package net.v6mostly.service;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.config.RaConfig;
import net.v6mostly.config.RunConfig;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.ndp.NdpStat;
import net.v6mostly.net.RaService;
import net.v6mostly.ops.RaMetrics;

/**
 * The RA sender ({@link RaService}, RFC 4861 §6.2) as a gateway component on its own thread. It
 * follows the signalling by advertising PREF64 with lifetime 0 while IPv6-only service is
 * withdrawn; {@link #stop} sends the final RA with router lifetime 0 (§6.2.5).
 */
public final class RouterAdvertisementService implements Service {
    private final RaService service;
    private final Consumer<String> log;
    private Thread thread;
    private volatile String failure;

    /** A component for {@code ra}, logging through {@code log}. */
    public RouterAdvertisementService(RaConfig ra, Consumer<String> log) {
        this.service = new RaService(ra.interfaces(), log, new SplittableRandom());
        this.log = log;
    }

    @Override
    public String name() {
        return "ra";
    }

    @Override
    public void start() throws IOException {
        thread = Thread.ofPlatform().name("gateway-ra").start(() -> {
            try {
                service.run();
            } catch (LinuxException e) {
                failure = "stopped on error: " + e.getMessage();
                log.accept("ra: " + e.getMessage());
            }
        });
        try {
            String failed = service.awaitOpened(10_000);
            if (failed != null) {
                service.stop();
                throw new IOException("ra: " + failed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("ra: interrupted while opening the interfaces", e);
        }
    }

    @Override
    public ReloadOutcome reload(RunConfig config) {
        if (config.ra() == null) {
            return ReloadOutcome.applied(List.of(), List.of("[ra] removed: RAs go on until a restart"));
        }
        service.reload(config.ra().interfaces());
        return ReloadOutcome.applied(List.of(config.ra().interfaces().size() + " interface(s), schedule kept"),
                List.of());
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public void ipv6OnlySignalling(boolean enabled) {
        service.withdrawPref64(!enabled);
    }

    @Override
    public void stop() {
        service.stop();
        ServiceThreads.await(thread, 10_000);
    }

    @Override
    public MetricSnapshots metrics() {
        return RaMetrics.snapshots(service.counters().snapshot(), service.pref64Withdrawn());
    }

    /** The counters with their explanations, one per line, the drops only when not zero. */
    @Override
    public String summary() {
        StringBuilder b = new StringBuilder("with counters:");
        for (Map.Entry<NdpStat, Long> e : service.counters().snapshot().entrySet()) {
            if (e.getValue() > 0 || !e.getKey().isDrop()) {
                b.append('\n').append(String.format(java.util.Locale.ROOT, "%-26s %8d  %s",
                        e.getKey().name().toLowerCase(java.util.Locale.ROOT), e.getValue(), e.getKey().explanation()));
            }
        }
        return b.toString();
    }
}
