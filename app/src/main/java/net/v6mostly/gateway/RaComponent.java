package net.v6mostly.gateway;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import net.v6mostly.config.GatewayConfig;
import net.v6mostly.config.RaConfig;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.net.RaService;
import net.v6mostly.ops.Exposition;
import net.v6mostly.ops.RaMetrics;

/**
 * The RA sender ({@link RaService}, RFC 4861 §6.2) as a gateway component on its own thread. It
 * follows the signalling by advertising PREF64 with lifetime 0 while IPv6-only service is
 * withdrawn; {@link #stop} sends the final RA with router lifetime 0 (§6.2.5).
 */
public final class RaComponent implements GatewayComponent {
    private final RaService service;
    private final Consumer<String> log;
    private Thread thread;
    private volatile String failure;

    /** A component for {@code ra}, logging through {@code log}. */
    public RaComponent(RaConfig ra, Consumer<String> log) {
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
    public void reload(GatewayConfig config) {
        if (config.ra() != null) {
            service.reload(config.ra().interfaces());
        }
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
        try {
            if (thread != null) {
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String metrics() {
        return Exposition.text(RaMetrics.snapshots(service.counters().snapshot(), service.pref64Withdrawn()));
    }
}
