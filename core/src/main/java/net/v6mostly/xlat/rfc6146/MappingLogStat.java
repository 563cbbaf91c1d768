package net.v6mostly.xlat.rfc6146;

import net.v6mostly.stats.Stat;

/**
 * What became of mapping log events (RFC 6888 REQ-12: the log is how an abuse request is answered,
 * so every event that did not reach it is counted, never lost in silence).
 */
public enum MappingLogStat implements Stat {
    WRITTEN(false, "a mapping event was written and flushed to the log destination (RFC 6888 REQ-12)"),
    QUEUE_FULL(true, "a mapping event was lost because the log queue was full: the data path never waits for the"
            + " log (RFC 6888 REQ-12); size the queue or speed up the destination"),
    WRITE_FAILED(true, "a mapping event taken from the queue could not be confirmed written (write or flush error);"
            + " the destination is re-opened with backoff (RFC 6888 REQ-12)"),
    OPEN_FAILED(true, "opening or re-opening the log destination failed; retried with a backoff of at most 30 s while"
            + " events wait in the queue (RFC 6888 REQ-12)"),
    UNWRITTEN_AT_STOP(true, "a mapping event was still queued when the NAT64 stopped with its log destination"
            + " unwritable (RFC 6888 REQ-12)");

    private final boolean drop;
    private final String explanation;

    MappingLogStat(boolean drop, String explanation) {
        this.drop = drop;
        this.explanation = explanation;
    }

    @Override
    public String explanation() {
        return explanation;
    }

    @Override
    public boolean isDrop() {
        return drop;
    }
}
