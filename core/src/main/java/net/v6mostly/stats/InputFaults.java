package net.v6mostly.stats;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What a loop that reads from outside does with an input it could not handle (DESIGN.md §6): the
 * unexpected exception is counted ({@code INTERNAL_ERROR} of its component), reported at a limited
 * rate with a hex excerpt of the input, and the input is dropped so the loop goes on.
 *
 * <p>One instance per component; {@link #record} may be called from several threads. The report
 * goes to a {@code Consumer<String>} so that core and the I/O adapters stay free of a logging
 * library; the app passes a logger's {@code warn}. Reports are limited to {@code burst} at once and
 * then one per {@code interval} (time passed in), and each report says how many were suppressed.
 */
public final class InputFaults {
    /** Bytes of the input shown in a report: enough for any header chain, short enough for one line. */
    public static final int EXCERPT_BYTES = 64;

    private final String component;
    private final Consumer<String> report;
    private final long intervalNanos;
    private final int burst;
    private final AtomicLong count = new AtomicLong();
    private long windowStart;
    private int inWindow;
    private long suppressed;
    private boolean started;

    /**
     * @param component     the name reports start with, e.g. "dhcp4"
     * @param report        where a report line goes (a logger's warn)
     * @param burst         reports allowed per interval
     * @param intervalNanos the length of an interval
     */
    public InputFaults(String component, Consumer<String> report, int burst, long intervalNanos) {
        this.component = component;
        this.report = report;
        this.burst = Math.max(1, burst);
        this.intervalNanos = Math.max(1, intervalNanos);
    }

    /** Five reports per minute: the default for every component. */
    public static InputFaults perMinute(String component, Consumer<String> report) {
        return new InputFaults(component, report, 5, 60_000_000_000L);
    }

    /** Counts one fault on an input held in {@code input[off, off+len)}; reports it if the rate allows. */
    public void record(Throwable fault, byte[] input, int off, int len, long nowNanos) {
        record(fault, MemorySegment.ofArray(input), off, len, nowNanos);
    }

    /** Counts one fault on an input held in {@code input[off, off+len)}; reports it if the rate allows. */
    public void record(Throwable fault, MemorySegment input, long off, long len, long nowNanos) {
        count.incrementAndGet();
        long shownSuppressed;
        synchronized (this) {
            if (!started || nowNanos - windowStart >= intervalNanos) {
                started = true;
                windowStart = nowNanos;
                inWindow = 0;
            }
            if (inWindow >= burst) {
                suppressed++;
                return;
            }
            inWindow++;
            shownSuppressed = suppressed;
            suppressed = 0;
        }
        StackTraceElement where = fault.getStackTrace().length > 0 ? fault.getStackTrace()[0] : null;
        report.accept(component + ": input dropped after an unexpected " + fault.getClass().getSimpleName()
                + (fault.getMessage() == null ? "" : " (" + fault.getMessage() + ")")
                + (where == null ? "" : " at " + where)
                + "; " + len + " bytes: " + hexExcerpt(input, off, len)
                + (shownSuppressed > 0 ? "; " + shownSuppressed + " similar reports suppressed" : ""));
    }

    /** Faults counted so far: the component's {@code INTERNAL_ERROR} figure. */
    public long count() {
        return count.get();
    }

    /**
     * The first {@link #EXCERPT_BYTES} bytes of {@code s[off, off+len)} as hex, "…" when cut; only the
     * bytes that are inside the segment are read, so a bad length cannot fault the report itself.
     */
    public static String hexExcerpt(MemorySegment s, long off, long len) {
        long start = Math.max(0, Math.min(off, s.byteSize()));
        long end = Math.max(start, Math.min(start + Math.max(0, len), s.byteSize()));
        long shown = Math.min(end - start, EXCERPT_BYTES);
        StringBuilder b = new StringBuilder((int) shown * 2 + 1);
        for (long i = 0; i < shown; i++) {
            int v = s.get(ValueLayout.JAVA_BYTE, start + i) & 0xFF;
            b.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 0xF, 16));
        }
        return end - start > shown ? b.append('…').toString() : b.toString();
    }
}
