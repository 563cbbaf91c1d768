package net.v6mostly.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;

import net.v6mostly.config.RunConfig;

/**
 * The signalling decision against test doubles of the component interface: a NAT64 double (the
 * seam the real NAT64 adapter will fill), a DNS64 double, and two outputs that record what they
 * were told (RA: PREF64 lifetime; DHCPv4: option 108).
 */
class HealthSignalTest {
    /** A component double: settable health, records every signalling call. */
    static final class Double implements Service {
        final String name;
        final boolean input;
        volatile Health health = Health.UP;
        final List<Boolean> told = new ArrayList<>();

        Double(String name, boolean input) {
            this.name = name;
            this.input = input;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
        }

        @Override
        public ReloadOutcome reload(RunConfig config) {
            return ReloadOutcome.UNCHANGED;
        }

        @Override
        public void stop() {
        }

        @Override
        public Health health() {
            return health;
        }

        @Override
        public boolean isHealthInput() {
            return input;
        }

        @Override
        public void ipv6OnlySignalling(boolean enabled) {
            told.add(enabled);
        }

        @Override
        public MetricSnapshots metrics() {
            return MetricSnapshots.of();
        }
    }

    private final Double nat64 = new Double("nat64", true);
    private final Double dns64 = new Double("dns64", true);
    private final Double ra = new Double("ra", false);
    private final Double dhcp4 = new Double("dhcp4", false);
    private final List<String> log = new ArrayList<>();

    private HealthSignal signal(boolean enabled) {
        return new HealthSignal(List.of(dns64, nat64, dhcp4, ra), log::add, enabled);
    }

    @Test
    void allHealthyKeepsSignallingAndTellsNobody() {
        HealthSignal s = signal(true);
        assertThat(s.poll()).isTrue();
        assertThat(s.poll()).isTrue();
        assertThat(ra.told).isEmpty();
        assertThat(dhcp4.told).isEmpty();
        assertThat(log).isEmpty();
        assertThat(s.changes()).isZero();
    }

    @Test
    void nat64DownWithdrawsBothAndRecoveryRestoresBoth() {
        HealthSignal s = signal(true);
        s.poll();
        nat64.health = Health.down("pool4 exhausted");
        assertThat(s.poll()).isFalse();
        assertThat(ra.told).containsExactly(false);
        assertThat(dhcp4.told).containsExactly(false);
        assertThat(s.reason()).isEqualTo("nat64: pool4 exhausted");
        assertThat(s.poll()).isFalse();
        assertThat(ra.told).as("told once per change, not per poll").hasSize(1);
        nat64.health = Health.UP;
        assertThat(s.poll()).isTrue();
        assertThat(ra.told).containsExactly(false, true);
        assertThat(dhcp4.told).containsExactly(false, true);
        assertThat(s.changes()).isEqualTo(2);
        assertThat(log).containsExactly("health nat64 down: pool4 exhausted",
                "signalling withdrawn: option 108 no longer sent (new clients get IPv4), PREF64 lifetime 0"
                        + " (nat64: pool4 exhausted)",
                "health nat64 up",
                "signalling restored: option 108 sent again, PREF64 advertised with its lifetime");
    }

    @Test
    void dns64DownAlsoWithdrawsAndBothMustRecover() {
        HealthSignal s = signal(true);
        dns64.health = Health.down("no upstream answered");
        nat64.health = Health.down("data path down");
        assertThat(s.poll()).isFalse();
        dns64.health = Health.UP;
        assertThat(s.poll()).as("NAT64 still down").isFalse();
        nat64.health = Health.UP;
        assertThat(s.poll()).isTrue();
        assertThat(ra.told).containsExactly(false, true);
    }

    @Test
    void disabledSignallingNeverWithdrawsButStillLogsHealth() {
        HealthSignal s = signal(false);
        dns64.health = Health.down("no upstream answered");
        assertThat(s.poll()).isTrue();
        assertThat(ra.told).isEmpty();
        assertThat(log).containsExactly("health dns64 down: no upstream answered");
        assertThat(s.inputs()).containsKeys("dns64", "nat64").doesNotContainKeys("ra", "dhcp4");
    }
}
