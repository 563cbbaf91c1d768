package net.v6mostly.ops;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import net.v6mostly.xlat.rfc6146.AsyncMappingLog;
import net.v6mostly.xlat.rfc6146.MappingEvent;
import net.v6mostly.xlat.rfc6146.MappingLogStat;
import net.v6mostly.xlat.rfc6146.Rfc5424Formatter;

/**
 * The writer thread of the NAT64 mapping log (RFC 6888 REQ-12): drains the {@link AsyncMappingLog}
 * the data path fills and writes one RFC 5424 line per event (UTC timestamps) to standard output
 * or to a file opened for appending. Lines are flushed every {@value #INTERVAL_MILLIS} ms at the
 * latest.
 *
 * <ul>
 *   <li>The first line of an instance is the {@code nat64-start} marker ({@link MappingEvent#start}):
 *       {@code nat64 lookup} ends there every mapping an earlier instance left open.
 *   <li>{@link #reopen} re-opens the destination (SIGHUP after logrotate). A destination that
 *       cannot be opened or written is retried with a backoff doubling from
 *       {@value #MIN_BACKOFF_MILLIS} ms to {@value #MAX_BACKOFF_MILLIS} ms, for as long as it takes;
 *       meanwhile events wait in the queue (and are counted when it overflows).
 *   <li>Every event that does not reach the destination is counted ({@link MappingLogStat}); the
 *       first failure and the recovery are reported once each, not per retry.
 * </ul>
 * {@link #step} does one round and is what tests drive, with their own clock.
 */
public final class MappingLogWriter implements AutoCloseable {
    static final long INTERVAL_MILLIS = 50;
    static final long MIN_BACKOFF_MILLIS = 250;
    static final long MAX_BACKOFF_MILLIS = 30_000;
    static final int BATCH = 65536;

    /** Opens a destination for appending. */
    @FunctionalInterface
    interface Opener {
        Writer open(String destination) throws IOException;
    }

    private final AsyncMappingLog queue;
    private final Rfc5424Formatter format;
    private final Opener opener;
    private final Consumer<String> report;
    private final Thread thread;
    private volatile String destination;
    private volatile boolean reopen;
    private volatile boolean running = true;
    private volatile long written;
    private volatile long writeFailed;
    private volatile long openFailed;
    private volatile long unwrittenAtStop;
    private volatile boolean broken;
    private long retryAt;
    private long backoff = MIN_BACKOFF_MILLIS;
    private Writer out;

    MappingLogWriter(AsyncMappingLog queue, String destination, String hostname, long startMillis, Opener opener,
            Consumer<String> report) throws IOException {
        this.queue = queue;
        this.format = new Rfc5424Formatter(hostname, "v6mostly");
        this.opener = opener;
        this.report = report;
        this.destination = destination;
        this.out = opener.open(destination);
        out.write(format.format(MappingEvent.start(startMillis)));
        out.write('\n');
        out.flush();
        this.thread = Thread.ofPlatform().name("v6mostly-nat64-log").daemon(true).unstarted(this::loop);
    }

    /**
     * Writes the {@code nat64-start} marker and starts writing to {@code destination}: {@code "stdout"}
     * or a file path.
     *
     * @throws IOException when the file cannot be opened for appending or the marker not written
     */
    public static MappingLogWriter start(AsyncMappingLog queue, String destination, String hostname)
            throws IOException {
        MappingLogWriter w = new MappingLogWriter(queue, destination, hostname, System.currentTimeMillis(),
                MappingLogWriter::open, line -> Logs.component("nat64").warn("mapping log: {}", line));
        w.thread.start();
        return w;
    }

    static Writer open(String destination) throws IOException {
        if (destination.equals("stdout")) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        }
        return Files.newBufferedWriter(Path.of(destination), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Re-opens the destination (a new path, or the same after rotation) before the next line. */
    public void reopen(String next) {
        destination = next;
        reopen = true;
    }

    /** Events written so far (the marker not included). */
    public long written() {
        return written;
    }

    /** Whether the destination is open and its last write succeeded. */
    public boolean writing() {
        return !broken;
    }

    /** Every {@link MappingLogStat} so far, the queue's overflow included. */
    public Map<MappingLogStat, Long> counters() {
        Map<MappingLogStat, Long> m = new EnumMap<>(MappingLogStat.class);
        m.put(MappingLogStat.WRITTEN, written);
        m.put(MappingLogStat.QUEUE_FULL, queue.dropped());
        m.put(MappingLogStat.WRITE_FAILED, writeFailed);
        m.put(MappingLogStat.OPEN_FAILED, openFailed);
        m.put(MappingLogStat.UNWRITTEN_AT_STOP, unwrittenAtStop);
        return m;
    }

    private void loop() {
        while (running) {
            guardedStep();
            LockSupport.parkNanos(INTERVAL_MILLIS * 1_000_000L);
        }
        guardedStep();
    }

    private void guardedStep() {
        try {
            step(System.nanoTime() / 1_000_000L);
        } catch (RuntimeException e) { // a formatter bug must not end the log: count it like a write error
            writeFailed++;
            report.accept("unexpected " + e);
        }
    }

    /** One round at {@code nowMillis} (any monotonic clock): (re)open when due, then write what is queued. */
    void step(long nowMillis) {
        if (reopen) {
            reopen = false;
            closeQuietly();
            retryAt = nowMillis;
        }
        if (out == null && !tryOpen(nowMillis)) {
            return;
        }
        int[] taken = {0};
        try {
            queue.drain(BATCH, e -> {
                taken[0]++;
                try {
                    out.write(format.format(e));
                    out.write('\n');
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            if (taken[0] > 0) {
                out.flush();
                written += taken[0];
            }
        } catch (IOException | UncheckedIOException e) {
            writeFailed += taken[0]; // not flushed: possibly partly written, counted as lost
            fail(nowMillis, "cannot write to " + destination + ": " + message(e) + "; " + taken[0]
                    + " event(s) lost, retrying");
            closeQuietly();
        }
    }

    private boolean tryOpen(long nowMillis) {
        if (nowMillis - retryAt < 0) {
            return false;
        }
        try {
            out = opener.open(destination);
            if (broken) {
                report.accept("writing to " + destination + " again");
            }
            broken = false;
            backoff = MIN_BACKOFF_MILLIS;
            return true;
        } catch (IOException | RuntimeException e) {
            openFailed++;
            fail(nowMillis, "cannot open " + destination + ": " + message(e) + "; retrying every "
                    + MAX_BACKOFF_MILLIS / 1000 + " s at most, events wait in the queue");
            return false;
        }
    }

    private void fail(long nowMillis, String why) {
        if (!broken) {
            report.accept(why);
        }
        broken = true;
        retryAt = nowMillis + backoff;
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
    }

    private static String message(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }

    private void closeQuietly() {
        if (out == null) {
            return;
        }
        try {
            if (destination.equals("stdout")) {
                out.flush();
            } else {
                out.close();
            }
        } catch (IOException e) {
            // the data was counted when its write or flush failed
        }
        out = null;
    }

    /** Writes what is queued and stops; closes a file; counts what could not be written. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.pending();
        if (left > 0 && !thread.isAlive()) {
            unwrittenAtStop += left;
            report.accept(left + " event(s) not written at stop: " + destination + " is not writable");
        }
        closeQuietly();
    }
}
