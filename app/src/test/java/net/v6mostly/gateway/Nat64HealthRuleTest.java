package net.v6mostly.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The NAT64 health input: data path, refused mappings (held for a while), pool4 use. */
class Nat64HealthRuleTest {
    private final Nat64HealthRule rule = new Nat64HealthRule(30_000, 0.99);

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
    void parametersAreChecked() {
        assertThatThrownBy(() -> new Nat64HealthRule(-1, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Nat64HealthRule(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Nat64HealthRule(0, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
