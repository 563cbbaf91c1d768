package net.v6mostly.service;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.config.Dhcp4Section;
import net.v6mostly.config.RunConfig;
import net.v6mostly.dhcp4.Adoption;
import net.v6mostly.dhcp4.Dhcp4Config;
import net.v6mostly.dhcp4.Dhcp4Engine;
import net.v6mostly.dhcp4.Dhcp4Stat;
import net.v6mostly.dhcp4.LeaseJournal;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.net.Dhcp4Server;
import net.v6mostly.ops.Dhcp4Metrics;
import net.v6mostly.ops.Exposition;

/**
 * The DHCPv4 server with option 108 ({@link Dhcp4Server}, RFC 2131, RFC 8925) as a gateway
 * component on its own thread. It follows the signalling by withholding option 108 while
 * IPv6-only service is withdrawn ({@link Dhcp4Engine#suspendV6Only}). The engine is owned by the
 * server thread, which publishes the adoption figures for the metrics once a second; the metrics
 * add the IPv6-only share per subnet (clients sent 108 and no address, over all clients seen).
 */
public final class Dhcp4Service implements Service {
    /** The IPv6-only share gauge. */
    public static final String SHARE = "v6mostly_dhcp4_ipv6_only_share";
    /** How often the adoption figures are logged. */
    static final long ADOPTION_LOG_MILLIS = 600_000;

    private volatile Dhcp4Section.Settings settings;
    private final Dhcp4Engine engine;
    private final Consumer<String> log;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Dhcp4Config> pendingReload = new AtomicReference<>();
    private final long started = System.currentTimeMillis();
    private volatile boolean stop;
    private volatile Dhcp4Metrics.Sample published;
    private volatile String failure;
    private LeaseJournal journal;
    private Dhcp4Server server;
    private Thread thread;

    /** A component serving {@code settings}. */
    public Dhcp4Service(Dhcp4Section.Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.engine = new Dhcp4Engine(settings.config());
        this.log = log;
    }

    @Override
    public String name() {
        return "dhcp4";
    }

    @Override
    public void start() throws IOException {
        journal = LeaseJournal.open(settings.leaseDirectory(), engine::restore,
                w -> log.accept("dhcp4: warning: lease store: " + w), settings.leaseFsync());
        publish();
        // the sockets live in a confined arena: opened, used and closed by the server thread only
        CompletableFuture<String> opened = new CompletableFuture<>();
        thread = Thread.ofPlatform().name("gateway-dhcp4").start(() -> serve(opened));
        String failure = opened.join();
        if (failure != null) {
            journal.close();
            throw new IOException("dhcp4: " + failure);
        }
        log.accept("dhcp4: serving " + settings.interfaces() + ", "
                + engine.activeLeases(clock.instant().getEpochSecond()) + " active lease(s) restored from "
                + settings.leaseDirectory());
    }

    private void serve(CompletableFuture<String> opened) {
        try {
            // the gateway's log flushes each line itself
            server = new Dhcp4Server(engine, journal, settings.interfaces(), line -> log.accept("dhcp4: " + line),
                    () -> { }, clock);
            server.logEachMessage(settings.logMessages());
        } catch (LinuxException e) {
            opened.complete(e.getMessage());
            return;
        }
        opened.complete(null);
        try {
            server.run(new Dhcp4Server.Control() {
                private long nextPublish;
                private long nextAdoptionLog = clock.millis() + ADOPTION_LOG_MILLIS;

                @Override
                public boolean stopRequested() {
                    return stop;
                }

                @Override
                public Dhcp4Config reloadRequested() {
                    long now = clock.millis();
                    if (now >= nextPublish) {
                        nextPublish = now + 1000;
                        publish();
                    }
                    if (now >= nextAdoptionLog) {   // the operator's figure, in the log too (docs/dhcp4.md)
                        nextAdoptionLog = now + ADOPTION_LOG_MILLIS;
                        published.adoption().forEach(a -> log.accept("adoption " + a));
                    }
                    return pendingReload.getAndSet(null);
                }
            });
        } catch (LinuxException | IOException e) {
            failure = "server stopped on error: " + e.getMessage();
            log.accept("dhcp4: " + failure);
        } finally {
            server.close();
            try {
                journal.close();
            } catch (IOException e) {
                log.accept("dhcp4: closing the lease journal: " + e.getMessage());
            }
        }
    }

    /** Called on the server thread (or before it starts): the engine is not thread-safe. */
    private void publish() {
        published = new Dhcp4Metrics.Sample(Map.of(), engine.adoption(),
                engine.activeLeases(clock.instant().getEpochSecond()), System.currentTimeMillis() - started);
    }

    @Override
    public ReloadOutcome reload(RunConfig config) {
        Dhcp4Section.Settings next = config.dhcp4();
        if (next == null) {
            return ReloadOutcome.applied(List.of(), List.of("[dhcp4] removed: the server runs until a restart"));
        }
        List<String> restart = new ArrayList<>();
        if (!next.interfaces().equals(settings.interfaces())) {
            restart.add("interfaces");
        }
        if (!next.leaseDirectory().equals(settings.leaseDirectory()) || next.leaseFsync() != settings.leaseFsync()) {
            restart.add("lease-directory, lease-fsync");
        }
        if (next.config().equals(settings.config())) {
            return ReloadOutcome.applied(List.of(), restart);
        }
        pendingReload.set(next.config());   // the server thread applies it between two datagrams
        settings = new Dhcp4Section.Settings(next.config(), settings.interfaces(), settings.leaseDirectory(),
                next.warnings(), settings.leaseFsync(), next.logMessages());
        return ReloadOutcome.applied(List.of(next.config().subnets().size() + " subnet(s), leases kept"), restart);
    }

    /**
     * Every non-zero counter with its explanation, then the adoption figures per subnet (RFC 8925
     * option 108); read once the server thread has stopped (the engine is single-threaded).
     */
    @Override
    public String summary() {
        StringBuilder b = new StringBuilder("counters:");
        for (Map.Entry<Dhcp4Stat, Long> e : engine.counters().snapshot().entrySet()) {
            if (e.getValue() > 0) {
                b.append(String.format(Locale.ROOT, "%n  %-28s %8d  %s", e.getKey().name(), e.getValue(),
                        e.getKey().explanation()));
            }
        }
        b.append("\nadoption (RFC 8925 option 108):");
        for (Adoption a : engine.adoption()) {
            b.append("\n  ").append(a);
        }
        return b.toString();
    }

    @Override
    public String failure() {
        return failure;
    }

    /**
     * False: a dead DHCPv4 server keeps PREF64 advertised. Hosts that already went IPv6-only (RFC
     * 8925 §3.2) keep using the NAT64 through PREF64 and DNS64, which still serve; withdrawing
     * PREF64 would break them too. Option 108 is gone with the server anyway.
     */
    @Override
    public boolean withdrawsSignallingWhenDead() {
        return false;
    }

    @Override
    public void ipv6OnlySignalling(boolean enabled) {
        engine.suspendV6Only(!enabled);
    }

    @Override
    public void stop() {
        stop = true;
        ServiceThreads.await(thread, 10_000);
    }

    @Override
    public MetricSnapshots metrics() {
        Dhcp4Metrics.Sample p = published;
        return Exposition.concat(Dhcp4Metrics.snapshots(new Dhcp4Metrics.Sample(engine.counters().snapshot(),
                p.adoption(), p.activeLeases(), System.currentTimeMillis() - started)),
                Dhcp4Metrics.share(p.adoption(), engine.v6OnlySuspended()));
    }

}
