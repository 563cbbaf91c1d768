package net.v6mostly.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.GatewaySection;
import net.v6mostly.config.Nat64Section;
import net.v6mostly.service.RunningNat64;
import net.v6mostly.tun.LinkConfigurator;

/**
 * The NAT64 adapter without a TUN device: how its readings become a health input (a downed TUN
 * is a data path down), and what it does before it runs. The running component is proven in
 * {@code GatewayNamespaceTest}.
 */
class Nat64ComponentTest {
    private final Nat64HealthRule rule = new Nat64HealthRule(Nat64Service.EXHAUSTED_HOLD_MS,
            Nat64Service.FULL_SHARE, Nat64Service.RECOVER_MS);

    @Test
    void aRunningDataPathOnAnUpLinkIsUp() {
        assertThat(Nat64Service.health(rule, new RunningNat64.Health(true, null, 0.2, 0), true, "nat64", 0))
                .isEqualTo(Health.UP);
    }

    @Test
    void aDownedTunIsADataPathDownEvenWithEveryWorkerRunning() {
        assertThat(Nat64Service.health(rule, new RunningNat64.Health(true, null, 0.2, 0), false, "nat64", 0))
                .isEqualTo(Health.down("data path down: TUN nat64 is down"));
    }

    @Test
    void aStoppedWorkerIsDownWithItsFailure() {
        assertThat(Nat64Service.health(rule, new RunningNat64.Health(false, "worker 0: EIO", 0, 0), true, "nat64", 0))
                .isEqualTo(Health.down("data path down: worker 0: EIO"));
    }

    @Test
    void anExhaustedPool4IsDown() {
        assertThat(Nat64Service.health(rule, new RunningNat64.Health(true, null, 0.995, 0), true, "nat64", 0)
                .reason()).isEqualTo("pool4 exhausted: 100% of the ports in use");
    }

    @Test
    void beforeStartItIsUpWithoutMetricsOrPages() throws Exception {
        Nat64Service c = new Nat64Service(section(), s -> { }, LinkConfigurator.system(), () -> name -> true);
        assertThat(c.name()).isEqualTo("nat64");
        assertThat(c.isHealthInput()).isTrue();
        assertThat(c.health()).isEqualTo(Health.UP);
        assertThat(c.metrics()).isEmpty();
        assertThat(c.pages()).isEmpty();
        c.stop();   // stopping what never started is harmless
    }

    @Test
    void aLinkStateThatCannotBeOpenedFailsTheStartBeforeAnyDevice() throws Exception {
        List<String> calls = new ArrayList<>();
        LinkConfigurator recorder = new LinkConfigurator() {
            @Override
            public void setUp(String name) {
                calls.add("up " + name);
            }

            @Override
            public void setMtu(String name, int mtu) {
                calls.add("mtu " + name);
            }

            @Override
            public void addAddress(String name, String a) {
                calls.add("addr " + a);
            }

            @Override
            public void addRoute(String name, String p) {
                calls.add("route " + p);
            }
        };
        Nat64Service c = new Nat64Service(section(), s -> { }, recorder, () -> {
            throw new IOException("netlink: EPERM");
        });
        assertThatThrownBy(c::start).isInstanceOf(IOException.class).hasMessage("netlink: EPERM");
        assertThat(calls).isEmpty();
        assertThat(c.health()).isEqualTo(Health.UP);
    }

    private static Nat64Section section() throws Exception {
        return GatewaySection.read(ConfigFile.parse("gw.toml", """
                [pref64]
                prefixes = ["2001:db8:64::/96"]
                [nat64]
                pool4 = ["203.0.113.64/30"]
                [nat64.tun]
                routes = ["2001:db8:64::/96", "203.0.113.64/30"]
                """)).nat64();
    }
}
