package net.v6mostly.dns64;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

import net.v6mostly.stats.InputFaults;

/**
 * Counters of {@link Dns64Stat}. Unlike the data path's single-writer
 * {@link net.v6mostly.stats.Counters}, the proxy answers on many virtual threads at once, so every
 * slot is an atomic; DNS rates make the cost irrelevant. {@link Dns64Stat#INTERNAL_ERROR} includes
 * the count of the proxy's {@link InputFaults} ({@link #fault}): a query that threw is counted, reported at a limited
 * rate with a hex excerpt, and dropped (DESIGN.md §6).
 */
public final class Dns64Counters {
    private static final Dns64Stat[] KEYS = Dns64Stat.values();
    private final AtomicLongArray values = new AtomicLongArray(KEYS.length);
    private final InputFaults faults;

    /** Counters whose fault reports go to the {@code net.v6mostly.dns64} platform logger (WARNING). */
    public Dns64Counters() {
        this(line -> System.getLogger("net.v6mostly.dns64").log(System.Logger.Level.WARNING, line));
    }

    /** Counters whose fault reports (at most five a minute) go to {@code report}. */
    public Dns64Counters(Consumer<String> report) {
        this.faults = InputFaults.perMinute("dns64", report);
    }

    /** Adds one to {@code stat}; from any thread. */
    public void increment(Dns64Stat stat) {
        values.incrementAndGet(stat.ordinal());
    }

    /**
     * Counts an unexpected {@code fault} while handling the {@code length} bytes of {@code input}
     * under {@link Dns64Stat#INTERNAL_ERROR} and reports it at a limited rate; from any thread.
     */
    public void fault(Throwable fault, byte[] input, int length) {
        faults.record(fault, input, 0, Math.max(0, Math.min(length, input.length)), System.nanoTime());
    }

    /** Current value of {@code stat}. */
    public long get(Dns64Stat stat) {
        long v = values.get(stat.ordinal());
        return stat == Dns64Stat.INTERNAL_ERROR ? v + faults.count() : v;
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
                sb.append(String.format("%10d  %-24s %s%n", v, key.name(), key.explanation()));
            }
        }
        return sb.isEmpty() ? "         0  (no queries)\n" : sb.toString();
    }
}
