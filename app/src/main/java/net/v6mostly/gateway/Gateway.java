package net.v6mostly.gateway;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import net.v6mostly.config.GatewayConfig;
import net.v6mostly.ops.Exposition;
import net.v6mostly.ops.GatewayMetrics;

/**
 * The running gateway: its components in start order (DNS64 first, so the RDNSS the first RA
 * names answers; then DHCPv4 and NAT64; the RA last, so hosts hear of the network once the rest
 * serves, and first to stop, so hosts hear the final RA before the NAT64 goes), the health
 * signalling over them, and the metrics of all. Stops in reverse order: the final RA (router
 * lifetime 0, RFC 4861 §6.2.5) goes out first.
 *
 * <p>Each component is watched while it runs ({@link ComponentThreads}, DESIGN.md §6): one whose
 * serving thread ended (or that reports a {@linkplain GatewayComponent#failure failure}) is dead
 * for good; it is logged once with the reason, {@code v6mostly_component_up} drops to 0 for it
 * and {@code v6mostly_gateway_up} to 0, and the health signalling withdraws what depends on it.
 * The other components go on serving.
 */
public final class Gateway {
    private final List<GatewayComponent> components;
    private final HealthSignal signal;
    private final Consumer<String> log;
    private final long started = System.currentTimeMillis();
    private final List<GatewayComponent> running = new ArrayList<>();
    private final Map<GatewayComponent, ComponentThreads> threads = new IdentityHashMap<>();
    private final Map<String, String> dead = new ConcurrentHashMap<>();

    /** A gateway of {@code components} (in start order) signalling as {@code signal} decides. */
    public Gateway(List<GatewayComponent> components, HealthSignal signal, Consumer<String> log) {
        this.components = List.copyOf(components);
        this.signal = signal;
        this.log = log;
    }

    /**
     * Starts every component; on a failure stops those already started and rethrows. The
     * signalling is decided before each start, so a health input found down while starting (DNS64
     * without upstream) already shapes the first RA and the first DHCPv4 answer.
     */
    public void start() throws IOException {
        for (GatewayComponent c : components) {
            try {
                signal.poll(dead);
                ComponentThreads group = new ComponentThreads(c.name());
                group.start(c::start);
                synchronized (this) {
                    threads.put(c, group);
                    running.add(c);
                }
                if (!group.names().isEmpty()) {
                    log.accept(c.name() + " serves on threads " + String.join(", ", group.names()));
                }
            } catch (IOException | RuntimeException e) {
                log.accept("cannot start " + c.name() + ": " + e.getMessage() + "; stopping the others");
                stop();
                throw e;
            }
        }
        signal.poll(dead);
    }

    /**
     * One round of watching the components and of the health signalling; call a few times a
     * second. Returns the decision.
     */
    public boolean poll() {
        watch();
        return signal.poll(dead);
    }

    /** Marks newly dead components, each logged once. */
    private synchronized void watch() {
        for (GatewayComponent c : running) {
            if (dead.containsKey(c.name())) {
                continue;
            }
            ComponentThreads group = threads.get(c);
            if (group.isStopping()) {
                continue;
            }
            String threadFailure = group.failure();
            String own = c.failure();
            if (threadFailure == null && own == null) {
                continue;
            }
            String reason = own != null ? own : threadFailure;
            dead.put(c.name(), reason);
            log.accept("component " + c.name() + " is dead: " + reason + "; v6mostly_component_up{component=\""
                    + c.name() + "\"} 0; " + (c.withdrawsSignallingWhenDead()
                            ? "the IPv6-only signalling depends on it"
                            : "option 108 and PREF64 are kept: IPv6-only hosts do not need it"));
        }
    }

    /** The components found dead, by name, with the reason. */
    public Map<String, String> dead() {
        return Map.copyOf(dead);
    }

    /** Applies a validated configuration to every component. */
    public void reload(GatewayConfig config) {
        for (GatewayComponent c : running) {
            c.reload(config);
        }
    }

    /** Stops the running components in reverse start order. */
    public synchronized void stop() {
        threads.values().forEach(ComponentThreads::stopping);
        for (int i = running.size() - 1; i >= 0; i--) {
            GatewayComponent c = running.get(i);
            c.stop();
            log.accept("stopped " + c.name());
        }
        running.clear();
    }

    /** The pages of every component besides {@code /metrics} (NAT64's bib, sessions, stats); once started. */
    public Map<String, Supplier<String>> pages() {
        Map<String, Supplier<String>> out = new java.util.TreeMap<>();
        for (GatewayComponent c : running) {
            out.putAll(c.pages());
        }
        return out;
    }

    /** The whole metrics page: the gateway's own gauges, then each component's. */
    public String metrics() {
        Map<String, Boolean> health = new java.util.LinkedHashMap<>();
        signal.inputs().forEach((name, h) -> health.put(name, h.up()));
        Map<String, Boolean> up = new java.util.LinkedHashMap<>();
        for (GatewayComponent c : components) {
            up.put(c.name(), !dead.containsKey(c.name()));
        }
        StringBuilder out = new StringBuilder(Exposition.text(GatewayMetrics.snapshots(dead.isEmpty(), up,
                System.currentTimeMillis() - started, signal.signalling(), signal.changes(), health)));
        for (GatewayComponent c : components) {
            out.append(c.metrics());
        }
        return out.toString();
    }
}
