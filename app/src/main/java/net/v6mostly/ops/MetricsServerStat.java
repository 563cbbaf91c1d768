package net.v6mostly.ops;

import net.v6mostly.stats.Stat;

/**
 * What became of each connection to the metrics endpoint ({@link MetricsServer}); rendered as
 * {@code v6mostly_metrics_http_total{outcome=...}} at the end of every {@code /metrics} page.
 */
public enum MetricsServerStat implements Stat {
    SERVED(false, "answered 200 with the metrics or a page (RFC 9110 §15.3.1)"),
    NOT_FOUND(false, "answered 404: no page at that path (RFC 9110 §15.5.5)"),
    METHOD_NOT_ALLOWED(false, "answered 405: only GET and HEAD are served (RFC 9110 §15.5.6)"),
    BAD_REQUEST(true, "answered 400 and closed: not an HTTP/1.x request line, or the connection ended before the"
            + " request head did (RFC 9112 §3)"),
    REQUEST_TOO_LARGE(true, "answered 431 and closed: the request head is longer than the limit (RFC 6585 §5)"),
    TIMED_OUT(true, "closed: the client did not send its request and read the answer within the connection deadline"
            + " (a slow or stalled client must not hold a connection)"),
    BUSY(true, "answered 503 and closed: every connection slot, or this client's share of them, was taken (RFC 9110"
            + " §15.6.4)"),
    INTERNAL_ERROR(true, "answered 500: rendering the page raised an unexpected exception (a bug, reported in the log);"
            + " the server went on (DESIGN.md §6)");

    private final boolean drop;
    private final String explanation;

    MetricsServerStat(boolean drop, String explanation) {
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
