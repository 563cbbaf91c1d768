package net.v6mostly.dns64;

import java.time.Duration;

/**
 * The limits that keep one client, or one query, from taking the proxy (DESIGN.md §6, issue 15):
 * each client's share of the global connection and in-flight limits, an optional per-client query
 * rate (as Unbound's {@code ip-ratelimit}), a lifetime for every TCP connection (RFC 7766 §6.2.3
 * lets a server close connections to free resources) and the upstream messages one query may
 * cause ({@link QueryBudget}). {@code docs/dns64.md} gives the counter of each.
 *
 * @param tcpConnectionsPerClient TCP connections one client address may hold at once
 * @param inFlightPerClient       queries of one client address being resolved at once
 * @param ratelimitPerClient      queries per second from one client address; 0 = no limit
 * @param tcpConnectionLifetime   the longest a TCP connection stays open, however busy
 * @param maxUpstreamQueries      messages one client query may send upstream
 */
public record AbuseLimits(int tcpConnectionsPerClient, int inFlightPerClient, int ratelimitPerClient,
        Duration tcpConnectionLifetime, int maxUpstreamQueries) {

    /**
     * The defaults: 8 connections and 64 queries in flight per client (1/16 of the global 128 and
     * 1024), no rate limit, 120 s per connection, and 36 upstream messages per query — a full
     * 8-hop chain for AAAA and for A ({@link ChainFollower#MAX_HOPS}), each asked of two upstreams.
     */
    public static final AbuseLimits DEFAULTS = new AbuseLimits(8, 64, 0, Duration.ofSeconds(120),
            2 * 2 * (1 + ChainFollower.MAX_HOPS));

    /** Validates. */
    public AbuseLimits {
        if (tcpConnectionsPerClient < 1 || inFlightPerClient < 1 || maxUpstreamQueries < 1) {
            throw new IllegalArgumentException("per-client shares and the upstream budget must be >= 1");
        }
        if (ratelimitPerClient < 0) {
            throw new IllegalArgumentException("ratelimit-per-client must be >= 0 (0: no limit)");
        }
        if (tcpConnectionLifetime.isNegative() || tcpConnectionLifetime.isZero()) {
            throw new IllegalArgumentException("tcp-connection-lifetime must be positive");
        }
    }
}
