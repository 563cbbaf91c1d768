package net.v6mostly.service;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.RunConfig;
import net.v6mostly.config.SupervisionSettings;
import net.v6mostly.ops.Logs;
import net.v6mostly.ops.MetricsServer;
import sun.misc.Signal;

/**
 * Runs the services of one command ({@code v6mostly gateway} several, {@code v6mostly nat64} one) and
 * owns what every daemon shares (DESIGN.md §2): the signals (SIGTERM/SIGINT stop, SIGHUP reloads
 * the file: a bad file keeps the running settings), the one metrics endpoint ({@code [metrics]}),
 * the health signalling, and supervision. A service whose thread died or whose loop ended is
 * logged, {@code v6mostly_component_up} drops to 0 and the signalling withdraws what depends on it
 * ({@link ServiceGroup}); then {@code [gateway] on-component-failure} decides:
 * <ul>
 *   <li>{@code "restart"}: a fresh instance from the configuration in force, after a back-off of
 *       1 s doubling to {@value #MAX_BACKOFF_MILLIS} ms; after {@code max-restarts} restarts in a row
 *       (the count starts again once the service ran {@value #HEALTHY_MILLIS} ms) the runner gives up
 *       and exits 1;</li>
 *   <li>{@code "exit"}: every service is stopped and the process exits 1, so its supervisor
 *       (systemd {@code Restart=on-failure}) starts it again.</li>
 * </ul>
 */
public final class Runner {
    /** Exit status: stopped by SIGTERM/SIGINT. */
    public static final int OK = 0;
    /** Exit status: a service could not start, or one died and the policy gave up. */
    public static final int FAILED = 1;
    static final long POLL_MILLIS = 250;
    static final long MAX_BACKOFF_MILLIS = 30_000;
    static final long HEALTHY_MILLIS = 600_000;
    /** The words that make a line a warning; whole words, so a counter named INTERNAL_ERROR is not one. */
    private static final java.util.regex.Pattern WARNING = java.util.regex.Pattern.compile(
            "\\b(warning|error|down|withdrawn|cannot|refused|dead|failed|giving up|did not stop)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Reads the file again for SIGHUP and for a restart; validated as a whole. */
    @FunctionalInterface
    public interface Loader {
        /** The configuration now in the file. */
        RunConfig load() throws ConfigException;
    }

    /** Where the runner writes: one line per event, tagged with the component. */
    @FunctionalInterface
    public interface Log {
        /** Writes {@code message} for {@code component}. */
        void write(String component, String message);

        /** A sink for one component's lines. */
        default java.util.function.Consumer<String> component(String name) {
            return line -> write(name, line.startsWith(name + ": ") ? line.substring(name.length() + 2) : line);
        }
    }

    private final String command;
    private final Loader loader;
    private final Function<RunConfig, List<Service>> factory;
    private final Log log;
    private final boolean gateway;
    private final BlockingQueue<String> signals = new LinkedBlockingQueue<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private volatile RunConfig config;
    private ServiceGroup group;

    /** A dead service's next restart: when, and how many came before it in a row. */
    private record Pending(long dueNanos, int attempt, long aliveSinceNanos) {
    }

    /**
     * A runner for {@code command} over the services {@code factory} makes from a configuration
     * (called once at start, and again to make a fresh instance of a dead service).
     *
     * @param gateway whether the IPv6-only signalling and the gateway's gauges apply (the gateway command)
     */
    public Runner(String command, RunConfig config, Loader loader, Function<RunConfig, List<Service>> factory, Log log,
            boolean gateway) {
        this.command = command;
        this.config = config;
        this.loader = loader;
        this.factory = factory;
        this.log = log;
        this.gateway = gateway;
    }

    /** Exit status: the configuration file is invalid. */
    public static final int USAGE = 2;

    /**
     * What every daemon command does once its options are parsed: load the file ({@code err} gets
     * a located error, exit {@value #USAGE}), log its warnings, run the services {@code factory}
     * makes until SIGTERM/SIGINT. Returns the exit status.
     */
    public static int runCommand(String command, Loader loader, Function<RunConfig, List<Service>> factory,
            boolean gateway, Log log, java.io.PrintWriter err) {
        RunConfig config;
        try {
            config = loader.load();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.flush();
            return USAGE;
        }
        Logs.configure(config.logging());
        config.warnings().forEach(w -> log.write("config", w));
        return new Runner(command, config, loader, factory, log, gateway).run();
    }

    /**
     * The log of every daemon: SLF4J, one logger per component ({@link Logs#component}), written as
     * {@code [logging]} says; the runner's and the services' lines at warn when they report a failure.
     */
    public static Log slf4j() {
        return (component, message) -> {
            org.slf4j.Logger logger = Logs.component(component);
            if (isWarning(message)) {
                logger.warn("{}", message);
            } else {
                logger.info("{}", message);
            }
        };
    }

    /** Whether a service's line (they carry no level) reports a failure: then it is logged at warn. */
    static boolean isWarning(String message) {
        return WARNING.matcher(message).find();
    }

    /** Starts, serves until SIGTERM/SIGINT or an unrecoverable failure, stops; returns the exit status. */
    public int run() {
        try {
            start();
        } catch (IOException e) {
            log.write(command, "cannot start: " + e.getMessage());
            return FAILED;
        }
        MetricsServer metrics;
        try {
            metrics = config.metrics().enabled() ? MetricsServer.start(config.metrics().listen(), group::metrics,
                    group.pages(), log.component("metrics")) : null;
        } catch (IOException e) {
            group.stop();
            log.write(command, "cannot serve metrics on " + config.metrics().url() + ": " + e.getMessage()
                    + " (set [metrics] listen to another address, or \"off\")");
            return FAILED;
        }
        for (String name : List.of("TERM", "INT", "HUP")) {
            Signal.handle(new Signal(name), s -> signals.offer(s.getName()));
        }
        // written once the handlers are in place: a supervisor waiting for it may signal at once
        log.write(command, "running " + group.services().stream().map(Service::name).toList()
                + (config.pref64() != null ? " with PREF64 " + config.pref64().prefixes() : "")
                + (metrics != null ? "; metrics at " + config.metrics().url() : ""));
        try (MetricsServer m = metrics) {
            return serve();
        }
    }

    /** Makes the services and starts them in order; for tests and {@link #run}. */
    void start() throws IOException {
        List<Service> services = factory.apply(config);
        HealthSignal signal = new HealthSignal(services, log.component("health"),
                gateway && config.gateway().healthSignalling());
        group = new ServiceGroup(services, signal, log.component(command), gateway);
        group.start();
    }

    /** The group running; null before {@link #start}. */
    ServiceGroup group() {
        return group;
    }

    private int serve() {
        try {
            while (true) {
                String signal = signals.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if ("HUP".equals(signal)) {
                    reload();
                } else if (signal != null) {
                    log.write(command, "SIG" + signal + ": stopping");
                    return stop(OK);
                }
                Integer exit;
                try {
                    exit = supervise(System.nanoTime());
                } catch (RuntimeException e) { // a service's health() or failure() threw: this round only
                    log.write(command, "supervision round failed, next one in " + POLL_MILLIS + " ms: " + e);
                    continue;
                }
                if (exit != null) {
                    return stop(exit);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stop(FAILED);
        }
    }

    private int stop(int status) {
        boolean clean = group.stop();
        log.write(command, "stopped" + (clean ? "" : " (a service did not stop in time)"));
        return status;
    }

    /**
     * One round of supervision: watch, signal, and apply the policy to the dead. Returns the exit
     * status when the process must end, else null.
     */
    Integer supervise(long now) {
        group.poll();
        SupervisionSettings policy = config.supervision();
        Map<String, String> dead = group.dead();
        pending.entrySet().removeIf(e -> !dead.containsKey(e.getKey())
                && now - e.getValue().aliveSinceNanos() > TimeUnit.MILLISECONDS.toNanos(HEALTHY_MILLIS));
        for (Map.Entry<String, String> d : dead.entrySet()) {
            String name = d.getKey();
            if (!policy.restart()) {
                log.write(command, "component " + name + " is dead and on-component-failure is \"exit\": stopping"
                        + " everything, exit status 1");
                return FAILED;
            }
            Pending p = pending.get(name);
            if (p == null || p.dueNanos() == Long.MAX_VALUE) {
                int attempt = p == null ? 0 : p.attempt();
                if (attempt >= policy.maxRestarts()) {
                    log.write(command, "component " + name + " died again after " + attempt + " restart(s) in a row"
                            + " (max-restarts " + policy.maxRestarts() + "): giving up, exit status 1");
                    return FAILED;
                }
                long backoff = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(attempt, 15));
                pending.put(name, new Pending(now + TimeUnit.MILLISECONDS.toNanos(backoff), attempt, 0));
                log.write(command, "restarting " + name + " in " + backoff / 1000.0 + " s (restart " + (attempt + 1)
                        + " of at most " + policy.maxRestarts() + " in a row)");
            } else if (now >= p.dueNanos()) {
                restart(name, p, now);
            }
        }
        return null;
    }

    private void restart(String name, Pending p, long now) {
        Service fresh = factory.apply(config).stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        if (fresh == null) {
            log.write(command, "cannot restart " + name + ": no longer in the configuration");
            pending.put(name, new Pending(Long.MAX_VALUE, p.attempt() + 1, 0));
            return;
        }
        try {
            group.restart(name, fresh);
            log.write(command, "restarted " + name);
            pending.put(name, new Pending(Long.MAX_VALUE, p.attempt() + 1, now));
        } catch (IOException | RuntimeException e) {
            log.write(command, "restart of " + name + " failed: " + e.getMessage());
            pending.put(name, new Pending(Long.MAX_VALUE, p.attempt() + 1, 0));
        }
    }

    private void reload() {
        RunConfig next;
        try {
            next = loader.load();
        } catch (ConfigException e) {
            log.write(command, "SIGHUP: reload refused, keeping the running configuration: " + e.getMessage());
            return;
        }
        Logs.configure(next.logging());
        next.warnings().forEach(w -> log.write("config", w));
        RunConfig before = config;
        config = next;
        log.write(command, "SIGHUP: configuration reloaded; each component says what it applied");
        for (Map.Entry<String, ReloadOutcome> e : group.reload(next).entrySet()) {
            log.write(e.getKey(), "SIGHUP: " + e.getValue().describe());
        }
        if (!next.metrics().equals(before.metrics())) {
            log.write(command, "SIGHUP: [metrics] listen needs a restart (not applied)");
        }
    }
}
