package net.v6mostly.xlat.rfc6877;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.Pref64Option;
import net.v6mostly.stats.Counters;

/**
 * Which NAT64 prefix the CLAT uses, per RFC 9872 §3.1: a configured prefix overrides discovery;
 * otherwise the PREF64 options of Router Advertisements (RFC 8781) are used, and the RFC 7050
 * {@code ipv4only.arpa} query is made only while no RA carries one.
 *
 * <p>RA prefixes (RFC 8781 §4.1, §5): each option adds or refreshes its prefix for its lifetime;
 * lifetime 0 withdraws it; a prefix not refreshed expires. With several valid prefixes the one
 * whose lifetime ends last is used (a renumbering router lets the old prefix run down while the new
 * one is refreshed); on a tie the prefix already in use stays, so two prefixes advertised side by
 * side do not make the CLAT flap.
 *
 * <p>Hostile RAs (any host on the link can send one): a PREF64 whose /96 prefix has a non-zero u
 * octet cannot be an RFC 6052 §2.2 prefix and is ignored ({@link ClatStat#PREF64_NONZERO_U_OCTET});
 * at most {@link #MAX_RA_PREFIXES} RA prefixes are kept. A new prefix beyond that replaces the valid
 * prefix that expires soonest, never the one in use, and only if it outlives it (the choice above
 * would never pick a prefix that ends sooner than all others); otherwise it is ignored
 * ({@link ClatStat#PREF64_TABLE_FULL}). This bounds memory, not trust: a host that may send RAs can
 * still steer the CLAT (RFC 6104 rogue RAs; RA-Guard, RFC 6105, is the network's answer).
 *
 * <p>RFC 7050: an answer is cached for its TTL and the query repeated {@link
 * Rfc7050#REFRESH_MARGIN_SECONDS} before it runs out (§3); a failed or empty query is retried with
 * exponential backoff from 1 s to {@link #MAX_RETRY_SECONDS}. The first query waits {@code
 * rfc7050DelayNanos} after start so an RA answering the CLAT's Router Solicitation can win.
 *
 * <p>Single-threaded; every method takes the monotonic time in nanoseconds.
 */
public final class Pref64Discovery {
    /** Longest wait between RFC 7050 attempts after failures. */
    public static final long MAX_RETRY_SECONDS = 60;
    /** How many RA-learned prefixes are kept; a network advertises one or two (RFC 9872 §4.3 renumbering). */
    public static final int MAX_RA_PREFIXES = 8;
    private static final long SECOND = 1_000_000_000L;

    private final Rfc6052Prefix configured;
    private final boolean rfc7050Enabled;
    private final Counters<ClatStat> counters;
    private final ExpiringTable<Rfc6052Prefix> fromRa = new ExpiringTable<>(MAX_RA_PREFIXES);
    private Rfc6052Prefix inUseFromRa;
    private Rfc6052Prefix fromDns;
    private long dnsExpiresAt;
    private long nextQueryAt;
    private long retrySeconds = 1;

    /**
     * @param configured        a prefix that overrides discovery, or null
     * @param rfc7050Enabled    whether to fall back to RFC 7050 at all
     * @param nowNanos          the start time
     * @param rfc7050DelayNanos how long to wait for an RA before the first RFC 7050 query
     */
    public Pref64Discovery(Rfc6052Prefix configured, boolean rfc7050Enabled, long nowNanos, long rfc7050DelayNanos) {
        this(configured, rfc7050Enabled, nowNanos, rfc7050DelayNanos, new Counters<>(ClatStat.class));
    }

    /** As above, counting the PREF64 options it takes or ignores into {@code counters} (the engine's). */
    public Pref64Discovery(Rfc6052Prefix configured, boolean rfc7050Enabled, long nowNanos, long rfc7050DelayNanos,
            Counters<ClatStat> counters) {
        this.counters = counters;
        this.configured = configured;
        this.rfc7050Enabled = rfc7050Enabled;
        this.nextQueryAt = nowNanos + rfc7050DelayNanos;
    }

    /**
     * Takes the PREF64 options of a valid Router Advertisement (RFC 8781 §4.1); each is counted as
     * taken ({@link ClatStat#PREF64_OPTION}) or under the reason it was ignored.
     */
    public void onRouterAdvertisement(List<NdpOption> options, long nowNanos) {
        for (NdpOption o : options) {
            if (o instanceof Pref64Option p) {
                onPref64(p, nowNanos);
            }
        }
    }

    private void onPref64(Pref64Option p, long now) {
        if (!Rfc6052Prefix.valid(p.prefix())) {
            counters.increment(ClatStat.PREF64_NONZERO_U_OCTET); // Pref64Option.parse admits only RFC 6052 lengths
            return;
        }
        Rfc6052Prefix prefix = new Rfc6052Prefix(p.prefix());
        long expiresAt = now + p.advertisedLifetime() * SECOND; // lifetime 0: removed (RFC 8781 §4.1)
        switch (fromRa.put(prefix, expiresAt, now, inUseFromRa)) {
            case REFUSED -> counters.increment(ClatStat.PREF64_TABLE_FULL);
            case REPLACED -> {
                counters.increment(ClatStat.PREF64_EVICTED);
                counters.increment(ClatStat.PREF64_OPTION);
            }
            default -> counters.increment(ClatStat.PREF64_OPTION);
        }
    }

    /** The prefix in use at {@code nowNanos}, after dropping whatever has expired. */
    public Optional<Pref64> current(long nowNanos) {
        if (configured != null) {
            return Optional.of(new Pref64(configured, Pref64Source.CONFIGURED, Long.MAX_VALUE));
        }
        Rfc6052Prefix best = bestFromRa(nowNanos);
        if (best != null) {
            return Optional.of(new Pref64(best, Pref64Source.ROUTER_ADVERTISEMENT, fromRa.entries().get(best)));
        }
        if (fromDns != null && nowNanos - dnsExpiresAt < 0) {
            return Optional.of(new Pref64(fromDns, Pref64Source.RFC7050, dnsExpiresAt));
        }
        fromDns = null;
        return Optional.empty();
    }

    private Rfc6052Prefix bestFromRa(long now) {
        fromRa.expire(now);
        Map<Rfc6052Prefix, Long> valid = fromRa.entries();
        Rfc6052Prefix best = valid.containsKey(inUseFromRa) ? inUseFromRa : null;
        for (Map.Entry<Rfc6052Prefix, Long> e : valid.entrySet()) {
            if (best == null || e.getValue() - valid.get(best) > 0) {
                best = e.getKey();
            }
        }
        inUseFromRa = best;
        return best;
    }

    /** The RA prefixes still valid and their expiry times, for status output. */
    public Map<Ipv6Prefix, Long> advertised(long nowNanos) {
        bestFromRa(nowNanos);
        Map<Ipv6Prefix, Long> out = new LinkedHashMap<>();
        fromRa.entries().forEach((k, v) -> out.put(k.prefix(), v));
        return out;
    }

    /**
     * Whether an RFC 7050 query should be sent now: discovery is on, no prefix is configured, no RA
     * carries one (RFC 9872 §3.1), and the cached answer is near its end or the retry time came.
     */
    public boolean rfc7050Due(long nowNanos) {
        return rfc7050Enabled && configured == null && bestFromRa(nowNanos) == null && nowNanos - nextQueryAt >= 0;
    }

    /**
     * Takes the AAAA records of the {@code ipv4only.arpa} answer (RFC 7050 §3) and the smallest TTL
     * among them. No usable record means the network has no DNS64: any cached prefix is dropped and
     * the query retried later.
     */
    public void onRfc7050Answer(List<net.v6mostly.addr.Ipv6Address> aaaa, long ttlSeconds, long nowNanos) {
        List<Rfc6052Prefix> found = Rfc7050.prefixes(aaaa);
        if (found.isEmpty()) {
            fromDns = null;
            backOff(nowNanos);
            return;
        }
        fromDns = fromDns != null && found.contains(fromDns) ? fromDns : found.getFirst();
        long ttl = Math.max(1, ttlSeconds);
        dnsExpiresAt = nowNanos + ttl * SECOND;
        nextQueryAt = nowNanos + Math.max(1, ttl - Rfc7050.REFRESH_MARGIN_SECONDS) * SECOND;
        retrySeconds = 1;
    }

    /** The query failed (timeout, SERVFAIL): keep a cached prefix until its TTL ends, retry later. */
    public void onRfc7050Failure(long nowNanos) {
        backOff(nowNanos);
    }

    private void backOff(long now) {
        nextQueryAt = now + retrySeconds * SECOND;
        retrySeconds = Math.min(MAX_RETRY_SECONDS, retrySeconds * 2);
    }
}
