package net.v6mostly.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.slf4j.Logger;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.config.ClatSettings;
import net.v6mostly.config.RunConfig;
import net.v6mostly.datapath.SiitDatapath;
import net.v6mostly.dns64.Ipv4OnlyArpaLookup;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.ndp.RouterSolicitation;
import net.v6mostly.net.ClatHost;
import net.v6mostly.net.Icmp6Socket;
import net.v6mostly.ops.ClatMetrics;
import net.v6mostly.ops.Logs;
import net.v6mostly.stats.InputFaults;
import net.v6mostly.tun.TunDevice;
import net.v6mostly.xlat.rfc6877.ClatEngine;
import net.v6mostly.xlat.rfc6877.ClatMapping;
import net.v6mostly.xlat.rfc6877.ClatState;
import net.v6mostly.xlat.rfc6877.Pref64;

/**
 * The running {@code v6mostly clat}: the {@link ClatEngine} fed from a raw ICMPv6 socket (RAs),
 * rtnetlink (routes, addresses, DAD) and RFC 7050 lookups on a helper thread, and its state applied
 * to the host through {@link ClatHost}: the TUN device with 192.0.0.1/29, the IPv4 default route
 * through it while the CLAT is on, the CLAT IPv6 address claimed by proxy ND and routed into the
 * TUN, the stateless translator (RFC 7915) on the TUN with the CLAT mapping. One control thread,
 * a 100 ms loop; translator workers apart.
 *
 * <p>Hostile input (DESIGN.md §6): at most {@link #RAS_PER_TICK} RAs are read per round; an RA, a
 * netlink reply or an RFC 7050 answer whose handling throws unexpectedly is counted as
 * {@code INTERNAL_ERROR} (metrics, {@code clat status}), reported at a limited rate with a hex
 * excerpt ({@link InputFaults}) and dropped; the loop goes on. The RA socket failing for good
 * (recvmsg error other than a memory shortage), or a translator worker stopping, ends the control
 * loop: the service is dead ({@link #failure}) and the runner's policy applies.
 *
 * <p>Standalone ({@code v6mostly clat}) on a host, or in the gateway of a CE router (RFC 6877 §6.1,
 * {@code [clat]} beside {@code [ra]} and {@code [dhcp4]}), where it shares the metrics endpoint and
 * supervision. It does not withdraw the IPv6-only signalling when dead: the LAN's IPv6-only hosts
 * do not use it.
 */
public final class ClatService implements Service {
    private static final Logger LOG = Logs.component("clat");
    private static final long TICK_MILLIS = 100;
    /** RAs read per 100 ms round: a flood cannot keep the loop from the rest of its work. */
    static final int RAS_PER_TICK = 64;
    private static final byte[] NO_INPUT = new byte[0];
    private static final long HOST_POLL_NANOS = 300_000_000L;
    private static final Ipv6Address ALL_ROUTERS = Ipv6Address.parse("ff02::2");

    private final ClatSettings settings;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final long startedAt = System.nanoTime();
    private final InputFaults faults = InputFaults.perMinute("clat", LOG::warn);
    private final ExecutorService dns = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
            .name("v6mostly-clat-rfc7050").unstarted(r));
    private ClatEngine engine;
    private ClatHost host;
    private TunDevice tun;
    private volatile SiitDatapath datapath;
    private int mtu6;
    private int mtu4;
    private volatile ClatState state;
    private CompletableFuture<Ipv4OnlyArpaLookup.Answer> lookup;
    private long lastHostPoll = Long.MIN_VALUE / 2;
    private Ipv6Address probing;
    private Ipv6Address claimed;
    private boolean defaultRoute;
    private Rfc6052Prefix translatingWith;
    private Ipv6Address translatingFor;
    private String lastError;
    private volatile String failure;
    private Thread control;
    private boolean cleanedUp;

    /** A CLAT for {@code settings}; nothing is touched before {@link #start}. */
    public ClatService(ClatSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "clat";
    }

    /**
     * Sets the host up (TUN, forwarding, CE-router NAT44 or dedicated prefix), opens the RA socket,
     * sends a Router Solicitation and starts the control loop on its own thread.
     *
     * @throws IOException what could not be set up (the host changes made so far are undone)
     */
    @Override
    public void start() throws IOException {
        Icmp6Socket ra;
        try {
            tun = TunDevice.open(new TunDevice.Options(settings.tun(), 1, false, true));
            host = new ClatHost(settings.iface(), settings.tun(), settings.defaultRouteMetric());
            mtu6 = settings.mtu() > 0 ? settings.mtu() + ClatMapping.HEADER_GROWTH : host.uplinkMtu();
            mtu4 = ClatMapping.ipv4Mtu(mtu6);
            host.setUpTun(mtu4, settings.ipv4Address());
            host.enableForwarding();
            if (settings.lanIpv6Prefix() != null) {
                host.enableDedicatedPrefix(settings.lanIpv6Prefix());
            } else if (!settings.lanPrefixes().isEmpty()) {
                host.enableCeRouter(settings.lanPrefixes(), settings.ipv4Address());
            }
            ra = Icmp6Socket.forRouterAdvertisements(settings.iface(), host.uplinkIndex());
        } catch (LinuxException e) {
            cleanUp();
            throw new IOException("cannot set up the CLAT on " + settings.iface() + ": " + e.getMessage(), e);
        }
        engine = new ClatEngine(new ClatEngine.Settings(settings.mode(), settings.iface(), settings.pref64(),
                settings.ipv6Address(), settings.ipv4Address(), settings.rfc7050(),
                TimeUnit.MILLISECONDS.toNanos(settings.rfc7050DelayMillis()), secret()), System.nanoTime());
        state = engine.evaluate(System.nanoTime());
        LOG.info("clat on uplink {}: {} with {}/29, mtu {} (uplink {}), {}", settings.iface(), tun.name(),
                Ipv4.format(settings.ipv4Address()), mtu4, mtu6, settings.lanPrefixes().isEmpty() ? "host mode"
                        : "CE-router mode for " + settings.lanPrefixes() + (settings.lanIpv6Prefix() == null ? " (NAT44)"
                                : " translated into " + settings.lanIpv6Prefix()));
        solicit(ra);
        control = Thread.ofPlatform().name("v6mostly-clat-control").start(() -> {
            try (ra) {
                failure = loop(ra);
            }
        });
    }

    /** The control loop until {@link #stop}; returns why it ended on its own, or null when stopped. */
    private String loop(Icmp6Socket ra) {
        while (true) {
            try {
                if (stopping.await(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            long now = System.nanoTime();
            try {
                readAdvertisements(ra, now);
            } catch (LinuxException e) {
                LOG.error("the Router Advertisement socket failed: {}", e.getMessage());
                return "the Router Advertisement socket failed: " + e.getMessage();
            }
            try {
                tick(now);
                lastError = null;
            } catch (RuntimeException e) {
                engine.onInternalError();
                faults.record(e, NO_INPUT, 0, 0, now); // a netlink reply or RFC 7050 answer: dropped this round
            } catch (LinuxException e) {
                if (!e.getMessage().equals(lastError)) { // once per distinct failure, not every 100 ms
                    LOG.warn("clat: {}", e.getMessage());
                    lastError = e.getMessage();
                }
            }
            if (datapath != null && datapath.failure() != null) {
                LOG.error("a translator worker stopped: {}", datapath.failure());
                return "a translator worker stopped: " + datapath.failure();
            }
        }
    }

    /**
     * Up to {@link #RAS_PER_TICK} waiting RAs into the engine, each on its own: one that throws is
     * counted and dropped.
     *
     * @throws LinuxException when the socket cannot be read any more
     */
    private void readAdvertisements(Icmp6Socket ra, long now) throws LinuxException {
        for (int n = 0; n < RAS_PER_TICK; n++) {
            Icmp6Socket.Received r;
            try {
                r = ra.receive();
            } catch (LinuxException e) {
                if (!Icmp6Socket.transientError(e.errno())) {
                    throw e;
                }
                return;
            }
            if (r == null) {
                return;
            }
            byte[] msg = ra.message(r.length());
            try {
                engine.onRouterAdvertisement(msg, r.source(), r.hopLimit(), now);
            } catch (RuntimeException e) {
                engine.onInternalError();
                faults.record(e, msg, 0, msg.length, now);
            }
        }
    }

    /** One round: the host's facts and RFC 7050 into the engine, its verdict onto the host. */
    private void tick(long now) throws LinuxException {
        if (now - lastHostPoll >= HOST_POLL_NANOS) {
            lastHostPoll = now;
            engine.onHostState(host.hostState());
            engine.onHostAddresses(host.uplinkGlobals(state.clat6()));
        }
        rfc7050(now);
        ClatState next = engine.evaluate(now);
        dad(next);
        apply(state, next);
        state = next;
    }

    private void rfc7050(long now) {
        if (lookup != null && lookup.isDone()) {
            try {
                Ipv4OnlyArpaLookup.Answer a = lookup.join();
                LOG.info("ipv4only.arpa from {}: {} (TTL {} s)", a.server(), a.aaaa(), a.ttlSeconds());
                engine.onRfc7050Answer(a.aaaa(), a.ttlSeconds(), now);
            } catch (RuntimeException e) {
                LOG.info("ipv4only.arpa lookup failed: {}", e.getCause() != null ? e.getCause().getMessage() : e);
                engine.onRfc7050Failure(now);
            }
            lookup = null;
        }
        if (lookup == null && engine.rfc7050Due(now)) {
            List<String> servers = resolvers(now);
            lookup = CompletableFuture.supplyAsync(() -> {
                try {
                    return Ipv4OnlyArpaLookup.query(servers, Duration.ofSeconds(2));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, dns);
        }
    }

    /** RFC 8880 §7.2: the network's resolvers (configured, else RDNSS), else the system's. */
    private List<String> resolvers(long now) {
        if (!settings.dnsServers().isEmpty()) {
            return settings.dnsServers();
        }
        List<String> out = new ArrayList<>();
        for (Ipv6Address a : engine.dnsServers(now)) {
            if ((a.hi() >>> 54) != (0xFE80L >>> 6)) { // a link-local server would need a scope
                out.add(a.toString());
            }
        }
        if (out.isEmpty()) {
            out.addAll(Ipv4OnlyArpaLookup.systemResolvers());
        }
        return out;
    }

    /** Drives the kernel DAD of the engine's candidate address. */
    private void dad(ClatState s) throws LinuxException {
        if (s.clat6() == null || s.dad() != net.v6mostly.xlat.rfc6877.ClatDecision.Dad.PENDING) {
            return;
        }
        if (!s.clat6().equals(probing)) {
            probing = s.clat6();
            LOG.info("DAD for CLAT address {}", probing);
            host.startDad(probing);
            return;
        }
        Boolean unique = host.dadResult(probing);
        if (unique != null) {
            LOG.info("DAD for {}: {}", probing, unique ? "unique" : "in use");
            engine.onDadResult(probing, unique);
            probing = null;
        }
    }

    /** Applies the difference between two verdicts. */
    private void apply(ClatState before, ClatState s) throws LinuxException {
        boolean on = s.on();
        if (claimed != null && (!claimed.equals(s.clat6()) || s.dad() != net.v6mostly.xlat.rfc6877.ClatDecision.Dad.DONE)) {
            host.release(claimed);
            claimed = null;
        }
        if (on) {
            Rfc6052Prefix prefix = s.pref64().orElseThrow().prefix();
            if (!prefix.equals(translatingWith) || !s.clat6().equals(translatingFor)) {
                translate(prefix, s.clat6());
            }
            if (claimed == null) {
                host.claim(s.clat6());
                claimed = s.clat6();
            }
        }
        if (on != defaultRoute) {
            host.defaultRoute(on);
            defaultRoute = on;
        }
        if (before.reason() != s.reason()) {
            LOG.info("clat {}: {} ({}); pref64 {}, clat {} / {}", on ? "ON" : "off", s.reason().label(),
                    s.reason().explanation(), s.pref64().map(p -> p.prefix() + " from " + p.source().label()).orElse("none"),
                    s.clat6(), Ipv4.format(s.clat4()));
        }
    }

    private void translate(Rfc6052Prefix prefix, Ipv6Address clat6) {
        var siit = ClatMapping.settings(prefix, clat6, settings.ipv4Address(), mtu6,
                settings.lanIpv6Prefix() == null ? List.of()
                        : ClatMapping.lanEntries(settings.lanIpv6Prefix(), settings.lanPrefixes()));
        if (datapath == null) {
            datapath = SiitDatapath.start(tun, siit, settings.workers(), LOG::warn);
        } else {
            datapath.reload(siit);
            LOG.info("translator now uses pref64 {} for {}", prefix, clat6);
        }
        translatingWith = prefix;
        translatingFor = clat6;
    }

    private void solicit(Icmp6Socket ra) {
        try {
            Ipv6Address ll = host.uplinkLinkLocal();
            if (ll != null) {
                ra.send(new RouterSolicitation(List.of()).emit(), ll, ALL_ROUTERS);
            }
        } catch (LinuxException e) {
            LOG.warn("cannot send a Router Solicitation on {}: {}", settings.iface(), e.getMessage());
        }
    }

    /** Undoes what the daemon set up: default route, the claimed address, translator, TUN, sysctls. */
    private synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        dns.shutdownNow();
        if (host != null) {
            try {
                if (defaultRoute) {
                    host.defaultRoute(false);
                }
            } catch (LinuxException e) {
                LOG.warn("cannot remove the IPv4 default route: {}", e.getMessage());
            }
            if (claimed != null) {
                host.release(claimed);
            }
            if (probing != null) {
                try {
                    host.dadResult(probing);
                } catch (LinuxException ignored) {
                    // best effort
                }
            }
            host.close();
        }
        if (datapath != null) {
            datapath.close();
        } else if (tun != null) {
            tun.close();
        }
    }

    /** RFC 7217 §5 secret_key: /etc/machine-id when present (stable across restarts), else random. */
    private static byte[] secret() {
        try {
            return Files.readString(Path.of("/etc/machine-id"), StandardCharsets.US_ASCII).trim()
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            return b;
        }
    }

    @Override
    public ReloadOutcome reload(RunConfig config) {
        if (settings.equals(config.clat())) {
            return ReloadOutcome.UNCHANGED;
        }
        return ReloadOutcome.applied(List.of(), List.of("[clat]"));   // host changes are undone and redone at start
    }

    /** Stops the control loop and undoes what the CLAT set up on the host. */
    @Override
    public void stop() {
        stopping.countDown();
        ServiceThreads.await(control, 5_000);
        cleanUp();
    }

    /** Why the control loop ended on its own (RA socket, translator worker), or null. */
    @Override
    public String failure() {
        return failure;
    }

    /** False: the LAN's IPv6-only hosts do not go through the CE's CLAT. */
    @Override
    public boolean withdrawsSignallingWhenDead() {
        return false;
    }

    @Override
    public MetricSnapshots metrics() {
        return state == null ? MetricSnapshots.of() : snapshots();
    }

    @Override
    public String summary() {
        ClatState s = state;
        return s.reason().label() + ", " + (datapath == null ? "nothing translated"
                : datapath.xlatCounters().entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey().name() + " " + e.getValue()).reduce((a, b) -> a + ", " + b)
                        .orElse("nothing translated"));
    }

    MetricSnapshots snapshots() {
        ClatState s = state;
        Map<String, String> info = new LinkedHashMap<>();
        info.put("state", s.on() ? "on" : "off");
        info.put("reason", s.reason().label());
        info.put("reason_text", s.reason().explanation());
        info.put("prefix", s.pref64().map(p -> p.prefix().toString()).orElse("none"));
        info.put("source", s.pref64().map(Pref64::source).map(x -> x.label()).orElse("none"));
        info.put("clat_ipv6", s.clat6() == null ? "none" : s.clat6().toString());
        info.put("dad", s.dad().name().toLowerCase(java.util.Locale.ROOT));
        info.put("clat_ipv4", Ipv4.format(s.clat4()));
        info.put("uplink", settings.iface());
        info.put("tun", settings.tun());
        info.put("mtu", Integer.toString(mtu4));
        info.put("ipv4_default_route", Boolean.toString(s.host().ipv4DefaultRoute()));
        info.put("ipv4_lease", Boolean.toString(s.host().ipv4Lease()));
        info.put("ipv6_default_route", Boolean.toString(s.host().ipv6DefaultRoute()));
        SiitDatapath dp = datapath;
        return ClatMetrics.snapshots(new ClatMetrics.Sample(info, s.on(), engine.counters().snapshot(),
                dp == null ? Map.of() : dp.xlatCounters(), dp == null ? Map.of() : dp.datapathCounters(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt)));
    }
}
