package net.v6mostly.service;

/**
 * Turns what the NAT64 daemon reports into a {@link Health} for the signalling: down while the
 * data path is down, and while pool4 is exhausted — new IPv6-initiated mappings were refused for
 * lack of ports (RFC 6888 REQ-11) within the last {@code holdMillis}, or the busiest protocol uses
 * at least {@code fullShare} of its ports. The refusal counter is cumulative, so the rule keeps
 * the last value and when it last grew. Down at once, up only after {@code recoverMillis} of
 * good readings in a row: a flapping TUN must not flip the PREF64 lifetime of every RA and the
 * option 108 of every lease with it. Pure: the caller passes the time; one caller at a time.
 *
 * <p>{@link Nat64Service#health()} feeds its service's figures (data path running, with its TUN
 * up; failure; pool4 use; pool4-exhausted counter) through {@link #health}.
 */
public final class Nat64HealthRule {
    private final long holdMillis;
    private final double fullShare;
    private final long recoverMillis;
    private long lastExhausted = -1;
    private long grewAt = Long.MIN_VALUE;
    private String lastDownReason;
    private long goodSince = Long.MIN_VALUE;

    /**
     * A rule that counts pool4 as exhausted for {@code holdMillis} after a refused mapping, or
     * while at least {@code fullShare} (0..1] of some protocol's ports are in use, and that
     * reports up again only after {@code recoverMillis} of good readings.
     */
    public Nat64HealthRule(long holdMillis, double fullShare, long recoverMillis) {
        if (holdMillis < 0 || recoverMillis < 0 || !(fullShare > 0 && fullShare <= 1)) {
            throw new IllegalArgumentException("hold and recovery must be >= 0 ms and the full share in (0, 1]");
        }
        this.holdMillis = holdMillis;
        this.fullShare = fullShare;
        this.recoverMillis = recoverMillis;
    }

    /**
     * The health for one reading.
     *
     * @param dataPathUp      every worker of the data path runs
     * @param failure         why the data path stopped, or null
     * @param pool4Use        the highest share of pool4 ports in use over the protocols, 0..1
     * @param exhaustedTotal  mappings refused for lack of pool4 ports since start
     * @param nowMillis       a monotonic clock in milliseconds
     */
    public Health health(boolean dataPathUp, String failure, double pool4Use, long exhaustedTotal, long nowMillis) {
        Health now = reading(dataPathUp, failure, pool4Use, exhaustedTotal, nowMillis);
        if (!now.up()) {
            lastDownReason = now.reason();
            goodSince = Long.MIN_VALUE;
            return now;
        }
        if (lastDownReason == null) {
            return now;
        }
        if (goodSince == Long.MIN_VALUE) {
            goodSince = nowMillis;
        }
        long good = nowMillis - goodSince;
        if (good >= recoverMillis) {
            lastDownReason = null;
            return now;
        }
        return Health.down(String.format(java.util.Locale.ROOT, "recovering: good for %.1f of %.1f s (was: %s)",
                good / 1000.0, recoverMillis / 1000.0, lastDownReason));
    }

    /** One reading without the recovery hold. */
    private Health reading(boolean dataPathUp, String failure, double pool4Use, long exhaustedTotal, long nowMillis) {
        if (lastExhausted >= 0 && exhaustedTotal > lastExhausted) {
            grewAt = nowMillis;
        }
        lastExhausted = exhaustedTotal;
        if (!dataPathUp) {
            return Health.down("data path down" + (failure == null ? "" : ": " + failure));
        }
        if (grewAt != Long.MIN_VALUE && nowMillis - grewAt < holdMillis) {
            return Health.down("pool4 exhausted: new mappings refused (RFC 6888 REQ-11)");
        }
        if (pool4Use >= fullShare) {
            return Health.down(String.format(java.util.Locale.ROOT, "pool4 exhausted: %.0f%% of the ports in use",
                    100 * pool4Use));
        }
        return Health.UP;
    }
}
