package net.v6mostly.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.config.RunConfig;
import net.v6mostly.ops.Exposition;
import net.v6mostly.ops.GatewayMetrics;
import net.v6mostly.ops.Logs;

/**
 * The services of one process in start order (DNS64 first, so the RDNSS the first RA names
 * answers; then DHCPv4, NAT64 and the CLAT; the RA last, so hosts hear of the network once the
 * rest serves, and first to stop, so hosts hear the final RA before the NAT64 goes), the health
 * signalling over them, and the metrics of all. Stops in reverse order: the final RA (router
 * lifetime 0, RFC 4861 §6.2.5) goes out first.
 *
 * <p>Each service is watched while it runs ({@link ServiceThreads}, DESIGN.md §6): one whose
 * serving thread ended (or that reports a {@linkplain Service#failure failure}) is dead; it is
 * logged once with the reason, {@code v6mostly_component_up} drops to 0 for it and
 * {@code v6mostly_gateway_up} to 0, and the health signalling withdraws what depends on it. The
 * other services go on serving. What then happens to the dead one is the {@link Runner}'s policy:
 * {@link #restart} puts a fresh instance in its place.
 */
public final class ServiceGroup {
    /** How long a stop may take before the service is abandoned as hung. */
    static final long STOP_MILLIS = 10_000;
    private volatile long stopMillis = STOP_MILLIS;

    private final List<Service> services;
    private final HealthSignal signal;
    private final Consumer<String> log;
    private final boolean gateway;
    private final long started = System.currentTimeMillis();
    private final List<Service> running = new ArrayList<>();
    private final Map<Service, ServiceThreads> threads = new IdentityHashMap<>();
    private final Map<String, String> dead = new ConcurrentHashMap<>();
    private final Map<String, Long> restarts = new ConcurrentHashMap<>();

    /**
     * A group of {@code services} (in start order) signalling as {@code signal} decides; with
     * {@code gateway} the metrics carry the gateway's own gauges (signalling, health inputs).
     */
    public ServiceGroup(List<Service> services, HealthSignal signal, Consumer<String> log, boolean gateway) {
        this.services = new ArrayList<>(services);
        this.signal = signal;
        this.log = log;
        this.gateway = gateway;
    }

    /** A gateway's group: its metrics carry the gateway's gauges. */
    public ServiceGroup(List<Service> services, HealthSignal signal, Consumer<String> log) {
        this(services, signal, log, true);
    }

    /**
     * Starts every service; on a failure stops those already started and rethrows. The
     * signalling is decided before each start, so a health input found down while starting (DNS64
     * without upstream) already shapes the first RA and the first DHCPv4 answer.
     */
    public void start() throws IOException {
        for (Service c : List.copyOf(services)) {
            try {
                signal.poll(dead);
                startOne(c);
            } catch (IOException | RuntimeException e) {
                log.accept("cannot start " + c.name() + ": " + e.getMessage() + "; stopping the others");
                stop();
                throw e;
            }
        }
        signal.poll(dead);
    }

    private void startOne(Service c) throws IOException {
        ServiceThreads group = new ServiceThreads(c.name());
        group.start(c::start);
        synchronized (this) {
            threads.put(c, group);
            running.add(c);
        }
        if (!group.names().isEmpty()) {
            log.accept(c.name() + " serves on threads " + String.join(", ", group.names()));
        }
    }

    /**
     * One round of watching the services and of the health signalling; call a few times a
     * second. Returns the decision.
     */
    public boolean poll() {
        watch();
        return signal.poll(dead);
    }

    /** Marks newly dead services, each logged once. */
    private synchronized void watch() {
        for (Service c : running) {
            if (dead.containsKey(c.name())) {
                continue;
            }
            ServiceThreads group = threads.get(c);
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
                    + c.name() + "\"} 0" + (!gateway ? "" : c.withdrawsSignallingWhenDead()
                            ? "; the IPv6-only signalling depends on it"
                            : "; option 108 and PREF64 are kept: IPv6-only hosts do not need it"));
        }
    }

    /** The services found dead, by name, with the reason. */
    public Map<String, String> dead() {
        return Map.copyOf(dead);
    }

    /**
     * Replaces the dead service {@code name} by {@code fresh}: stops the old one (abandoned after
     * {@value #STOP_MILLIS} ms if its stop hangs), starts the new one in the signalling state in
     * force, and marks it alive. On a failed start the old one stays dead and the error is thrown.
     */
    public void restart(String name, Service fresh) throws IOException {
        Service old = find(name);
        if (old == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        synchronized (this) {
            ServiceThreads group = threads.get(old);
            if (group != null) {   // null after a failed restart: it never started
                group.stopping();
            }
        }
        if (!stopWithin(old, stopMillis)) {
            log.accept(name + " did not stop within " + stopMillis + " ms: abandoned (its threads may"
                    + " still hold resources)");
        }
        synchronized (this) {
            running.remove(old);
            threads.remove(old);
            services.set(services.indexOf(old), fresh);
            signal.replace(old, fresh);
        }
        restarts.merge(name, 1L, Long::sum);
        try {
            startOne(fresh);
        } catch (IOException | RuntimeException e) {
            dead.put(name, "restart failed: " + e.getMessage());
            throw e;
        }
        dead.remove(name);
        signal.poll(dead);
    }

    private synchronized Service find(String name) {
        for (Service s : services) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Runs {@code s.stop()} and waits at most {@code millis}; false when it hangs. */
    static boolean stopWithin(Service s, long millis) {
        Thread t = Thread.ofPlatform().daemon().name("stop-" + s.name()).start(s::stop);
        ServiceThreads.await(t, millis);
        return !t.isAlive();
    }

    /** Applies a validated configuration to every running service; returns each outcome by name. */
    public Map<String, ReloadOutcome> reload(RunConfig config) {
        Map<String, ReloadOutcome> out = new java.util.LinkedHashMap<>();
        for (Service c : List.copyOf(running)) {
            out.put(c.name(), c.reload(config));
        }
        return out;
    }

    /** Stops the running services in reverse start order, each within {@value #STOP_MILLIS} ms; false if one hung. */
    public boolean stop() {
        List<Service> order;
        synchronized (this) {
            threads.values().forEach(ServiceThreads::stopping);
            order = new ArrayList<>(running);
            running.clear();
        }
        boolean clean = true;
        for (int i = order.size() - 1; i >= 0; i--) {
            Service c = order.get(i);
            if (stopWithin(c, stopMillis)) {
                String summary = c.summary();
                log.accept("stopped " + c.name());
                if (!summary.isEmpty()) {
                    log.accept(c.name() + " " + summary);
                }
            } else {
                clean = false;
                log.accept(c.name() + " did not stop within " + stopMillis + " ms: abandoned");
            }
        }
        return clean;
    }

    /** Sets how long a stop may take (tests). */
    void stopMillis(long millis) {
        stopMillis = millis;
    }

    /** The services in start order (the current instances). */
    public synchronized List<Service> services() {
        return List.copyOf(services);
    }

    /** The page paths of every running service besides {@code /metrics}, each read from the current instance. */
    public Map<String, Supplier<String>> pages() {
        Map<String, Supplier<String>> out = new TreeMap<>();
        List<Service> started;
        synchronized (this) {
            started = List.copyOf(running);
        }
        for (Service c : started) {
            String name = c.name();
            for (String path : c.pages().keySet()) {
                out.put(path, () -> {
                    Service now = find(name);
                    Supplier<String> page = now == null ? null : now.pages().get(path);
                    return page == null ? "" : page.get();
                });
            }
        }
        return out;
    }

    /**
     * The whole metrics page: whether each service serves and how often it was restarted, the
     * gateway's own families (signalling, health inputs) in the gateway, then each service's.
     */
    public MetricSnapshots metrics() {
        List<Service> all = services();
        Map<String, Boolean> up = new LinkedHashMap<>();
        Map<String, Long> restarted = new LinkedHashMap<>();
        for (Service c : all) {
            up.put(c.name(), !dead.containsKey(c.name()));
            restarted.put(c.name(), restarts.getOrDefault(c.name(), 0L));
        }
        Map<String, Boolean> inputs = new LinkedHashMap<>();
        signal.inputs().forEach((name, health) -> inputs.put(name, health.up()));
        MetricSnapshots own = gateway
                ? GatewayMetrics.snapshots(dead.isEmpty(), up, System.currentTimeMillis() - started,
                        signal.signalling(), signal.changes(), inputs)
                : GatewayMetrics.components(up);
        List<MetricSnapshots> parts = new ArrayList<>();
        parts.add(own);
        parts.add(GatewayMetrics.restarts(restarted));
        parts.add(GatewayMetrics.logTruncations(Logs.truncatedFields()));
        all.forEach(c -> parts.add(c.metrics()));
        return Exposition.concat(parts.toArray(MetricSnapshots[]::new));
    }
}
