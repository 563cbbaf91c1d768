package net.v6mostly.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters for one enum of {@link Stat}s, written by a single thread and read by any.
 *
 * <p>One writer per table (DESIGN.md §3.6): the owning data-path thread increments with plain
 * arithmetic and publishes with an opaque store, so the packet path pays no atomic instruction;
 * readers (metrics, CLI) see a recent value, never a torn one.
 *
 * @param <E> the engine's stat enum
 */
public final class Counters<E extends Enum<E> & Stat> {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

    private final E[] keys;
    private final long[] values;

    /** Creates zeroed counters for every constant of {@code type}. */
    public Counters(Class<E> type) {
        this.keys = type.getEnumConstants();
        this.values = new long[keys.length];
    }

    /** Adds one to {@code stat}; to be called only by the owning thread. */
    public void increment(E stat) {
        int i = stat.ordinal();
        SLOTS.setOpaque(values, i, (long) SLOTS.getOpaque(values, i) + 1);
    }

    /** Current value of {@code stat}, from any thread. */
    public long get(E stat) {
        return (long) SLOTS.getOpaque(values, stat.ordinal());
    }

    /** Every constant with its current value, in declaration order. */
    public Map<E, Long> snapshot() {
        Map<E, Long> out = new LinkedHashMap<>();
        for (E key : keys) {
            out.put(key, get(key));
        }
        return out;
    }

    /** Sum of all drop counters. */
    public long drops() {
        long sum = 0;
        for (E key : keys) {
            if (key.isDrop()) {
                sum += get(key);
            }
        }
        return sum;
    }
}
