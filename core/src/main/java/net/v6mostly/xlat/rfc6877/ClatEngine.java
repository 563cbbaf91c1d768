package net.v6mostly.xlat.rfc6877;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.RouterAdvertisement;
import net.v6mostly.stats.Counters;

/**
 * The CLAT control plane as a pure engine: Router Advertisements, RFC 7050 answers, DAD results and
 * the host's routing facts go in; {@link #evaluate} says what the host should have configured
 * (on/off and why, the prefix and its source, the CLAT addresses). The daemon applies the
 * difference. One thread; time in nanoseconds from a monotonic clock, passed in.
 */
public final class ClatEngine {
    /** Autonomous /64s kept from RAs (the CLAT address needs one; RFC 4862 names no limit). */
    public static final int MAX_SLAAC_PREFIXES = 16;
    /** RDNSS servers kept from RAs (RFC 8106 §5.3.1 leaves the size of the list to the implementation). */
    public static final int MAX_DNS_SERVERS = 8;
    private static final long SECOND = 1_000_000_000L;

    /**
     * What the operator configured.
     *
     * @param mode              auto (claton), on or off
     * @param iface             the uplink's name (an input of the stable CLAT address)
     * @param configuredPrefix  a NAT64 prefix overriding discovery, or null
     * @param configuredAddress a CLAT IPv6 address overriding SLAAC-style selection, or null
     * @param clat4             the host's IPv4 address behind the CLAT (192.0.0.0/29)
     * @param rfc7050           whether to fall back to ipv4only.arpa
     * @param rfc7050DelayNanos how long to wait for an RA before the first ipv4only.arpa query
     * @param secret            the RFC 7217 secret key
     */
    public record Settings(ClatMode mode, String iface, Rfc6052Prefix configuredPrefix, Ipv6Address configuredAddress,
            int clat4, boolean rfc7050, long rfc7050DelayNanos, byte[] secret) {
        public Settings {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(secret, "secret");
            ClatAddresses.checkIpv4(clat4);
        }
    }

    private final Settings settings;
    private final Pref64Discovery discovery;
    private final Counters<ClatStat> counters = new Counters<>(ClatStat.class);
    private final ExpiringTable<Ipv6Prefix> slaac = new ExpiringTable<>(MAX_SLAAC_PREFIXES);
    private final ExpiringTable<Ipv6Address> dnsServers = new ExpiringTable<>(MAX_DNS_SERVERS);
    private Set<Ipv6Address> hostAddresses = Set.of();
    private HostState host = new HostState(false, false, false);
    private Ipv6Prefix slaac64;
    private Ipv6Address candidate;
    private int dadCounter;
    private ClatDecision.Dad dad = ClatDecision.Dad.NONE;
    private Rfc6052Prefix lastPrefix;
    private boolean lastOn;
    private boolean rfc7050InFlight;

    /** Creates the engine at time {@code nowNanos}. */
    public ClatEngine(Settings settings, long nowNanos) {
        this.settings = settings;
        this.discovery = new Pref64Discovery(settings.configuredPrefix(), settings.rfc7050(), nowNanos,
                settings.rfc7050DelayNanos(), counters);
    }

    /** The counters. */
    public Counters<ClatStat> counters() {
        return counters;
    }

    /** The PREF64 discovery state (status output). */
    public Pref64Discovery discovery() {
        return discovery;
    }

    /**
     * Takes an ICMPv6 message that arrived on the uplink's Router Advertisement socket, validating
     * it as RFC 4861 §6.1.2 asks of hosts (the kernel checked the ICMPv6 checksum).
     *
     * @return whether it was accepted
     */
    public boolean onRouterAdvertisement(byte[] message, Ipv6Address source, int hopLimit, long nowNanos) {
        if (hopLimit != 255) {
            counters.increment(ClatStat.RA_BAD_HOP_LIMIT);
            return false;
        }
        if ((source.hi() & 0xFFC0_0000_0000_0000L) != 0xFE80_0000_0000_0000L) {
            counters.increment(ClatStat.RA_NOT_LINK_LOCAL);
            return false;
        }
        RouterAdvertisement ra;
        try {
            ra = RouterAdvertisement.parse(message);
        } catch (IllegalArgumentException e) {
            counters.increment(ClatStat.RA_MALFORMED);
            return false;
        }
        counters.increment(ClatStat.RA_ACCEPTED);
        discovery.onRouterAdvertisement(ra.options(), nowNanos);
        for (NdpOption o : ra.options()) {
            if (o instanceof NdpOption.PrefixInformation pio && pio.autonomous() && pio.prefix().length() == 64) {
                long expiry = nowNanos + Math.min(pio.validLifetime(), 0xFFFF_FFFFL) * SECOND;
                countFull(slaac.put(pio.prefix(), expiry, nowNanos, slaac64), ClatStat.PIO_TABLE_FULL);
            } else if (o instanceof NdpOption.Rdnss r) {
                for (Ipv6Address s : r.servers()) {
                    long expiry = nowNanos + Math.min(r.lifetime(), 0xFFFF_FFFFL) * SECOND;
                    countFull(dnsServers.put(s, expiry, nowNanos, null), ClatStat.RDNSS_TABLE_FULL);
                }
            }
        }
        return true;
    }

    private void countFull(ExpiringTable.Outcome outcome, ClatStat stat) {
        if (outcome == ExpiringTable.Outcome.REFUSED || outcome == ExpiringTable.Outcome.REPLACED) {
            counters.increment(stat);
        }
    }

    /**
     * Counts an input the daemon's loop could not handle (an unexpected exception, DESIGN.md §6) as
     * {@link ClatStat#INTERNAL_ERROR}; the input itself is the caller's to report and drop. Same
     * thread as every other call.
     */
    public void onInternalError() {
        counters.increment(ClatStat.INTERNAL_ERROR);
    }

    /** The host's routing facts, read from the kernel. */
    public void onHostState(HostState state) {
        this.host = Objects.requireNonNull(state);
    }

    /**
     * The host's own global IPv6 addresses on the uplink: the CLAT address must differ from them,
     * and their /64s serve when no RA has been seen yet (the kernel configured them by SLAAC).
     */
    public void onHostAddresses(Collection<Ipv6Address> addresses) {
        this.hostAddresses = Set.copyOf(addresses);
    }

    /** Whether an ipv4only.arpa query should go out now (RFC 9872 §3.1); counts it when true. */
    public boolean rfc7050Due(long nowNanos) {
        boolean due = !rfc7050InFlight && discovery.rfc7050Due(nowNanos);
        if (due) {
            counters.increment(ClatStat.RFC7050_QUERY);
            rfc7050InFlight = true; // one query at a time: the next waits for this one's outcome
        }
        return due;
    }

    /** The answer's AAAA records and their smallest TTL. */
    public void onRfc7050Answer(List<Ipv6Address> aaaa, long ttlSeconds, long nowNanos) {
        rfc7050InFlight = false;
        boolean found = !Rfc7050.prefixes(aaaa).isEmpty();
        counters.increment(found ? ClatStat.RFC7050_PREFIX : ClatStat.RFC7050_NO_PREFIX);
        discovery.onRfc7050Answer(aaaa, ttlSeconds, nowNanos);
    }

    /** The query failed. */
    public void onRfc7050Failure(long nowNanos) {
        rfc7050InFlight = false;
        counters.increment(ClatStat.RFC7050_FAILED);
        discovery.onRfc7050Failure(nowNanos);
    }

    /** The DNS servers of valid RDNSS options (RFC 8106): where RFC 8880 §7.2 sends ipv4only.arpa. */
    public List<Ipv6Address> dnsServers(long nowNanos) {
        dnsServers.expire(nowNanos);
        return List.copyOf(dnsServers.entries().keySet());
    }

    /** Duplicate Address Detection of {@code address} finished. */
    public void onDadResult(Ipv6Address address, boolean unique) {
        if (!address.equals(candidate) || dad != ClatDecision.Dad.PENDING) {
            return;
        }
        if (unique) {
            dad = ClatDecision.Dad.DONE;
            return;
        }
        counters.increment(ClatStat.DAD_COLLISION);
        if (settings.configuredAddress() != null || ++dadCounter >= ClatAddresses.IDGEN_RETRIES) {
            dad = ClatDecision.Dad.FAILED;
            return;
        }
        candidate = ClatAddresses.stable(slaac64, settings.iface(), settings.secret(), dadCounter, hostAddresses);
        counters.increment(ClatStat.DAD_STARTED);
    }

    /** What the host should have configured at {@code nowNanos}. */
    public ClatState evaluate(long nowNanos) {
        chooseAddress(nowNanos);
        Optional<Pref64> pref64 = discovery.current(nowNanos);
        ClatReason reason = ClatDecision.decide(settings.mode(), host, pref64.isPresent(), dad);
        Rfc6052Prefix prefix = pref64.map(Pref64::prefix).orElse(null);
        if (prefix != null && lastPrefix != null && !prefix.equals(lastPrefix)) {
            counters.increment(ClatStat.PREFIX_CHANGED);
        }
        if (prefix != null) {
            lastPrefix = prefix;
        }
        if (reason.on() != lastOn) {
            counters.increment(reason.on() ? ClatStat.TURNED_ON : ClatStat.TURNED_OFF);
            lastOn = reason.on();
        }
        return new ClatState(reason, pref64, candidate, dad, slaac64, settings.clat4(), host);
    }

    /** Keeps the CLAT address while its /64 stays valid; otherwise picks the first valid /64. */
    private void chooseAddress(long now) {
        if (settings.configuredAddress() != null) {
            if (candidate == null) {
                candidate = settings.configuredAddress();
                dad = ClatDecision.Dad.PENDING;
                counters.increment(ClatStat.DAD_STARTED);
            }
            return;
        }
        slaac.expire(now);
        List<Ipv6Prefix> valid = new ArrayList<>(slaac.entries().keySet());
        for (Ipv6Address a : hostAddresses) {
            Ipv6Prefix p = new Ipv6Prefix(a.hi(), 0, 64);
            if (!valid.contains(p)) {
                valid.add(p);
            }
        }
        if (slaac64 != null && valid.contains(slaac64)) {
            return;
        }
        slaac64 = valid.isEmpty() ? null : valid.getFirst();
        dadCounter = 0;
        if (slaac64 == null) {
            candidate = null;
            dad = ClatDecision.Dad.NONE;
            return;
        }
        candidate = ClatAddresses.stable(slaac64, settings.iface(), settings.secret(), 0, hostAddresses);
        dad = ClatDecision.Dad.PENDING;
        counters.increment(ClatStat.DAD_STARTED);
    }
}
