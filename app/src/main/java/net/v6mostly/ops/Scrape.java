package net.v6mostly.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scrape of a metrics endpoint, read back: every sample (metric name as exposed, labels,
 * value), the HELP and TYPE of each family, and the lines that could not be read, each with its
 * line number. The one parser of the Prometheus text format 0.0.4 and of OpenMetrics 1.0 text for
 * the stats commands and the lab (the Prometheus Java client only writes these formats).
 *
 * <p>The endpoint may be anyone's, so the text is outside input (DESIGN.md §6): a line that is not
 * a comment, a HELP/TYPE line or a well-formed sample is skipped and recorded as a located
 * {@link Error} (at most {@value #MAX_ERRORS}, then only counted); parsing never throws. Sample
 * syntax as in the exposition formats: {@code name{label="value",...} value [timestamp]}, label
 * values escaping {@code \\}, {@code \"} and {@code \n}, values as Go's ParseFloat reads them
 * ({@code NaN}, {@code +Inf}, {@code -Inf}, decimal and exponent forms). OpenMetrics exemplars
 * ({@code # {...} value}) after a sample are ignored.
 */
public final class Scrape {
    /** Located errors kept; more are only counted. */
    static final int MAX_ERRORS = 100;
    /** Bytes of an endpoint's answer read by {@link #fetch}; a longer answer is refused. */
    static final int MAX_BODY = 16 << 20;

    private final List<Sample> samples;
    private final Map<String, String> help;
    private final Map<String, String> type;
    private final List<Error> errors;
    private final int errorCount;

    /** One sample: the metric name as exposed (a counter's with its {@code _total}), labels in written order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        /** Copies the labels, keeping their order. */
        public Sample {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        /**
         * The sample in one canonical line, whatever wrote it: {@code name{a="x",b="y"} value},
         * labels sorted by name and escaped as in the text format, an integral value without a
         * fraction ({@code 3}, not {@code 3.0}), infinities as {@code +Inf} and {@code -Inf}, others
         * as {@link Double#toString} writes them (which this parser reads back).
         */
        public String canonical() {
            StringBuilder b = new StringBuilder(name);
            if (!labels.isEmpty()) {
                b.append('{');
                new java.util.TreeMap<>(labels).forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ",")
                        .append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")
                                .replace("\n", "\\n")).append('"'));
                b.append('}');
            }
            boolean integral = value == Math.rint(value) && Math.abs(value) < 1e15;
            String v = Double.isInfinite(value) ? (value > 0 ? "+Inf" : "-Inf")
                    : integral ? Long.toString((long) value) : Double.toString(value);
            return b.append(' ').append(v).toString();
        }
    }

    /** A line that was skipped: its number (from 1) and why. */
    public record Error(int line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    private Scrape(List<Sample> samples, Map<String, String> help, Map<String, String> type, List<Error> errors,
            int errorCount) {
        this.samples = List.copyOf(samples);
        this.help = Map.copyOf(help);
        this.type = Map.copyOf(type);
        this.errors = List.copyOf(errors);
        this.errorCount = errorCount;
    }

    /** Reads exposition text; never throws: what it cannot read is in {@link #errors()}. */
    public static Scrape parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Sample> samples = new ArrayList<>();
        Map<String, String> help = new HashMap<>();
        Map<String, String> type = new HashMap<>();
        List<Error> errors = new ArrayList<>();
        int errorCount = 0;
        int number = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            number++;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            String reason = line.startsWith("#") ? comment(line, help, type) : sample(line, samples);
            if (reason != null) {
                errorCount++;
                if (errors.size() < MAX_ERRORS) {
                    errors.add(new Error(number, reason));
                }
            }
        }
        return new Scrape(samples, help, type, errors, errorCount);
    }

    /** A {@code #} line: HELP and TYPE are kept, other comments (and {@code # EOF}) ignored; null when fine. */
    private static String comment(String line, Map<String, String> help, Map<String, String> type) {
        boolean isHelp = line.startsWith("# HELP ");
        if (!isHelp && !line.startsWith("# TYPE ")) {
            return null;
        }
        String rest = line.substring(7);
        int space = rest.indexOf(' ');
        String name = space < 0 ? rest : rest.substring(0, space);
        String value = space < 0 ? "" : rest.substring(space + 1);
        if (!isMetricName(name)) {
            return (isHelp ? "HELP" : "TYPE") + " of an invalid metric name";
        }
        if (isHelp) {
            help.putIfAbsent(name, unescape(value));
        } else if (value.matches("counter|gauge|histogram|gaugehistogram|summary|info|stateset|unknown|untyped")) {
            type.putIfAbsent(name, value);
        } else {
            return "unknown metric type '" + excerpt(value) + "'";
        }
        return null;
    }

    /** A sample line (or a blank one); null when read, else why not. */
    private static String sample(String line, List<Sample> samples) {
        if (line.isBlank()) {
            return null;
        }
        Cursor c = new Cursor(line);
        c.skipBlanks();
        String name = c.name(true);
        if (name == null) {
            return "expected a metric name at column " + c.column();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (c.peek() == '{') {
            String bad = c.labels(labels);
            if (bad != null) {
                return bad;
            }
        }
        if (c.peek() != ' ' && c.peek() != '\t') {
            return "expected a space before the value at column " + c.column();
        }
        String[] rest = line.substring(c.at).strip().split("[ \t]+", 3);
        Double value = number(rest[0]);
        if (value == null) {
            return "not a sample value: '" + excerpt(rest[0]) + "'";
        }
        if (rest.length > 1 && !rest[1].startsWith("#") && number(rest[1]) == null) {
            return "not a timestamp: '" + excerpt(rest[1]) + "'";
        }
        if (rest.length > 2 && !rest[1].startsWith("#") && !rest[2].startsWith("#")) {
            return "unexpected text after the timestamp";
        }
        samples.add(new Sample(name, labels, value));
        return null;
    }

    /** A float as Go's strconv.ParseFloat reads exposition values, or null; Java's own extras (1d, 0x1p3, Infinity) are refused. */
    static Double number(String s) {
        if (s.length() > 64 || !s.matches("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?Inf|NaN")) {
            return null;
        }
        return switch (s) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /** Walks one sample line. */
    private static final class Cursor {
        private final String line;
        private int at;

        Cursor(String line) {
            this.line = line;
        }

        char peek() {
            return at < line.length() ? line.charAt(at) : '\0';
        }

        void skipBlanks() {
            while (peek() == ' ' || peek() == '\t') {
                at++;
            }
        }

        int column() {
            return at + 1;
        }

        /** A metric name ({@code colons}) or label name here, or null. */
        String name(boolean colons) {
            int from = at;
            while (at < line.length()) {
                char ch = line.charAt(at);
                boolean ok = ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || colons && ch == ':'
                        || at > from && ch >= '0' && ch <= '9';
                if (!ok) {
                    break;
                }
                at++;
            }
            return at == from ? null : line.substring(from, at);
        }

        /** {@code {name="value",...}} into {@code out}; null when read, else why not. */
        String labels(Map<String, String> out) {
            at++; // '{'
            while (true) {
                if (peek() == '}') {
                    at++;
                    return null;
                }
                String name = name(false);
                if (name == null) {
                    return "expected a label name or '}' at column " + column();
                }
                if (peek() != '=' || at + 1 >= line.length() || line.charAt(at + 1) != '"') {
                    return "expected =\" after label " + name + " at column " + column();
                }
                at += 2;
                StringBuilder value = new StringBuilder();
                String bad = quoted(value);
                if (bad != null) {
                    return bad;
                }
                if (out.putIfAbsent(name, value.toString()) != null) {
                    return "label " + name + " given twice";
                }
                if (peek() == ',') {
                    at++;
                } else if (peek() != '}') {
                    return "expected ',' or '}' at column " + column();
                }
            }
        }

        /** The rest of a quoted label value up to its closing quote; null when read. */
        private String quoted(StringBuilder value) {
            while (at < line.length()) {
                char ch = line.charAt(at++);
                if (ch == '"') {
                    return null;
                }
                if (ch == '\\') {
                    if (at >= line.length()) {
                        break;
                    }
                    char e = line.charAt(at++);
                    if (e != '\\' && e != '"' && e != 'n') {
                        return "unknown escape \\" + e + " in a label value at column " + (at - 1);
                    }
                    value.append(e == 'n' ? '\n' : e);
                } else {
                    value.append(ch);
                }
            }
            return "label value not closed";
        }
    }

    private static boolean isMetricName(String s) {
        return s.matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
    }

    /** HELP text: {@code \\} and {@code \n} (and OpenMetrics' {@code \"}); an unknown escape is kept as written. */
    private static String unescape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "\\n\"".indexOf(text.charAt(i + 1)) >= 0) {
                char n = text.charAt(++i);
                b.append(n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String excerpt(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** Every sample, in the order of the text. */
    public List<Sample> samples() {
        return samples;
    }

    /** Every sample as its {@linkplain Sample#canonical canonical line}, in the order of the text. */
    public List<String> canonical() {
        return samples.stream().map(Sample::canonical).toList();
    }

    /** Whether the text had no sample. */
    public boolean isEmpty() {
        return samples.isEmpty();
    }

    /** The lines that could not be read (the first {@value #MAX_ERRORS}). */
    public List<Error> errors() {
        return errors;
    }

    /** How many lines could not be read. */
    public int errorCount() {
        return errorCount;
    }

    /** The HELP text of the family {@code name} as written in its HELP line, or null. */
    public String help(String name) {
        return help.get(name);
    }

    /** The TYPE of the family {@code name} as written in its TYPE line, or null. */
    public String type(String name) {
        return type.get(name);
    }

    /** The families that have a TYPE line. */
    public java.util.Set<String> typed() {
        return type.keySet();
    }

    /** The value of the first sample {@code name} with labels {@code key, value, ...}; -1 when there is none. */
    public double value(String name, String... keyValues) {
        for (Sample s : samples) {
            if (s.name().equals(name) && has(s, keyValues)) {
                return s.value();
            }
        }
        return -1;
    }

    /** The value of label {@code label} of the first sample {@code name} that has it; null when there is none. */
    public String label(String name, String label) {
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().containsKey(label)) {
                return s.labels().get(label);
            }
        }
        return null;
    }

    /** The labels of the first sample {@code name}; empty when there is none. */
    public Map<String, String> labels(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).map(Sample::labels).findFirst().orElse(Map.of());
    }

    /** The samples {@code name} with labels {@code key, value, ...}, keyed by their {@code label}, in order. */
    public Map<String, Double> family(String name, String label, String... keyValues) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().containsKey(label) && has(s, keyValues)) {
                out.merge(s.labels().get(label), s.value(), Double::sum);
            }
        }
        return out;
    }

    /** The drop counters ({@code drop="true"}, which every v6mostly counter family carries) of a family. */
    public Map<String, Double> drops(String name, String label) {
        return family(name, label, "drop", "true");
    }

    /** The sum of the samples {@code name}; -1 when there is none. */
    public double sum(String name) {
        double total = -1;
        for (Sample s : samples) {
            if (s.name().equals(name)) {
                total = Math.max(total, 0) + s.value();
            }
        }
        return total;
    }

    private static boolean has(Sample s, String... keyValues) {
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (!keyValues[i + 1].equals(s.labels().get(keyValues[i]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fetches {@code url} with a timeout, asking for the text format 0.0.4; at most {@value #MAX_BODY} bytes.
     *
     * @throws IOException when the endpoint cannot be reached, answers other than 200, or too much
     */
    public static String fetch(URI url, Duration timeout) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", Exposition.TEXT).GET()
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + url);
                }
                byte[] bytes = body.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    throw new IOException("more than " + MAX_BODY + " bytes from " + url);
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        } finally {
            client.close();
        }
    }
}
