package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The one parser of the exposition formats (Prometheus text 0.0.4, OpenMetrics 1.0 text): every
 * sample with its labels, HELP and TYPE per family, and every malformed line skipped with its line
 * number and reason, never an exception.
 */
class ScrapeTest {

    @Test
    void samplesHelpAndTypeOfBothFormats() {
        Scrape text = Scrape.parse("""
                # HELP x_total a \\\\ b\\nc
                # TYPE x_total counter
                x_total{drop="false",exit="A"} 3.0
                x_total{drop="true",exit="B"} 1.2345678901E10 1700000000000
                # a plain comment
                g -0.5
                """);
        assertThat(text.errors()).isEmpty();
        assertThat(text.help("x_total")).isEqualTo("a \\ b\nc");
        assertThat(text.type("x_total")).isEqualTo("counter");
        assertThat(text.value("x_total", "exit", "B")).isEqualTo(12_345_678_901.0);
        assertThat(text.family("x_total", "exit")).containsExactly(Map.entry("A", 3.0), Map.entry("B", 12_345_678_901.0));
        assertThat(text.drops("x_total", "exit")).containsOnlyKeys("B");
        assertThat(text.canonical()).containsExactly("x_total{drop=\"false\",exit=\"A\"} 3",
                "x_total{drop=\"true\",exit=\"B\"} 12345678901", "g -0.5");

        Scrape om = Scrape.parse("""
                # TYPE x counter
                # HELP x say \\"hi\\"
                x_total 7 # {trace_id="a"} 1.0
                # EOF
                """);
        assertThat(om.errors()).isEmpty();
        assertThat(om.type("x")).isEqualTo("counter");
        assertThat(om.help("x")).isEqualTo("say \"hi\"");
        assertThat(om.value("x_total")).isEqualTo(7);
    }

    @Test
    void labelValuesUnescapeQuoteBackslashAndLineFeed() {
        Scrape s = Scrape.parse("m{subnet=\"lab \\\"a\\\"\\\\b\\nc\",kind=\"x\",} 1\n");
        assertThat(s.errors()).isEmpty();
        assertThat(s.labels("m")).containsExactly(Map.entry("subnet", "lab \"a\"\\b\nc"), Map.entry("kind", "x"));
        assertThat(s.canonical()).containsExactly("m{kind=\"x\",subnet=\"lab \\\"a\\\"\\\\b\\nc\"} 1");
    }

    @Test
    void specialValuesAsGoReadsThem() {
        Scrape s = Scrape.parse("a NaN\nb +Inf\nc -Inf\nd .5\ne 1e3\nf Infinity\ng 1d\nh 0x10\n");
        assertThat(s.value("a")).isNaN();
        assertThat(s.value("b")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.value("c")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(s.value("d")).isEqualTo(0.5);
        assertThat(s.value("e")).isEqualTo(1000);
        assertThat(s.errors()).extracting(Scrape.Error::line).as("Java's own number forms are refused")
                .containsExactly(6, 7, 8);
    }

    @Test
    void malformedLinesAreSkippedWithTheirLineAndReason() {
        Scrape s = Scrape.parse(String.join("\n",
                "ok 1",
                "9bad 1",
                "m{a=\"x\" 1",
                "m{a=x} 1",
                "m{a=\"x\\q\"} 1",
                "m{a=\"unclosed} 1",
                "m{a=\"1\",a=\"2\"} 1",
                "m{=\"x\"} 1",
                "m{a=\"x\"}1",
                "m",
                "m 1 2 3",
                "m 1 notatime",
                "# TYPE m nonsense",
                "# HELP 9x help",
                "",
                "   ",
                "m2 2\r"));
        assertThat(s.canonical()).containsExactly("ok 1", "m2 2");
        assertThat(s.errors()).extracting(Scrape.Error::line).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        assertThat(s.errors().get(1).toString()).isEqualTo("line 3: expected ',' or '}' at column 8");
        assertThat(s.errors().get(3).reason()).startsWith("unknown escape \\q");
        assertThat(s.errorCount()).isEqualTo(13);
    }

    @Test
    void errorsAreKeptUpToTheLimitAndCountedBeyond() {
        Scrape s = Scrape.parse("x\n".repeat(Scrape.MAX_ERRORS + 5));
        assertThat(s.errors()).hasSize(Scrape.MAX_ERRORS);
        assertThat(s.errorCount()).isEqualTo(Scrape.MAX_ERRORS + 5);
        assertThat(s.isEmpty()).isTrue();
    }

    @Test
    void lookupsOfWhatIsAbsent() {
        Scrape s = Scrape.parse("");
        assertThat(s.value("m")).isEqualTo(-1);
        assertThat(s.sum("m")).isEqualTo(-1);
        assertThat(s.label("m", "a")).isNull();
        assertThat(s.labels("m")).isEmpty();
        assertThat(s.family("m", "a")).isEmpty();
        assertThat(Scrape.parse("m{p=\"tcp\"} 2\nm{p=\"udp\"} 3\n").sum("m")).isEqualTo(5);
        assertThat(List.of(s.errors(), s.samples())).allMatch(List::isEmpty);
    }

    @Test
    void durations() {
        assertThat(StatsText.duration(45)).isEqualTo("45s");
        assertThat(StatsText.duration(187)).isEqualTo("3m 07s");
        assertThat(StatsText.duration(4 * 86400 + 2 * 3600 + 187)).isEqualTo("4d 02h 03m 07s");
    }
}
