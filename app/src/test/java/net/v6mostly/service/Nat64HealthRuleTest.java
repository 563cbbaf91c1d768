package net.v6mostly.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The NAT64 health input: data path, refused mappings (held for a while), pool4 use, recovery hold. */
class Nat64HealthRuleTest {
    /** Without a recovery hold, to see each reading's own verdict. */
    private final Nat64HealthRule rule = new Nat64HealthRule(30_000, 0.99, 0);

    @Test
    void upWhileTheDataPathRunsAndPortsAreLeft() {
        assertThat(rule.health(true, null, 0.5, 0, 0)).isEqualTo(Health.UP);
    }

    @Test
    void downWhileTheDataPathIsDown() {
        assertThat(rule.health(false, "worker 1: EBADFD", 0.1, 0, 0))
                .isEqualTo(Health.down("data path down: worker 1: EBADFD"));
        assertThat(rule.health(false, null, 0.1, 0, 0)).isEqualTo(Health.down("data path down"));
    }

    @Test
    void refusedMappingsCountAsExhaustedForTheHoldTime() {
        assertThat(rule.health(true, null, 0.5, 7, 0).up()).as("a count seen first is history, not news").isTrue();
        assertThat(rule.health(true, null, 0.5, 9, 1_000).reason())
                .isEqualTo("pool4 exhausted: new mappings refused (RFC 6888 REQ-11)");
        assertThat(rule.health(true, null, 0.5, 9, 30_999).up()).isFalse();
        assertThat(rule.health(true, null, 0.5, 9, 31_000).up()).isTrue();
    }

    @Test
    void aFullPoolIsExhausted() {
        assertThat(rule.health(true, null, 0.995, 0, 0).reason()).isEqualTo("pool4 exhausted: 100% of the ports in use");
        assertThat(rule.health(true, null, 0.98, 0, 0).up()).isTrue();
    }

    @Test
    void downAtOnceButUpOnlyAfterTheRecoveryTimeOfGoodReadings() {
        Nat64HealthRule held = new Nat64HealthRule(30_000, 0.99, 3_000);
        assertThat(held.health(true, null, 0.1, 0, 0)).as("never down: no hold").isEqualTo(Health.UP);
        assertThat(held.health(false, null, 0.1, 0, 1_000)).isEqualTo(Health.down("data path down"));
        assertThat(held.health(true, null, 0.1, 0, 2_000).reason())
                .isEqualTo("recovering: good for 0.0 of 3.0 s (was: data path down)");
        assertThat(held.health(true, null, 0.1, 0, 4_999).up()).isFalse();
        // a flap restarts the hold
        assertThat(held.health(false, null, 0.1, 0, 4_999).up()).isFalse();
        assertThat(held.health(true, null, 0.1, 0, 5_000).up()).isFalse();
        assertThat(held.health(true, null, 0.1, 0, 6_500).reason())
                .isEqualTo("recovering: good for 1.5 of 3.0 s (was: data path down)");
        assertThat(held.health(true, null, 0.1, 0, 7_999).up()).isFalse();
        assertThat(held.health(true, null, 0.1, 0, 8_000)).isEqualTo(Health.UP);
        assertThat(held.health(true, null, 0.1, 0, 8_100)).isEqualTo(Health.UP);
    }

    @Test
    void parametersAreChecked() {
        assertThatThrownBy(() -> new Nat64HealthRule(-1, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Nat64HealthRule(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Nat64HealthRule(0, 1.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Nat64HealthRule(0, 0.5, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
