package net.v6mostly.service;

/**
 * Whether a component can do its part of the IPv6-only path right now, and why not.
 *
 * @param up     true when healthy
 * @param reason what is wrong (or "ok"), for the log and the metrics
 */
public record Health(boolean up, String reason) {
    /** Healthy. */
    public static final Health UP = new Health(true, "ok");

    /** Unhealthy because of {@code reason}. */
    public static Health down(String reason) {
        return new Health(false, reason);
    }
}
