package net.v6mostly.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Hysteresis: down after N failures in a row, up after M successes in a row. */
class HealthTrackerTest {
    @Test
    void theFirstProbeDecidesAtOnce() {
        HealthTracker t = new HealthTracker(3, 2);
        assertThat(t.current().up()).as("before any probe").isTrue();
        assertThat(t.record("unreachable")).isEqualTo(Health.down("unreachable (first probe)"));
        assertThat(t.record(null).up()).isFalse();
        assertThat(t.record(null).up()).isTrue();
    }

    @Test
    void goesDownOnlyAfterEnoughFailuresInARow() {
        HealthTracker t = new HealthTracker(3, 2);
        t.record(null);
        t.record("timeout");
        t.record("timeout");
        assertThat(t.record(null).up()).isTrue();      // a success resets the count
        t.record("timeout");
        t.record("timeout");
        assertThat(t.current().up()).isTrue();
        Health down = t.record("timeout");
        assertThat(down.up()).isFalse();
        assertThat(down.reason()).isEqualTo("timeout (3 probe(s) in a row)");
    }

    @Test
    void comesBackOnlyAfterEnoughSuccessesInARow() {
        HealthTracker t = new HealthTracker(1, 2);
        t.record(null);
        t.record("x");
        assertThat(t.record(null).up()).isFalse();
        assertThat(t.record("x").up()).isFalse();
        assertThat(t.record(null).up()).isFalse();
        assertThat(t.record(null).up()).isTrue();
    }

    @Test
    void thresholdsMustBePositive() {
        assertThatThrownBy(() -> new HealthTracker(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthTracker(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
