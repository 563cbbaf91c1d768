package net.v6mostly.service;

/**
 * Hysteresis over probe results: down after {@code failures} failed probes in a row, up again
 * after {@code successes} good ones in a row, so one lost packet does not flip the signalling of a
 * whole network. The first probe decides at once (a gateway that starts without an upstream must
 * not send option 108 until the thresholds are reached); until then the health is up. Thread-safe
 * (one prober writes, others read).
 */
public final class HealthTracker {
    private final int failures;
    private final int successes;
    private int failedInARow;
    private int goodInARow;
    private boolean first = true;
    private volatile Health current = Health.UP;

    /** A tracker with the two thresholds, each at least 1. */
    public HealthTracker(int failures, int successes) {
        if (failures < 1 || successes < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1");
        }
        this.failures = failures;
        this.successes = successes;
    }

    /** Records one probe: {@code failure} is null for a good probe, else why it failed; returns the health. */
    public synchronized Health record(String failure) {
        if (first) {
            first = false;
            current = failure == null ? Health.UP : Health.down(failure + " (first probe)");
            failedInARow = failure == null ? 0 : failures;
            goodInARow = failure == null ? successes : 0;
            return current;
        }
        if (failure == null) {
            failedInARow = 0;
            goodInARow++;
            if (!current.up() && goodInARow >= successes) {
                current = Health.UP;
            }
        } else {
            goodInARow = 0;
            failedInARow++;
            if (failedInARow >= failures) {
                current = Health.down(failure + " (" + failedInARow + " probe(s) in a row)");
            }
        }
        return current;
    }

    /** The health as of the last probe. */
    public Health current() {
        return current;
    }
}
