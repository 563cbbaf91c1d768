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
    TCP_IDLE_CLOSED(true, "TCP connection closed after tcp-idle-timeout without a complete query (RFC 7766 §6.2.3)"),
    INTERNAL_ERROR(true, "unexpected error while answering: SERVFAIL sent, listener kept running");

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
