package net.v6mostly.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabPlanTest {
    @Test
    void namesFitLinuxInterfaceAndNamespaceLimits() {
        LabPlan plan = new LabPlan("abcd", 50);
        for (Device d : plan.devices()) {
            assertThat(d.iface().length()).as(d.iface()).isLessThanOrEqualTo(15); // IFNAMSIZ - 1
            assertThat(("p-" + d.name()).length()).isLessThanOrEqualTo(15);
        }
        assertThat(plan.namespaces()).doesNotHaveDuplicates().allMatch(n -> n.startsWith("v6lababcd-"));
        assertThat(plan.devices()).extracting(Device::iface).doesNotHaveDuplicates();
        // two labs side by side (the tests run "t" and "u") never share a dhcpcd pid file name
        assertThat(new LabPlan("t", 1).devices()).extracting(Device::iface)
                .doesNotContainAnyElementsOf(new LabPlan("u", 1).devices().stream().map(Device::iface).toList());
    }

    @Test
    void theThreeDeviceKindsAndThePrinterAreAlwaysThere() {
        assertThat(new LabPlan("a", 2).devices()).extracting(Device::kind).containsExactly(Device.Kind.IPV4_ONLY,
                Device.Kind.DUAL_STACK, Device.Kind.IPV6_ONLY, Device.Kind.IPV6_ONLY, Device.Kind.IPV6_ONLY,
                Device.Kind.PRINTER);
    }

    @Test
    void badTagsAndDeviceCountsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new LabPlan("A-b", 0)).hasMessageContaining("lab tag");
        assertThatThrownBy(() -> new LabPlan("a", -1)).hasMessageContaining("--devices");
        assertThatThrownBy(() -> new LabPlan("a", 51)).hasMessageContaining("between 0 and 50");
    }

    @Test
    void synthesizedAddressesFollowRfc6052ForTheLabPrefix() {
        // RFC 6052 §2.2, /96: the IPv4 address is the last 32 bits
        assertThat(Pref64.embed("198.51.100.10")).isEqualTo("2001:db8:64::c633:640a");
        assertThat(Pref64.embed("192.0.2.50")).isEqualTo("2001:db8:64::c000:232");
    }

    @Test
    void prometheusSamplesParseWithTheirLabels() {
        var m = net.v6mostly.ops.Scrape.parse("""
                # HELP v6mostly_dhcp4_active_leases active leases
                v6mostly_dhcp4_active_leases 2
                v6mostly_dhcp4_adoption_clients{subnet="lan",kind="ipv6_only"} 1
                garbage line here
                broken_value{a="b"} x
                """);
        assertThat(m.value("v6mostly_dhcp4_active_leases")).isEqualTo(2.0);
        assertThat(m.value("v6mostly_dhcp4_adoption_clients", "kind", "ipv6_only", "subnet", "lan")).isEqualTo(1.0);
        assertThat(m.samples()).hasSize(2);
        assertThat(m.errors()).extracting(net.v6mostly.ops.Scrape.Error::line).containsExactly(4, 5);
    }

    @Test
    void anUnknownComponentToBreakIsRefused() {
        assertThatThrownBy(() -> new LabRun(new LabPlan("u", 0), false, false, "dns"))
                .hasMessageContaining("--break takes one of [nat64]");
    }

    @Test
    void theHostileHostJoinsTheBridgeButIsNoDeviceToCheck() {
        LabPlan plan = new LabPlan("h", 0, true);
        assertThat(plan.devices()).extracting(Device::name).doesNotContain("hostile");
        assertThat(plan.lanHosts()).extracting(Device::name).endsWith("hostile");
        assertThat(plan.hostileHost().staticIpv4()).isEqualTo("192.0.2.66").isNotIn(
                "192.0.2.1", LabPlan.PRINTER4);   // outside the pool 192.0.2.100-199 too
        assertThat(plan.namespaces()).contains("v6labh-hostile");
        assertThat(new LabPlan("h", 0).namespaces()).doesNotContain("v6labh-hostile");
    }

    @Test
    void breakingAComponentAndAttackingAreSeparateRuns() {
        assertThatThrownBy(() -> new LabRun(new LabPlan("u", 0, true), false, false, "nat64"))
                .hasMessageContaining("--break and --hostile are separate runs");
    }
}
