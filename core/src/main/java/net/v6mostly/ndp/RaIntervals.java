package net.v6mostly.ndp;

/**
 * The router's advertisement interval variables of RFC 4861 §6.2.1, in seconds.
 *
 * @param min MinRtrAdvInterval: at least 3 s and at most 0.75 × max (or equal to max when max
 *            is under 9 s, the default the RFC gives for that case)
 * @param max MaxRtrAdvInterval: 4..1800 s
 */
public record RaIntervals(int min, int max) {
    /** Default MaxRtrAdvInterval (RFC 4861 §6.2.1). */
    public static final int DEFAULT_MAX = 600;
    /** RFC 4861 §6.2.1 defaults: Max 600 s, Min 0.33 × Max = 198 s. */
    public static final RaIntervals DEFAULT = ofMax(DEFAULT_MAX);

    public RaIntervals {
        if (max < 4 || max > 1800) {
            throw new IllegalArgumentException("MaxRtrAdvInterval must be 4..1800 s (RFC 4861 §6.2.1), not " + max);
        }
        if (min < 3 || min > max || min * 4L > max * 3L && min != max) {
            throw new IllegalArgumentException("MinRtrAdvInterval must be 3 s..0.75 × MaxRtrAdvInterval ("
                    + (max * 3 / 4) + " s) (RFC 4861 §6.2.1), not " + min);
        }
        if (min == max && max >= 9) {
            throw new IllegalArgumentException("MinRtrAdvInterval must be at most 0.75 × MaxRtrAdvInterval ("
                    + (max * 3 / 4) + " s) (RFC 4861 §6.2.1), not " + min);
        }
    }

    /** The RFC 4861 §6.2.1 default Min for {@code max}: 0.33 × max when max ≥ 9 s, otherwise max. */
    public static RaIntervals ofMax(int max) {
        return new RaIntervals(max >= 9 ? Math.max(3, max * 33 / 100) : max, max);
    }

    /** AdvDefaultLifetime's default, 3 × MaxRtrAdvInterval (RFC 4861 §6.2.1), capped at 9000 s. */
    public int defaultRouterLifetime() {
        return Math.min(9000, 3 * max);
    }

    /** RFC 8781 §4.1: a PREF64 lifetime of 3 × MaxRtrAdvInterval, capped at 65528 s. */
    public int defaultPref64Lifetime() {
        return Math.min(Pref64Option.MAX_LIFETIME, 3 * max);
    }
}
