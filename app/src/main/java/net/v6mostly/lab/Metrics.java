package net.v6mostly.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of one Prometheus text exposition with their labels, read the way the hostile lab's
 * checks ask: a counter family by one label ({@code v6mostly_dns64_queries_total} by {@code event}),
 * its drop counters ({@code drop="true"}, which every v6mostly counter family carries), and what grew
 * between two readings.
 *
 * @param samples every sample, in the order of the text
 */
public record Metrics(List<Sample> samples) {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample: metric name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public Metrics {
        samples = List.copyOf(samples);
    }

    /** Parses exposition text; comment and unreadable lines are skipped, empty text gives no samples. */
    public static Metrics parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            try {
                out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
            } catch (NumberFormatException ignored) {
                // not a sample value
            }
        }
        return new Metrics(out);
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    /** The value of the first sample {@code name} with labels {@code key=value...}; -1 when there is none. */
    public double value(String name, String... keyValues) {
        for (Sample s : samples) {
            if (s.name().equals(name) && has(s, keyValues)) {
                return s.value();
            }
        }
        return -1;
    }

    /** The label value of the first sample {@code name}; null when there is none. */
    public String label(String name, String label) {
        return samples.stream().filter(s -> s.name().equals(name)).map(s -> s.labels().get(label))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** The samples {@code name} with labels {@code key=value...}, keyed by their {@code label}. */
    public Map<String, Double> family(String name, String label, String... keyValues) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().containsKey(label) && has(s, keyValues)) {
                out.merge(s.labels().get(label), s.value(), Double::sum);
            }
        }
        return out;
    }

    /** The drop counters ({@code drop="true"}) of a family, keyed by {@code label}. */
    public Map<String, Double> drops(String name, String label) {
        return family(name, label, "drop", "true");
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

    private static boolean has(Sample s, String... keyValues) {
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (!keyValues[i + 1].equals(s.labels().get(keyValues[i]))) {
                return false;
            }
        }
        return true;
    }
}
