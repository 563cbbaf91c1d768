package net.v6mostly.ops;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

import net.v6mostly.xlat.rfc6146.AsyncMappingLog;
import net.v6mostly.xlat.rfc6146.Rfc5424Formatter;

/**
 * The writer thread of the NAT64 mapping log (RFC 6888 REQ-12): drains the {@link AsyncMappingLog}
 * the data path fills and writes one RFC 5424 line per event (UTC timestamps) to standard output
 * or to a file opened for appending. {@link #reopen} re-opens the file (SIGHUP after logrotate).
 * Lines are flushed every {@value #INTERVAL_MILLIS} ms at the latest.
 */
public final class MappingLogWriter implements AutoCloseable {
    static final long INTERVAL_MILLIS = 50;

    private final AsyncMappingLog queue;
    private final Rfc5424Formatter format;
    private final Thread thread;
    private volatile String destination;
    private volatile boolean reopen;
    private volatile boolean running = true;
    private volatile long written;
    private Writer out;

    private MappingLogWriter(AsyncMappingLog queue, String destination, String hostname) throws IOException {
        this.queue = queue;
        this.format = new Rfc5424Formatter(hostname, "v6mostly");
        this.destination = destination;
        this.out = open(destination);
        this.thread = Thread.ofPlatform().name("v6mostly-nat64-log").daemon(true).unstarted(this::loop);
    }

    /**
     * Starts writing to {@code destination}: {@code "stdout"} or a file path.
     *
     * @throws IOException when the file cannot be opened for appending
     */
    public static MappingLogWriter start(AsyncMappingLog queue, String destination, String hostname)
            throws IOException {
        MappingLogWriter w = new MappingLogWriter(queue, destination, hostname);
        w.thread.start();
        return w;
    }

    private static Writer open(String destination) throws IOException {
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

    /** Lines written so far. */
    public long written() {
        return written;
    }

    private void loop() {
        while (running) {
            drainOnce();
            LockSupport.parkNanos(INTERVAL_MILLIS * 1_000_000L);
        }
        drainOnce();
    }

    private void drainOnce() {
        try {
            if (reopen) {
                reopen = false;
                out.flush();
                if (out instanceof BufferedWriter && !destination.equals("stdout")) {
                    out.close();
                }
                out = open(destination);
            }
            int n = queue.drain(65536, e -> {
                try {
                    out.write(format.format(e));
                    out.write('\n');
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
            if (n > 0) {
                written += n;
                out.flush();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("nat64 mapping log: cannot write to " + destination + ": " + e.getMessage());
            LockSupport.parkNanos(1_000_000_000L);
        }
    }

    /** Writes what is queued and stops; closes a file. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
            if (!destination.equals("stdout")) {
                out.close();
            } else {
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("nat64 mapping log: " + e.getMessage());
        }
    }
}
