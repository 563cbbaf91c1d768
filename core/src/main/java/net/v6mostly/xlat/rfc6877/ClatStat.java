package net.v6mostly.xlat.rfc6877;

import net.v6mostly.stats.Stat;

/** Every control-plane event of the CLAT engine, counted; the data path counts its packets under XlatStat. */
public enum ClatStat implements Stat {
    RA_ACCEPTED(false, "Router Advertisement accepted (RFC 4861 §6.1.2) and its PREF64, PIO and RDNSS options read."),
    RA_BAD_HOP_LIMIT(true, "RA with IP Hop Limit other than 255 (RFC 4861 §6.1.2): it may come from off-link."),
    RA_NOT_LINK_LOCAL(true, "RA whose source is not link-local (RFC 4861 §6.1.2)."),
    RA_MALFORMED(true, "RA too short, with a bad code or a bad option length (RFC 4861 §6.1.2)."),
    PREF64_OPTION(false, "PREF64 option taken from an accepted RA: its prefix added, refreshed or withdrawn (RFC 8781 §4.1)."),
    PREF64_NONZERO_U_OCTET(true, "PREF64 option whose /96 prefix has a non-zero u octet (bits 64-71), which RFC 6052 §2.2"
            + " requires to be zero: no address can be synthesized under it, so the option is ignored; the rest of the RA is used."),
    PREF64_TABLE_FULL(true, "PREF64 option with a new prefix while " + Pref64Discovery.MAX_RA_PREFIXES + " RA prefixes are"
            + " valid and each one that may be replaced outlives it: ignored (bounded table, DESIGN.md §6)."),
    PREF64_EVICTED(false, "A valid RA prefix not in use, the one expiring soonest, made room for a new PREF64 prefix that"
            + " outlives it (the table holds " + Pref64Discovery.MAX_RA_PREFIXES + ")."),
    PIO_TABLE_FULL(true, "Autonomous /64 (RFC 4862 §5.5.3) new while " + ClatEngine.MAX_SLAAC_PREFIXES + " are valid: it"
            + " replaced the one expiring soonest (never the one the CLAT address is taken from) or, outlived, was ignored."),
    RDNSS_TABLE_FULL(true, "RDNSS server (RFC 8106 §5.3.1) new while " + ClatEngine.MAX_DNS_SERVERS + " are valid: it"
            + " replaced the one expiring soonest or, outlived by all, was ignored."),
    INTERNAL_ERROR(true, "An input (RA, netlink reply, RFC 7050 answer) made the control loop fail unexpectedly: it was"
            + " dropped, reported at a limited rate with a hex excerpt, and the loop went on (DESIGN.md §6)."),
    RFC7050_QUERY(false, "AAAA query for ipv4only.arpa sent because no RA carries a PREF64 (RFC 9872 §3.1, RFC 7050 §3)."),
    RFC7050_PREFIX(false, "ipv4only.arpa answer that revealed a Pref64 (RFC 7050 §3)."),
    RFC7050_NO_PREFIX(false, "ipv4only.arpa answer without a Well-Known IPv4 Address in any AAAA: no DNS64 (RFC 7050 §3)."),
    RFC7050_FAILED(true, "ipv4only.arpa query that timed out or failed; retried with backoff."),
    DAD_STARTED(false, "Duplicate Address Detection started for a CLAT address candidate (RFC 4862 §5.4)."),
    DAD_COLLISION(false, "A CLAT address candidate was in use; the next one is tried (RFC 7217 §6)."),
    PREFIX_CHANGED(false, "The NAT64 prefix in use changed (RA, RFC 7050 or expiry); the translator took the new one."),
    TURNED_ON(false, "The CLAT started translating."),
    TURNED_OFF(false, "The CLAT stopped translating (see the reason).");

    private final boolean drop;
    private final String explanation;

    ClatStat(boolean drop, String explanation) {
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
