package net.v6mostly.ndp;

import java.util.random.RandomGenerator;

/**
 * When one interface sends its multicast Router Advertisements (RFC 4861 §6.2.4–§6.2.6). Pure:
 * every method takes the current time in milliseconds of a monotonic clock, and randomness comes
 * from the generator given; the caller sends when {@link #nextDue()} has passed and calls
 * {@link #fire(long)}.
 *
 * <ul>
 * <li>§6.2.4: the first RA goes out as soon as the interface starts advertising; after each
 * multicast RA the timer is reset to a uniform random interval in [MinRtrAdvInterval,
 * MaxRtrAdvInterval], clamped to MAX_INITIAL_RTR_ADVERT_INTERVAL for the first
 * MAX_INITIAL_RTR_ADVERTISEMENTS.</li>
 * <li>§6.2.6: a solicitation is answered by a multicast RA after a random delay of
 * 0..MAX_RA_DELAY_TIME, and no sooner than MIN_DELAY_BETWEEN_RAS after the previous multicast RA;
 * when an RA is already due by then, that RA is the answer.</li>
 * <li>§6.2.4 (configuration change): a reload is treated like becoming an advertising interface
 * again: an RA soon (respecting MIN_DELAY_BETWEEN_RAS) and the initial clamping anew.</li>
 * </ul>
 */
public final class RaScheduler {
    /** MAX_INITIAL_RTR_ADVERT_INTERVAL, 16 s (RFC 4861 §10). */
    public static final long MAX_INITIAL_RTR_ADVERT_INTERVAL_MS = 16_000;
    /** MAX_INITIAL_RTR_ADVERTISEMENTS (RFC 4861 §10). */
    public static final int MAX_INITIAL_RTR_ADVERTISEMENTS = 3;
    /** MIN_DELAY_BETWEEN_RAS, 3 s (RFC 4861 §10). */
    public static final long MIN_DELAY_BETWEEN_RAS_MS = 3_000;
    /** MAX_RA_DELAY_TIME, 0.5 s (RFC 4861 §10). */
    public static final long MAX_RA_DELAY_TIME_MS = 500;

    private static final long NEVER = Long.MAX_VALUE;

    private final RandomGenerator random;
    private RaIntervals intervals;
    private long nextUnsolicited = NEVER;
    private long pending = NEVER;
    private NdpStat pendingReason;
    private long lastMulticast = Long.MIN_VALUE;
    private int initialLeft;

    /** A scheduler that has not started advertising. */
    public RaScheduler(RaIntervals intervals, RandomGenerator random) {
        this.intervals = intervals;
        this.random = random;
    }

    /** The interface becomes an advertising interface (§6.2.4): the first RA is due now. */
    public void start(long now) {
        initialLeft = MAX_INITIAL_RTR_ADVERTISEMENTS;
        nextUnsolicited = now;
    }

    /** When the next RA is due; {@link Long#MAX_VALUE} before {@link #start}. */
    public long nextDue() {
        return Math.min(nextUnsolicited, pending);
    }

    /** Whether an RA is due at {@code now}. */
    public boolean due(long now) {
        return now >= nextDue();
    }

    /**
     * Records that the due RA is sent at {@code now} and schedules the next; returns the reason to
     * count it under: {@code RA_SENT_SOLICITED}, {@code RA_SENT_RELOAD}, {@code RA_SENT_INITIAL} or
     * {@code RA_SENT_PERIODIC}.
     */
    public NdpStat fire(long now) {
        NdpStat reason;
        if (pending <= now && pending <= nextUnsolicited) {
            reason = pendingReason;
        } else {
            reason = initialLeft > 0 ? NdpStat.RA_SENT_INITIAL : NdpStat.RA_SENT_PERIODIC;
        }
        if (initialLeft > 0) {
            initialLeft--;
        }
        lastMulticast = now;
        pending = NEVER;
        pendingReason = null;
        long interval = random.nextLong(intervals.min() * 1000L, intervals.max() * 1000L + 1);
        if (initialLeft > 0) {
            interval = Math.min(interval, MAX_INITIAL_RTR_ADVERT_INTERVAL_MS);
        }
        nextUnsolicited = now + interval;
        return reason;
    }

    /**
     * A valid Router Solicitation arrived at {@code now} (§6.2.6). Returns {@code RS_RECEIVED} when
     * an answering RA was scheduled, {@code RS_ANSWER_MERGED} when an RA due no later answers it.
     */
    public NdpStat solicited(long now) {
        long delay = random.nextLong(MAX_RA_DELAY_TIME_MS + 1);
        long at = now + delay;
        if (lastMulticast != Long.MIN_VALUE && now - lastMulticast < MIN_DELAY_BETWEEN_RAS_MS) {
            at = lastMulticast + MIN_DELAY_BETWEEN_RAS_MS + delay;
        }
        if (nextDue() <= at) {
            return NdpStat.RS_ANSWER_MERGED;
        }
        pending = at;
        pendingReason = NdpStat.RA_SENT_SOLICITED;
        return NdpStat.RS_RECEIVED;
    }

    /**
     * The configuration changed at {@code now}: the schedule is kept, an RA with the new contents
     * goes out promptly (no sooner than MIN_DELAY_BETWEEN_RAS after the last one), and the next
     * MAX_INITIAL_RTR_ADVERTISEMENTS are clamped as after start (§6.2.4).
     */
    public void reload(long now, RaIntervals newIntervals) {
        intervals = newIntervals;
        initialLeft = MAX_INITIAL_RTR_ADVERTISEMENTS;
        long at = lastMulticast == Long.MIN_VALUE ? now : Math.max(now, lastMulticast + MIN_DELAY_BETWEEN_RAS_MS);
        if (at < pending) {
            pending = at;
            pendingReason = NdpStat.RA_SENT_RELOAD;
        }
        nextUnsolicited = Math.min(nextUnsolicited, now + newIntervals.max() * 1000L);
    }

    /** The current intervals. */
    public RaIntervals intervals() {
        return intervals;
    }
}
