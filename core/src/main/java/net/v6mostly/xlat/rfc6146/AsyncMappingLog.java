package net.v6mostly.xlat.rfc6146;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded, non-blocking hand-off between the threads that create mappings and the one that
 * writes the log (RFC 6888 REQ-12). {@link #accept} never waits: when the queue is full the event
 * is <b>dropped and counted</b> ({@link #dropped()}, reported as {@link MappingLogStat#QUEUE_FULL}),
 * because a mapping log must never stall translation. Operators who need every line must size the
 * queue and watch that counter. The writer thread calls {@link #drain}.
 */
public final class AsyncMappingLog implements MappingLogSink {
    private final ArrayBlockingQueue<MappingEvent> queue;
    private final LongAdder dropped = new LongAdder();

    /** A queue of {@code capacity} events. */
    public AsyncMappingLog(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void accept(MappingEvent event) {
        if (!queue.offer(event)) {
            dropped.increment();
        }
    }

    /** Moves up to {@code max} queued events to {@code downstream}; returns how many. */
    public int drain(int max, MappingLogSink downstream) {
        int n = 0;
        MappingEvent e;
        while (n < max && (e = queue.poll()) != null) {
            downstream.accept(e);
            n++;
        }
        return n;
    }

    /** Events lost because the queue was full. */
    public long dropped() {
        return dropped.sum();
    }

    /** Events waiting. */
    public int pending() {
        return queue.size();
    }
}
