package net.v6mostly.xlat.rfc7915;

/**
 * Token bucket for ICMP errors the translator generates (RFC 7915 §4.4, §5.4: "sent,
 * rate-limited, or not sent"; RFC 4443 §2.4(f)). Time comes from the caller, in wall-clock
 * milliseconds read once per batch ({@link net.v6mostly.xlat.Translator}); a clock that steps back
 * restarts the refill from the new time instead of starving the bucket.
 */
public final class RateLimiter {
    private final long nanosPerToken;
    private final long capacity;
    private long tokens;
    private long last;
    private boolean started;

    /**
     * @param perSecond tokens added per second; 0 means unlimited
     * @param burst     bucket depth
     */
    public RateLimiter(int perSecond, int burst) {
        this.nanosPerToken = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
        this.capacity = Math.max(1, burst);
        this.tokens = capacity;
    }

    /** Takes a token if one is available at {@code nowMillis}. */
    public boolean tryAcquire(long nowMillis) {
        if (nanosPerToken == 0) {
            return true;
        }
        long nowNanos = nowMillis * 1_000_000L;
        if (!started) {
            started = true;
            last = nowNanos;
        }
        long elapsed = nowNanos - last;
        if (elapsed < 0) { // the wall clock stepped back
            last = nowNanos;
            elapsed = 0;
        }
        if (elapsed >= nanosPerToken) {
            long add = elapsed / nanosPerToken;
            tokens = Math.min(capacity, tokens + add);
            last += add * nanosPerToken;
        }
        if (tokens > 0) {
            tokens--;
            return true;
        }
        return false;
    }
}
