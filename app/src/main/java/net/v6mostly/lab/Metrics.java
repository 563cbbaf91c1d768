package net.v6mostly.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.v6mostly.ops.Scrape;

/**
 * One scrape of a metrics endpoint read the way the hostile lab's checks ask (the parsing is
 * {@link Scrape}'s): a counter family by one label ({@code v6mostly_dns64_queries_total} by
 * {@code event}), its drop counters ({@code drop="true"}, which every v6mostly counter family
 * carries), and what grew between two readings.
 *
 * @param scrape the samples read
 */
public record Metrics(Scrape scrape) {

    /** Parses exposition text; unreadable lines are skipped, empty text gives no samples. */
    public static Metrics parse(String text) {
        return new Metrics(Scrape.parse(text));
    }

    /** Every sample, in the order of the text. */
    public List<Scrape.Sample> samples() {
        return scrape.samples();
    }

    public boolean isEmpty() {
        return scrape.isEmpty();
    }

    /** The value of the first sample {@code name} with labels {@code key=value...}; -1 when there is none. */
    public double value(String name, String... keyValues) {
        return scrape.value(name, keyValues);
    }

    /** The label value of the first sample {@code name}; null when there is none. */
    public String label(String name, String label) {
        return scrape.label(name, label);
    }

    /** The samples {@code name} with labels {@code key=value...}, keyed by their {@code label}. */
    public Map<String, Double> family(String name, String label, String... keyValues) {
        return scrape.family(name, label, keyValues);
    }

    /** The drop counters ({@code drop="true"}) of a family, keyed by {@code label}. */
    public Map<String, Double> drops(String name, String label) {
        return scrape.drops(name, label);
    }

    /** What grew from {@code before} to {@code after}, in the order of {@code after}; absent before counts as 0. */
    public static Map<String, Double> grown(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            double d = v - before.getOrDefault(k, 0.0);
            if (d > 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    /** "A +3, B +1", or "nothing" for an empty map. */
    public static String show(Map<String, Double> counters) {
        if (counters.isEmpty()) {
            return "nothing";
        }
        List<String> parts = new ArrayList<>();
        counters.forEach((k, v) -> parts.add(k + " +" + (long) (double) v));
        return String.join(", ", parts);
    }

    public static double sum(Map<String, Double> counters) {
        return counters.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
