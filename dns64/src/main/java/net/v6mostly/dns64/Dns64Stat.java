package net.v6mostly.dns64;

import net.v6mostly.stats.Stat;

/**
 * Every counted event of the DNS64 proxy, with the sentence an operator reads. Each query is
 * counted once by type ({@code QUERY_*}) and once by outcome; drops and refusals are marked as such.
 */
public enum Dns64Stat implements Stat {
    // ---- queries by type
    QUERY_AAAA(false, "AAAA query received"),
    QUERY_A(false, "A query received"),
    QUERY_PTR(false, "PTR query received"),
    QUERY_OTHER(false, "query of another type received"),

    // ---- outcomes
    SYNTHESIZED(false, "AAAA answer synthesized from A records (RFC 6147 §5.1.7)"),
    SYNTHESIZED_PTR(false, "PTR under a Pref64::/n ip6.arpa zone answered through in-addr.arpa (RFC 6147 §5.3.1)"),
    IPV4ONLY_ARPA(false, "ipv4only.arpa answered locally without upstream (RFC 8880 §7)"),
    REAL_AAAA(false, "upstream AAAA records returned unchanged: real AAAA data wins (RFC 6147 §5.1.1)"),
    EXCLUDED_AAAA(false, "AAAA record inside an excluded prefix treated as absent (RFC 6147 §5.1.4)"),
    NXDOMAIN_PASSED(false, "NXDOMAIN on the AAAA query passed through, no synthesis (RFC 6147 §5.1.2)"),
    SYNTHESIS_ON_ERROR(false, "AAAA query failed with an RCODE other than NOERROR/NXDOMAIN: treated as empty (RFC 6147 §5.1.2)"),
    NO_A_FOR_SYNTHESIS(false, "no usable A records either: the original AAAA response returned (RFC 6147 §5.1.6)"),
    DNSSEC_PASSTHROUGH(false, "query with DO and CD set: no synthesis, the client validates (RFC 6147 §5.5)"),
    NO_SYNTHESIS_CLIENT(false, "client in no-synthesis-clients (dual-stack): AAAA passed through without synthesis"),
    PASSED_THROUGH(false, "query of a type DNS64 does not touch answered from upstream (RFC 6147 §5.1)"),
    CACHE_HIT(false, "answered from the cache (TTLs honoured, RFC 1035 §7.4, RFC 2308 §5)"),
    CACHE_MISS(false, "not in the cache: resolved upstream"),
    CACHE_EVICTED(false, "cache entry evicted to stay within cache-entries / cache-bytes"),
    TRUNCATED(false, "UDP answer larger than the client's buffer: sent with TC=1 (RFC 1035 §4.2.1, RFC 6891 §6.2.5)"),
    UPSTREAM_TCP_RETRY(false, "upstream UDP answer had TC=1: query repeated over TCP (RFC 7766 §5)"),
    UPSTREAM_FAILOVER(false, "an upstream failed or timed out: the next one was tried"),
    TCP_CONNECTIONS(false, "TCP connection accepted (RFC 7766)"),

    // ---- failures, refusals and drops
    UPSTREAM_TIMEOUT(true, "every upstream timed out: SERVFAIL sent (RFC 6147 §5.1.2 does not synthesize on timeout by default)"),
    UPSTREAM_FAILURE(true, "every upstream failed (I/O error, mismatched or malformed answer): SERVFAIL sent"),
    REFUSED_CLIENT(true, "client address not in allow-clients: REFUSED, we are not an open resolver (RFC 5358 §4)"),
    NOT_IMPLEMENTED(true, "opcode other than QUERY: NOTIMP (RFC 1035 §4.1.1)"),
    MALFORMED_FORMERR(true, "malformed query with a readable header: FORMERR (RFC 1035 §4.1.1)"),
    MALFORMED_DROPPED(true, "datagram too short for a DNS header or itself a response: dropped without answer"),
    OVERLOAD_DROPPED(true, "too many queries in flight (max-in-flight): dropped so a flood cannot exhaust memory"),
    TCP_REJECTED(true, "TCP connection refused: max-tcp-connections reached"),
    TCP_REFUSED_CLIENT(true, "TCP connection from a client outside allow-clients: closed at accept, before any byte"
            + " is read (RFC 5358 §4)"),
    TCP_CLIENT_LIMIT(true, "TCP connection refused: the client already holds max-tcp-connections-per-client, its"
            + " share (RFC 7766 §6.2.2: servers should limit connections per client)"),
    TCP_IDLE_CLOSED(true, "TCP connection closed: no complete query within tcp-idle-timeout-ms of the connection or"
            + " the last answer, however slowly its bytes trickled in (RFC 7766 §6.2.3)"),
    TCP_STALLED_CLOSED(true, "TCP connection closed: the client did not take its answer within tcp-idle-timeout-ms"
            + " (a client that never reads cannot hold a slot, RFC 7766 §6.2.3)"),
    TCP_LIFETIME_CLOSED(true, "TCP connection closed at tcp-connection-lifetime-ms: no client keeps a slot forever"
            + " (RFC 7766 §6.2.3: the server may close connections to free resources)"),
    CLIENT_IN_FLIGHT_LIMIT(true, "query dropped: the client already has max-in-flight-per-client queries being"
            + " answered, its share of max-in-flight"),
    RATE_LIMITED(true, "query dropped unanswered: the client sent more than ratelimit-per-client queries in one"
            + " second (as Unbound's ip-ratelimit; no answer, so a spoofed source gets no reflection, RFC 5358 §4)"),
    UPSTREAM_BUDGET_EXCEEDED(true, "the query needed more than max-upstream-queries messages to upstream (CNAME hops"
            + " × types × upstreams): SERVFAIL, so one query cannot make unbounded upstream work"),
    INTERNAL_ERROR(true, "unexpected error while handling one query: counted, reported at a limited rate with a hex"
            + " excerpt, SERVFAIL sent where the header was readable, the listener kept running (DESIGN.md §6)"),
    LISTENER_FAILED(true, "a listening socket failed for good (not closed by us): its thread ended with the error"
            + " reported and the proxy stops (standalone: non-zero exit)");

    private final boolean drop;
    private final String explanation;

    Dns64Stat(boolean drop, String explanation) {
        this.drop = drop;
        this.explanation = explanation;
    }

    @Override
    public String explanation() {
        return explanation;
    }

    @Override
    public boolean isDrop() {
        return drop;
    }
}
