package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.v6mostly.xlat.rfc6146.AsyncMappingLog;
import net.v6mostly.xlat.rfc6146.MappingEvent;
import net.v6mostly.xlat.rfc6146.MappingLogStat;
import net.v6mostly.xlat.rfc6146.Protocol;

/**
 * RFC 6888 REQ-12 mapping logs that can be relied on: a start marker per instance, a destination
 * that fails is retried (bounded backoff) for as long as it takes, and every event that does not
 * reach it is counted. Driven by {@link MappingLogWriter#step} with an explicit clock, no thread.
 */
class MappingLogWriterTest {
    static final long T = 1_780_000_000_000L; // 2026-05-28T20:26:40Z
    final AsyncMappingLog queue = new AsyncMappingLog(8);
    final List<String> reports = new ArrayList<>();

    static MappingEvent create(int port4) {
        return new MappingEvent(T, MappingEvent.Kind.BIB_CREATE, Protocol.UDP, 0x20010db800010000L, 2, 5000,
                0xCB007101, port4, port4, 0, -1);
    }

    MappingLogWriter writer(String destination, MappingLogWriter.Opener opener) throws IOException {
        return new MappingLogWriter(queue, destination, "plat1", T, opener, reports::add);
    }

    @Test
    void theFirstLineIsTheStartMarkerThenTheEvents(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nat64.log");
        MappingLogWriter w = writer(file.toString(), MappingLogWriter::open);
        queue.accept(create(40000));
        w.step(0);
        w.close();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).containsExactly(
                "<134>1 2026-05-28T20:26:40.000Z plat1 v6mostly - nat64-start [nat64@32473"
                        + " start=\"2026-05-28T20:26:40.000Z\"]",
                "<134>1 2026-05-28T20:26:40.000Z plat1 v6mostly - bib-create [nat64@32473 proto=\"udp\""
                        + " src6=\"2001:db8:1::2\" sport6=\"5000\" pool4=\"203.0.113.1\" port4=\"40000\"]");
        assertThat(w.counters()).containsEntry(MappingLogStat.WRITTEN, 1L);
    }

    @Test
    void aFailedReopenIsRetriedWithABoundedBackoffUntilItWorks(@TempDir Path dir) throws Exception {
        MappingLogWriter w = writer(dir.resolve("a.log").toString(), MappingLogWriter::open);
        Path missing = dir.resolve("rotated-away").resolve("nat64.log");
        w.reopen(missing.toString());
        queue.accept(create(40000));
        List<Long> attempts = new ArrayList<>();
        long failures = 0;
        for (long now = 0; now <= 300_000; now += 50) {
            w.step(now);
            long f = w.counters().get(MappingLogStat.OPEN_FAILED);
            if (f != failures) {
                attempts.add(now);
                failures = f;
            }
        }
        assertThat(w.writing()).isFalse();
        assertThat(attempts.subList(0, 5)).as("doubling from 250 ms").containsExactly(0L, 250L, 750L, 1750L, 3750L);
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(attempts.get(i) - attempts.get(i - 1)).as("never more than 30 s apart").isLessThanOrEqualTo(30_000);
        }
        assertThat(attempts.getLast()).as("still retrying after 5 minutes").isGreaterThan(270_000);
        assertThat(reports).as("reported once, not per retry").hasSize(1);
        assertThat(reports.getFirst()).contains("cannot open", "rotated-away");
        assertThat(queue.pending()).as("the event waits in the queue").isEqualTo(1);

        Files.createDirectories(missing.getParent());
        for (long now = 300_050; w.counters().get(MappingLogStat.WRITTEN) == 0 && now <= 340_000; now += 50) {
            w.step(now);
        }
        assertThat(w.writing()).isTrue();
        assertThat(Files.readString(missing)).contains("port4=\"40000\"");
        assertThat(reports.getLast()).contains("writing to", "again");
        w.close();
    }

    @Test
    void eventsThatCannotBeWrittenAreCountedAndTheDestinationReopened() throws Exception {
        Flaky first = new Flaky();
        StringWriter second = new StringWriter();
        int[] opened = {0};
        MappingLogWriter w = writer("x", d -> opened[0]++ == 0 ? first : second);
        assertThat(first.text).startsWith("<134>1 2026-05-28T20:26:40.000Z plat1 v6mostly - nat64-start");
        first.fail = true; // the disk fills up
        queue.accept(create(40000));
        queue.accept(create(40001));
        w.step(0);
        assertThat(w.counters()).containsEntry(MappingLogStat.WRITE_FAILED, 1L);
        assertThat(w.writing()).isFalse();
        assertThat(reports).singleElement().asString().contains("cannot write to x", "No space left on device");
        w.step(249);
        assertThat(opened[0]).as("not before the backoff").isEqualTo(1);
        w.step(250);
        assertThat(w.writing()).isTrue();
        assertThat(second.toString()).contains("port4=\"40001\"").doesNotContain("port4=\"40000\"")
                .doesNotContain("nat64-start");
        assertThat(w.counters()).containsEntry(MappingLogStat.WRITTEN, 1L);
    }

    @Test
    void aFullQueueAndEventsLeftAtStopAreCountedAndInTheMetrics() throws Exception {
        MappingLogWriter w = writer("x", d -> {
            if (d.equals("x")) {
                return new StringWriter();
            }
            throw new IOException("read-only file system");
        });
        w.reopen("y");
        for (int i = 0; i < 10; i++) {
            queue.accept(create(40000 + i));
        }
        w.step(0);
        w.close();
        Map<MappingLogStat, Long> c = w.counters();
        assertThat(c).containsEntry(MappingLogStat.QUEUE_FULL, 2L).containsEntry(MappingLogStat.UNWRITTEN_AT_STOP, 8L)
                .containsEntry(MappingLogStat.OPEN_FAILED, 1L);
        Nat64Metrics.LogStatus status = new Nat64Metrics.LogStatus(true, w.writing(), c);
        assertThat(status.lost()).isEqualTo(10);
        Nat64Metrics.Sample s = new Nat64Metrics.Sample(true, 1000, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of(), Map.of(), 0, 0, 0, status);
        Scrape m = Scrape.parse(Exposition.text(Nat64Metrics.snapshots(s)));
        assertThat(m.value(Nat64Metrics.LOG_WRITING)).isEqualTo(0);
        assertThat(m.value("v6mostly_nat64_log_events_dropped")).isEqualTo(10);
        assertThat(m.value(Nat64Metrics.LOG, "outcome", "QUEUE_FULL", "drop", "true")).isEqualTo(2);
        assertThat(m.value(Nat64Metrics.LOG, "outcome", "UNWRITTEN_AT_STOP", "drop", "true")).isEqualTo(8);
        assertThat(Nat64Metrics.table(s, false)).contains("mapping log FAILING (retrying)", "UNWRITTEN_AT_STOP");
    }

    /** A writer that fails once told to, as a full disk does. */
    static final class Flaky extends Writer {
        final StringBuilder text = new StringBuilder();
        boolean fail;

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            if (fail) {
                throw new IOException("No space left on device");
            }
            text.append(cbuf, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
