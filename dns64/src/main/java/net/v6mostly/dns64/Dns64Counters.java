package net.v6mostly.dns64;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of {@link Dns64Stat}. Unlike the data path's single-writer
 * {@link net.v6mostly.stats.Counters}, the proxy answers on many virtual threads at once, so every
 * slot is an atomic; DNS rates make the cost irrelevant.
 */
public final class Dns64Counters {
    private static final Dns64Stat[] KEYS = Dns64Stat.values();
    private final AtomicLongArray values = new AtomicLongArray(KEYS.length);

    /** Adds one to {@code stat}; from any thread. */
    public void increment(Dns64Stat stat) {
        values.incrementAndGet(stat.ordinal());
    }

    /** Current value of {@code stat}. */
    public long get(Dns64Stat stat) {
        return values.get(stat.ordinal());
    }

    /** Every constant with its value, in declaration order. */
    public Map<Dns64Stat, Long> snapshot() {
        Map<Dns64Stat, Long> out = new EnumMap<>(Dns64Stat.class);
        for (Dns64Stat key : KEYS) {
            out.put(key, get(key));
        }
        return out;
    }

    /** One line per non-zero counter: value, name and explanation. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        for (Dns64Stat key : KEYS) {
            long v = get(key);
            if (v != 0) {
                sb.append(String.format("%10d  %-22s %s%n", v, key.name(), key.explanation()));
            }
        }
        return sb.isEmpty() ? "         0  (no queries)\n" : sb.toString();
    }
}
