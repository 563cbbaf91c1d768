package net.v6mostly.xlat.rfc6877;

import net.v6mostly.stats.Stat;

/** Every control-plane event of the CLAT engine, counted; the data path counts its packets under XlatStat. */
public enum ClatStat implements Stat {
    RA_ACCEPTED(false, "Router Advertisement accepted (RFC 4861 §6.1.2) and its PREF64, PIO and RDNSS options read."),
    RA_BAD_HOP_LIMIT(true, "RA with IP Hop Limit other than 255 (RFC 4861 §6.1.2): it may come from off-link."),
    RA_NOT_LINK_LOCAL(true, "RA whose source is not link-local (RFC 4861 §6.1.2)."),
    RA_MALFORMED(true, "RA too short, with a bad code or a bad option length (RFC 4861 §6.1.2)."),
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
