package net.v6mostly.service;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.config.Nat64Section;
import net.v6mostly.config.RunConfig;
import net.v6mostly.config.TunSettings;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.linux.Rtnetlink;
import net.v6mostly.ops.Nat64Metrics;
import net.v6mostly.service.RunningNat64;
import net.v6mostly.tun.LinkConfigurator;

/**
 * The stateful NAT64 (PLAT, RFC 6146) as a gateway component: a {@link RunningNat64} (TUN device,
 * workers, tables, mapping log) started from the gateway's {@code [nat64]}, whose pool6 is the
 * {@code [pref64]} prefix. It is a health input of the IPv6-only signalling: down while the data
 * path is down — a worker or the sweeper stopped, or its TUN device is administratively down (no
 * packet reaches the NAT64 then) — and while pool4 is exhausted ({@link Nat64HealthRule}: a
 * mapping refused for lack of ports, RFC 6888 REQ-11, in the last 30 s, or 99 % of a protocol's
 * ports in use); up again after {@value #RECOVER_MS} ms of good readings. When the TUN comes back up its addresses and routes, which the kernel removed
 * with the link, are applied again. SIGHUP applies the new {@code [nat64]} without dropping
 * sessions; what needs a restart is logged and not applied.
 */
public final class Nat64Service implements Service {
    /** How long a refused mapping keeps pool4 counted as exhausted. */
    static final long EXHAUSTED_HOLD_MS = 30_000;
    /** The port share from which pool4 counts as exhausted. */
    static final double FULL_SHARE = 0.99;
    /** How long the NAT64 must stay healthy before the signalling comes back (no flapping). */
    static final long RECOVER_MS = 3_000;

    /** Opens a {@link LinkState}; the default opens an rtnetlink socket. */
    public interface LinkStates {
        /** A link-state reader, used by the health polls and closed at stop. */
        LinkState open() throws IOException;
    }

    /** Whether a link is administratively up. */
    public interface LinkState extends AutoCloseable {
        /** Whether {@code name} exists and has IFF_UP. */
        boolean up(String name) throws IOException;

        @Override
        default void close() {
        }
    }

    private final Nat64Section initial;
    private final Consumer<String> log;
    private final LinkConfigurator links;
    private final LinkStates linkStates;
    private final Nat64HealthRule rule = new Nat64HealthRule(EXHAUSTED_HOLD_MS, FULL_SHARE, RECOVER_MS);
    private final long started = System.currentTimeMillis();
    private volatile RunningNat64 service;
    private LinkState linkState;
    private boolean linkWasUp = true;

    /** A component running {@code nat64} with the system's rtnetlink. */
    public Nat64Service(Nat64Section nat64, Consumer<String> log) {
        this(nat64, log, LinkConfigurator.system(), Nat64Service::rtnetlink);
    }

    /** A service running {@code nat64}, configuring its link through {@code links} and watching it with rtnetlink. */
    public Nat64Service(Nat64Section nat64, Consumer<String> log, LinkConfigurator links) {
        this(nat64, log, links, Nat64Service::rtnetlink);
    }

    /** A component running {@code nat64}, configuring and watching its link through {@code links} and {@code linkStates}. */
    public Nat64Service(Nat64Section nat64, Consumer<String> log, LinkConfigurator links,
            LinkStates linkStates) {
        this.initial = nat64;
        this.log = log;
        this.links = links;
        this.linkStates = linkStates;
    }

    @Override
    public String name() {
        return "nat64";
    }

    @Override
    public void start() throws IOException {
        linkState = linkStates.open();
        try {
            service = RunningNat64.start(initial, links, log);
        } catch (LinuxException | IOException | RuntimeException e) {
            linkState.close();
            throw new IOException("nat64: " + e.getMessage(), e);
        }
        Nat64Section c = initial;
        log.accept("nat64: translating on " + c.tun().name() + ": pool6 " + c.pool6() + ", " + c.tun().workers()
                + " worker(s), pool4 of " + c.engine().pool4().size() + " address(es), " + c.staticBib().size()
                + " static BIB entr" + (c.staticBib().size() == 1 ? "y" : "ies") + ", mapping log "
                + c.log());
    }

    @Override
    public ReloadOutcome reload(RunConfig config) {
        RunningNat64 s = service;
        if (s == null) {
            return ReloadOutcome.UNCHANGED;
        }
        if (config.nat64() == null) {
            return ReloadOutcome.applied(List.of(), List.of("[nat64] removed: the NAT64 keeps running until a restart"));
        }
        return s.reload(config.nat64());   // sessions kept
    }

    @Override
    public void stop() {
        RunningNat64 s = service;
        if (s != null) {
            s.close();
        }
        if (linkState != null) {
            linkState.close();
        }
    }

    /** Up before start (a failed start stops the gateway anyway); then the data path, the TUN link and pool4. */
    @Override
    public synchronized Health health() {
        RunningNat64 s = service;
        if (s == null) {
            return Health.UP;
        }
        RunningNat64.Health h = s.health();
        String tun = s.config().tun().name();
        boolean linkUp = linkUp(tun);
        if (linkUp && !linkWasUp) {
            relink(s.config().tun());
        }
        linkWasUp = linkUp;
        return health(rule, h, linkUp, tun, System.nanoTime() / 1_000_000);
    }

    /** The health of one reading: a downed TUN counts as the data path down. */
    static Health health(Nat64HealthRule rule, RunningNat64.Health h, boolean linkUp, String tun, long nowMillis) {
        boolean up = h.dataPathUp() && linkUp;
        String failure = !linkUp ? "TUN " + tun + " is down" : h.failure();
        return rule.health(up, failure, h.pool4Use(), h.pool4Exhausted(), nowMillis);
    }

    private boolean linkUp(String tun) {
        try {
            return linkState.up(tun);
        } catch (IOException e) {
            return false;   // gone (deleted) counts as down
        }
    }

    /** The kernel drops a link's routes (and IPv6 addresses) when it goes down: apply them again. */
    private void relink(TunSettings tun) {
        try {
            for (String a : tun.addresses()) {
                links.addAddress(tun.name(), a);
            }
            for (String r : tun.routes()) {
                links.addRoute(tun.name(), r);
            }
            log.accept("nat64: TUN " + tun.name() + " is up again; addresses " + tun.addresses() + " and routes "
                    + tun.routes() + " applied again");
        } catch (LinuxException e) {
            log.accept("nat64: TUN " + tun.name() + " is up again but its routes cannot be applied: " + e.getMessage());
        }
    }

    /** Why a worker or the sweeper stopped (e.g. read(2) on the TUN failed), or null. */
    @Override
    public String failure() {
        RunningNat64 s = service;
        return s == null ? null : s.datapath().failure();
    }

    @Override
    public boolean isHealthInput() {
        return true;
    }

    @Override
    public MetricSnapshots metrics() {
        RunningNat64 s = service;
        return s == null ? MetricSnapshots.of() : Nat64Metrics.snapshots(s.sample(System.currentTimeMillis() - started));
    }

    /** {@code /nat64/bib}, {@code /nat64/sessions}, {@code /nat64/stats[-all]} for {@code v6mostly nat64 bib|sessions|stats}. */
    @Override
    public Map<String, Supplier<String>> pages() {
        RunningNat64 s = service;
        return s == null ? Map.of() : s.pages(() -> System.currentTimeMillis() - started);
    }

    private static LinkState rtnetlink() throws IOException {
        Rtnetlink nl = Rtnetlink.open();
        return new LinkState() {
            @Override
            public boolean up(String name) throws IOException {
                return nl.link(name).up();
            }

            @Override
            public void close() {
                try {
                    nl.close();
                } catch (IOException ignored) {
                    // closing on the way out
                }
            }
        };
    }

    /** The exits of the data path, by counter: what {@code v6mostly nat64} logs when it stops. */
    @Override
    public String summary() {
        RunningNat64 s = service;
        return s == null ? "" : "after " + (System.currentTimeMillis() - started) / 1000 + " s: "
                + s.sample(System.currentTimeMillis() - started).exits();
    }
}
