package net.v6mostly.pcap;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

import net.v6mostly.stats.Counters;
import net.v6mostly.stats.Stat;

/** What a translate run did: packets in and out, and how many left by each exit ({@link Stat}). */
public final class TranslationTotals {
    private final Map<Stat, Long> exits = new TreeMap<>(
            Comparator.comparing((Stat s) -> s.getClass().getName()).thenComparingInt(Stat::ordinal));
    private long in;
    private long out;
    private Counters<PcapSkip> skipped = new Counters<>(PcapSkip.class);

    public void countIn(Stat exit) {
        in++;
        exits.merge(exit, 1L, Long::sum);
    }

    public void countOut() {
        out++;
    }

    public void skipped(Counters<PcapSkip> frames) {
        this.skipped = frames;
    }

    /** Packets read and handed to the translator. */
    public long in() { return in; }
    /** Packets emitted and written. */
    public long out() { return out; }
    /** Packets that left by {@code exit}. */
    public long exits(Stat exit) { return exits.getOrDefault(exit, 0L); }
    /** Packets whose exit is a drop. */
    public long dropped() {
        return exits.entrySet().stream().filter(e -> e.getKey().isDrop()).mapToLong(Map.Entry::getValue).sum();
    }

    /** {@code "totals: 7 in, 6 out, 5 passed, 2 dropped (TRANSLATED_64 3, ...); 1 frame skipped (NON_IP_ETHERTYPE 1)"}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("totals: ").append(in).append(" in, ").append(out).append(" out, ")
                .append(in - dropped()).append(" passed, ").append(dropped()).append(" dropped");
        if (!exits.isEmpty()) {
            b.append(" (");
            exits.forEach((k, v) -> b.append(k.name()).append(' ').append(v).append(", "));
            b.setLength(b.length() - 2);
            b.append(')');
        }
        StringBuilder skips = new StringBuilder();
        long skippedTotal = 0;
        for (Map.Entry<PcapSkip, Long> e : skipped.snapshot().entrySet()) {
            if (e.getValue() > 0) {
                skips.append(skips.isEmpty() ? "" : ", ").append(e.getKey().name()).append(' ').append(e.getValue());
                skippedTotal += e.getValue();
            }
        }
        if (skippedTotal > 0) {
            b.append("; ").append(skippedTotal).append(skippedTotal == 1 ? " frame" : " frames").append(" skipped (")
                    .append(skips).append(')');
        }
        return b.toString();
    }
}
