package net.v6mostly.dns64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * What a listener does when its socket fails (accept or receive throws while the socket is open):
 * a passing error (no buffer, a full fd table, a reset) is retried, pausing once they come in a
 * row so a failing socket cannot spin a CPU; {@value #GIVE_UP} failures in a row, with no input in
 * between (about {@value #GIVE_UP} × {@value #PAUSE_MILLIS} ms), mean the socket is gone for good.
 * Then the listener stops visibly (DESIGN.md §6): {@link Dns64Stat#LISTENER_FAILED} is counted,
 * the server is told ({@code fatal}, so standalone {@code v6mostly dns64} exits non-zero), and the
 * thread ends with the error, which its uncaught-exception handler reports.
 */
final class ListenerFailures {
    /** Failures in a row that end the listener. */
    static final int GIVE_UP = 1000;
    /** The pause after each failure beyond the first {@value #QUIET} in a row. */
    static final int PAUSE_MILLIS = 10;
    private static final int QUIET = 10;
    private final int giveUp;
    private final int pauseMillis;
    private int inARow;

    /** The defaults: {@value #GIVE_UP} in a row, {@value #PAUSE_MILLIS} ms pauses. */
    ListenerFailures() {
        this(GIVE_UP, PAUSE_MILLIS);
    }

    /** For tests: give up after {@code giveUp} in a row, pausing {@code pauseMillis}. */
    ListenerFailures(int giveUp, int pauseMillis) {
        this.giveUp = giveUp;
        this.pauseMillis = pauseMillis;
    }

    /** The socket worked: the count starts again. */
    void success() {
        inARow = 0;
    }

    /** Counts a failure; pauses when they come in a row; gives up (throws) at {@value #GIVE_UP}. */
    void failed(IOException e, Consumer<Throwable> fatal, Dns64Counters counters) {
        inARow++;
        if (inARow >= giveUp) {
            counters.increment(Dns64Stat.LISTENER_FAILED);
            UncheckedIOException end = new UncheckedIOException("dns64: listening socket failed " + inARow
                    + " times in a row, giving up: " + e.getMessage(), e);
            fatal.accept(end);
            throw end;
        }
        if (inARow > QUIET && pauseMillis > 0) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException("dns64: listener interrupted", e);
            }
        }
    }
}
