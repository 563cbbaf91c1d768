package net.v6mostly.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics of a running {@code v6mostly siit} read back from its endpoint: the counters with the
 * explanations the endpoint carries in its comment lines, formatted as the table {@code v6mostly
 * siit stats} prints.
 *
 * @param series every counter sample of {@link SiitMetrics#PACKETS} and {@link SiitMetrics#DATAPATH}, in order
 * @param up     the {@link SiitMetrics#UP} gauge, or -1 when absent
 * @param uptime the {@link SiitMetrics#UPTIME} gauge in seconds, or -1 when absent
 */
public record MetricsScrape(List<Series> series, int up, double uptime) {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern EXPLANATION = Pattern.compile("^# ([A-Z][A-Z0-9_]*): (.*)$");

    /**
     * One counter.
     *
     * @param family      the metric name
     * @param name        the exit or event (the {@code exit} or {@code event} label)
     * @param drop        whether it counts lost packets
     * @param value       its value
     * @param explanation the sentence from the comment above it, or "" when there was none
     */
    public record Series(String family, String name, boolean drop, long value, String explanation) {
    }

    /** Copies the list. */
    public MetricsScrape {
        series = List.copyOf(series);
    }

    /**
     * Fetches {@code url} with a timeout.
     *
     * @throws IOException when the endpoint cannot be reached or answers other than 200
     */
    public static String fetch(URI url, Duration timeout) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + url);
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        } finally {
            client.close();
        }
    }

    /** Reads the exposition text; unknown families and malformed lines are skipped. */
    public static MetricsScrape parse(String text) {
        List<Series> series = new ArrayList<>();
        Map<String, String> explanations = new HashMap<>();
        int up = -1;
        double uptime = -1;
        for (String line : text.split("\n")) {
            Matcher m = EXPLANATION.matcher(line);
            if (m.matches()) {
                explanations.put(m.group(1), unescape(m.group(2)));
                continue;
            }
            m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            String family = m.group(1);
            String value = m.group(4);
            try {
                switch (family) {
                    case SiitMetrics.UP -> up = (int) Double.parseDouble(value);
                    case SiitMetrics.UPTIME -> uptime = Double.parseDouble(value);
                    case SiitMetrics.PACKETS, SiitMetrics.DATAPATH -> {
                        Map<String, String> labels = labels(m.group(3) == null ? "" : m.group(3));
                        String name = labels.getOrDefault(family.equals(SiitMetrics.PACKETS) ? "exit" : "event", "?");
                        series.add(new Series(family, name, "true".equals(labels.get("drop")),
                                (long) Double.parseDouble(value), explanations.getOrDefault(name, "")));
                    }
                    default -> { }
                }
            } catch (NumberFormatException e) {
                // a value that is not a number: skip the line, as scrapers do with what they cannot read
            }
            explanations.clear(); // an explanation belongs to the sample right below it
        }
        return new MetricsScrape(series, up, uptime);
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> out = new HashMap<>();
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            out.put(m.group(1), unescape(m.group(2)));
        }
        return out;
    }

    private static String unescape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                b.append(n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The table {@code v6mostly siit stats} prints: a status line, then per family every non-zero
     * counter (every counter with {@code all}) with its value and explanation; drops are marked.
     */
    public String table(String source, boolean all) {
        StringBuilder b = new StringBuilder();
        b.append("v6mostly siit at ").append(source).append(": ")
                .append(up == 1 ? "up" : up == 0 ? "DOWN (a worker failed)" : "status unknown");
        if (uptime >= 0) {
            b.append(", uptime ").append(duration((long) uptime));
        }
        b.append('\n');
        section(b, "translator exits", SiitMetrics.PACKETS, all);
        section(b, "data path", SiitMetrics.DATAPATH, all);
        return b.toString();
    }

    private void section(StringBuilder b, String title, String family, boolean all) {
        List<Series> rows = series.stream().filter(s -> s.family().equals(family) && (all || s.value() != 0)).toList();
        b.append(title).append(" (").append(family).append(")\n");
        if (rows.isEmpty()) {
            b.append(all ? "  (none)\n" : "  (all zero; --all lists them)\n");
            return;
        }
        int nameWidth = rows.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        int valueWidth = rows.stream().mapToInt(s -> Long.toString(s.value()).length()).max().orElse(0);
        for (Series s : rows) {
            b.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s  %" + valueWidth + "d  %-4s  %s", s.name(),
                    s.value(), s.drop() ? "drop" : "", s.explanation()).stripTrailing()).append('\n');
        }
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
