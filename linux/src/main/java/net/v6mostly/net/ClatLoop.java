package net.v6mostly.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.datapath.SiitDatapath;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.ndp.RouterSolicitation;
import net.v6mostly.stats.InputFaults;
import net.v6mostly.tun.TunDevice;
import net.v6mostly.xlat.rfc6877.ClatEngine;
import net.v6mostly.xlat.rfc6877.ClatMapping;
import net.v6mostly.xlat.rfc6877.ClatSettings;
import net.v6mostly.xlat.rfc6877.ClatState;

/**
 * The CLAT's control loop (RFC 6877, draft-ietf-v6ops-claton, RFC 9872 discovery): the
 * {@link ClatEngine} fed from a raw ICMPv6 socket (RAs), rtnetlink (routes, addresses, DAD) and
 * RFC 7050 lookups on a helper thread, its verdict applied to the host through {@link ClatHost}:
 * the TUN device with 192.0.0.1/29, the IPv4 default route through it while the CLAT is on, the
 * CLAT IPv6 address claimed by proxy ND, the stateless translator (RFC 7915) on the TUN. One
 * control thread, a 100 ms loop; translator workers apart. The I/O loop beside the DHCPv4 and RA
 * loops; {@code service/ClatService} runs it.
 *
 * <p>Hostile input (DESIGN.md §6): at most {@link #RAS_PER_TICK} RAs are read per round; an RA, a
 * netlink reply or an RFC 7050 answer whose handling throws unexpectedly is counted as
 * {@code INTERNAL_ERROR}, reported at a limited rate with a hex excerpt ({@link InputFaults}) and
 * dropped; the loop goes on. The RA socket failing for good, or a translator worker stopping, ends
 * the loop with the reason.
 */
public final class ClatLoop implements AutoCloseable {
    /** The RFC 7050 query ({@code ipv4only.arpa} AAAA) to {@code servers}; DNS lives outside this module. */
    @FunctionalInterface
    public interface Rfc7050Lookup {
        /** The answer of the first server that gives one. */
        Answer query(List<String> servers) throws IOException;
    }

    /**
     * An RFC 7050 answer.
     *
     * @param aaaa       the AAAA records (empty for NODATA or NXDOMAIN)
     * @param ttlSeconds their TTL
     * @param server     who answered
     */
    public record Answer(List<Ipv6Address> aaaa, long ttlSeconds, String server) {
    }

    private static final long TICK_MILLIS = 100;
    /** RAs read per 100 ms round: a flood cannot keep the loop from the rest of its work. */
    static final int RAS_PER_TICK = 64;
    private static final byte[] NO_INPUT = new byte[0];
    private static final long HOST_POLL_NANOS = 300_000_000L;
    private static final Ipv6Address ALL_ROUTERS = Ipv6Address.parse("ff02::2");

    private final ClatSettings settings;
    private final Consumer<String> log;
    private final Rfc7050Lookup rfc7050Lookup;
    private final Supplier<List<String>> systemResolvers;
    private final InputFaults faults;
    private final ExecutorService dns = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
            .name("v6mostly-clat-rfc7050").unstarted(r));
    private ClatEngine engine;
    private ClatHost host;
    private TunDevice tun;
    private volatile SiitDatapath datapath;
    private int mtu6;
    private int mtu4;
    private volatile ClatState state;
    private CompletableFuture<Answer> lookup;
    private long lastHostPoll = Long.MIN_VALUE / 2;
    private Ipv6Address probing;
    private Ipv6Address claimed;
    private boolean defaultRoute;
    private Rfc6052Prefix translatingWith;
    private Ipv6Address translatingFor;
    private String lastError;
    private boolean cleanedUp;

    /**
     * A CLAT for {@code settings}, logging through {@code log}, asking ipv4only.arpa through
     * {@code rfc7050Lookup}, with {@code systemResolvers} as the last resort; nothing is touched
     * before {@link #open}.
     */
    public ClatLoop(ClatSettings settings, Consumer<String> log, Rfc7050Lookup rfc7050Lookup,
            Supplier<List<String>> systemResolvers) {
        this.settings = settings;
        this.log = log;
        this.rfc7050Lookup = rfc7050Lookup;
        this.systemResolvers = systemResolvers;
        this.faults = InputFaults.perMinute("clat", log);
    }

    private Icmp6Socket ra;

    /**
     * Sets the host up (TUN, forwarding, CE-router NAT44 or dedicated prefix), opens the RA socket
     * and sends a Router Solicitation; then {@link #run} is the loop.
     *
     * @throws LinuxException what could not be set up (the host changes made so far are undone)
     */
    public void open() throws LinuxException {
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
            close();
            throw e;
        }
        engine = new ClatEngine(new ClatEngine.Settings(settings.mode(), settings.iface(), settings.pref64(),
                settings.ipv6Address(), settings.ipv4Address(), settings.rfc7050(),
                TimeUnit.MILLISECONDS.toNanos(settings.rfc7050DelayMillis()), secret()), System.nanoTime());
        state = engine.evaluate(System.nanoTime());
        say("clat on uplink {}: {} with {}/29, mtu {} (uplink {}), {}", settings.iface(), tun.name(),
                Ipv4.format(settings.ipv4Address()), mtu4, mtu6, settings.lanPrefixes().isEmpty() ? "host mode"
                        : "CE-router mode for " + settings.lanPrefixes() + (settings.lanIpv6Prefix() == null ? " (NAT44)"
                                : " translated into " + settings.lanIpv6Prefix()));
        solicit(ra);
    }

    /** The control loop until {@code stopping} opens; returns why it ended on its own, or null when stopped. */
    public String run(CountDownLatch stopping) {
        try (Icmp6Socket socket = ra) {
            return loop(socket, stopping);
        }
    }

    private String loop(Icmp6Socket ra, CountDownLatch stopping) {
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
                say("the Router Advertisement socket failed: {}", e.getMessage());
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
                    say("clat: {}", e.getMessage());
                    lastError = e.getMessage();
                }
            }
            if (datapath != null && datapath.failure() != null) {
                say("a translator worker stopped: {}", datapath.failure());
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
                Answer a = lookup.join();
                say("ipv4only.arpa from {}: {} (TTL {} s)", a.server(), a.aaaa(), a.ttlSeconds());
                engine.onRfc7050Answer(a.aaaa(), a.ttlSeconds(), now);
            } catch (RuntimeException e) {
                say("ipv4only.arpa lookup failed: {}", e.getCause() != null ? e.getCause().getMessage() : e);
                engine.onRfc7050Failure(now);
            }
            lookup = null;
        }
        if (lookup == null && engine.rfc7050Due(now)) {
            List<String> servers = resolvers(now);
            lookup = CompletableFuture.supplyAsync(() -> {
                try {
                    return rfc7050Lookup.query(servers);
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
            out.addAll(systemResolvers.get());
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
            say("DAD for CLAT address {}", probing);
            host.startDad(probing);
            return;
        }
        Boolean unique = host.dadResult(probing);
        if (unique != null) {
            say("DAD for {}: {}", probing, unique ? "unique" : "in use");
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
            say("clat {}: {} ({}); pref64 {}, clat {} / {}", on ? "ON" : "off", s.reason().label(),
                    s.reason().explanation(), s.pref64().map(p -> p.prefix() + " from " + p.source().label()).orElse("none"),
                    s.clat6(), Ipv4.format(s.clat4()));
        }
    }

    private void translate(Rfc6052Prefix prefix, Ipv6Address clat6) {
        var siit = ClatMapping.settings(prefix, clat6, settings.ipv4Address(), mtu6,
                settings.lanIpv6Prefix() == null ? List.of()
                        : ClatMapping.lanEntries(settings.lanIpv6Prefix(), settings.lanPrefixes()));
        if (datapath == null) {
            datapath = SiitDatapath.start(tun, siit, settings.workers(), log);
        } else {
            datapath.reload(siit);
            say("translator now uses pref64 {} for {}", prefix, clat6);
        }
        translatingWith = prefix;
        translatingFor = clat6;
    }

    /** Logs {@code pattern} with each {@code {}} replaced by the next argument. */
    private void say(String pattern, Object... args) {
        StringBuilder b = new StringBuilder();
        int from = 0;
        for (Object a : args) {
            int at = pattern.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            b.append(pattern, from, at).append(a);
            from = at + 2;
        }
        log.accept(b.append(pattern.substring(from)).toString());
    }

    private void solicit(Icmp6Socket ra) {
        try {
            Ipv6Address ll = host.uplinkLinkLocal();
            if (ll != null) {
                ra.send(new RouterSolicitation(List.of()).emit(), ll, ALL_ROUTERS);
            }
        } catch (LinuxException e) {
            say("cannot send a Router Solicitation on {}: {}", settings.iface(), e.getMessage());
        }
    }

    /** Undoes what the CLAT set up: default route, the claimed address, translator, TUN, sysctls. */
    @Override
    public synchronized void close() {
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
                say("cannot remove the IPv4 default route: {}", e.getMessage());
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

    /** The settings it runs. */
    public ClatSettings settings() {
        return settings;
    }

    /** The verdict in force (null before {@link #open}); safe from any thread. */
    public ClatState state() {
        return state;
    }

    /** The engine's counters (RAs, PREF64, RFC 7050, DAD, on/off). */
    public java.util.Map<net.v6mostly.xlat.rfc6877.ClatStat, Long> counters() {
        return engine.counters().snapshot();
    }

    /** The translator once the CLAT first turned on, else null. */
    public SiitDatapath datapath() {
        return datapath;
    }

    /** The IPv4 MTU of the TUN device. */
    public int mtu4() {
        return mtu4;
    }
}
