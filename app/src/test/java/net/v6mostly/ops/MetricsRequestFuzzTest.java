package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target: any bytes as what a client sends the metrics endpoint ({@link MetricsServer}).
 * Invariants: reading the request head never consumes more than {@link MetricsServer#MAX_HEAD} + 1
 * bytes (an over-long head is cut there and answered 431); a head of allowed length ends with its
 * empty line (RFC 9112 §2.2, CRLF or bare LF); nothing ended early is taken for a request; parsing
 * never throws, and what it accepts is an HTTP/1.x request line in origin form (RFC 9112 §3.2.1)
 * with a body length in [0, 10^18); its Accept fields (joined) are shorter than the head and
 * negotiate one of the two text formats the endpoint writes, whatever they say.
 */
class MetricsRequestFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void headIsBoundedAndParsedOrRefused(byte[] sent) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(sent);
        byte[] head = MetricsServer.readHead(in);
        int consumed = sent.length - in.available();
        assertThat(consumed).isLessThanOrEqualTo(MetricsServer.MAX_HEAD + 1);
        if (head == null) {
            assertThat(consumed).as("null only at the end of the input").isEqualTo(sent.length);
            return;
        }
        assertThat(head.length).isEqualTo(consumed);
        if (head.length > MetricsServer.MAX_HEAD) {
            return; // answered 431
        }
        String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).as("a head ends with its empty line").matches("(?s).*\n\r?\n");
        MetricsServer.Request r = MetricsServer.Request.parse(head);
        if (r == null) {
            return; // answered 400
        }
        assertThat(r.method()).matches("[A-Z]+");
        assertThat(r.path()).startsWith("/").doesNotContain("?", " ", "\n");
        assertThat(r.contentLength()).isBetween(0L, 999_999_999_999_999_999L);
        assertThat(text).startsWith(r.method() + " " + r.path());
        if (r.accept() != null) {
            assertThat(r.accept().length()).as("Accept is bounded with the head").isLessThan(MetricsServer.MAX_HEAD);
            assertThat(Exposition.writer(r.accept()).getContentType()).as("any Accept gets a text format we write")
                    .isIn(Exposition.TEXT, "application/openmetrics-text; version=1.0.0; charset=utf-8");
        }
    }
}
