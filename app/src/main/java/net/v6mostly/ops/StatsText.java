package net.v6mostly.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.v6mostly.stats.Stat;

/**
 * What the stats commands ({@code v6mostly siit stats}, {@code nat64 stats}, {@code dhcp4 stats},
 * {@code clat status}) print beside the figures they read: durations, and the explanation of a
 * counter, which the {@link Stat} constant of the same name carries (the endpoint exposes only the
 * name, as a label).
 */
public final class StatsText {
    private StatsText() {
    }

    /** The explanation of the constant {@code name} of the first of {@code types} that has one; "" when none has. */
    @SafeVarargs
    public static String explanation(String name, Class<? extends Stat>... types) {
        for (Class<? extends Stat> type : types) {
            for (Stat s : type.getEnumConstants()) {
                if (s.name().equals(name)) {
                    return s.explanation();
                }
            }
        }
        return "";
    }

    /**
     * {@code samples} in the order of the constants of {@code types} named by their label {@code
     * label} (the order of the docs and of the enum), names no constant has last; the exposition
     * itself sorts samples by their labels.
     */
    @SafeVarargs
    public static List<Scrape.Sample> inStatOrder(List<Scrape.Sample> samples, String label,
            Class<? extends Stat>... types) {
        Map<String, Integer> rank = new HashMap<>();
        for (Class<? extends Stat> type : types) {
            for (Stat s : type.getEnumConstants()) {
                rank.putIfAbsent(s.name(), rank.size());
            }
        }
        List<Scrape.Sample> out = new ArrayList<>(samples);
        out.sort(Comparator.comparingInt(s -> rank.getOrDefault(s.labels().get(label), Integer.MAX_VALUE)));
        return out;
    }

    /** {@code 45s}, {@code 3m 07s}, {@code 2h 03m 07s}, {@code 4d 02h 03m 07s}. */
    public static String duration(long seconds) {
        long d = seconds / 86400;
        long h = seconds / 3600 % 24;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        if (d > 0) {
            return String.format(Locale.ROOT, "%dd %02dh %02dm %02ds", d, h, m, s);
        }
        if (h > 0) {
            return String.format(Locale.ROOT, "%dh %02dm %02ds", h, m, s);
        }
        return m > 0 ? String.format(Locale.ROOT, "%dm %02ds", m, s) : s + "s";
    }
}
