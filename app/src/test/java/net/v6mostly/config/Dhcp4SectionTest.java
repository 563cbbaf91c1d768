package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.dhcp4.Pool;
import net.v6mostly.dhcp4.Subnet;

class Dhcp4SectionTest {
    private static final String BASE = """
            [dhcp4]
            lease-directory = "leases"
            [[dhcp4.subnet]]
            prefix = "192.0.2.0/24"
            interface = "lan0"
            server-id = "192.0.2.1"
            """;

    private static Dhcp4Section.Settings read(String extra) throws ConfigException {
        return Dhcp4Section.read(ConfigFile.parse("d.toml", BASE + extra));
    }

    @Test
    void aFullSubnetIsRead() throws ConfigException {
        Dhcp4Section.Settings s = read("""
                lease-time = 600
                routers = ["192.0.2.1"]
                dns = ["192.0.2.53", "192.0.2.54"]
                domain = "example.net"
                mtu = 1400
                ipv6-only-preferred = true
                routes = [{ destination = "198.51.100.0/24", router = "192.0.2.1" }]
                pools = [{ range = "192.0.2.100-192.0.2.150" }, { range = "192.0.2.200-192.0.2.210", ipv6-only-preferred = false }]
                reservations = [{ hw-address = "02:00:00:00:00:05", address = "192.0.2.5", ipv6-only-preferred = false },
                                { client-id = "01:02:00:00:00:00:07" }]
                """);
        Subnet sub = s.config().subnets().get(0);
        assertThat(s.interfaces()).containsExactly("lan0");
        assertThat(sub.v6OnlyWait()).isEqualTo(1800);   // the flag alone: default V6ONLY_WAIT
        assertThat(sub.pools().get(0).v6OnlyWait()).isEqualTo(Pool.INHERIT);
        assertThat(sub.pools().get(1).v6OnlyWait()).isEqualTo(Subnet.V6ONLY_OFF);
        assertThat(sub.dns()).containsExactly(Ipv4.parse("192.0.2.53"), Ipv4.parse("192.0.2.54"));
        assertThat(sub.reservations().get(0).ipv6OnlyAllowed()).isFalse();
        assertThat(sub.reservations().get(1).address()).isZero();
        assertThat(sub.routes()).hasSize(1);
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void aWaitBelowMinV6OnlyWaitIsAcceptedWithAWarning() throws ConfigException {
        Dhcp4Section.Settings s = read("v6only-wait = 60\npools = [{ range = \"192.0.2.100-192.0.2.150\" }]\n");
        assertThat(s.config().subnets().get(0).v6OnlyWait()).isEqualTo(60);
        assertThat(s.warnings()).singleElement().asString().contains("v6only-wait").contains("300");
    }

    @Test
    void leaseFsyncAndLogMessagesAreOnUnlessTurnedOff() throws ConfigException {
        String pools = "pools = [{ range = \"192.0.2.100-192.0.2.150\" }]\n";
        assertThat(read(pools).leaseFsync()).isTrue();
        assertThat(read(pools).logMessages()).isTrue();
        String quiet = BASE.replace("lease-directory = \"leases\"", "lease-directory = \"leases\"\nlog-messages = false");
        assertThat(Dhcp4Section.read(ConfigFile.parse("d.toml", quiet + pools)).logMessages()).isFalse();
        String off = BASE.replace("lease-directory = \"leases\"", "lease-directory = \"leases\"\nlease-fsync = false");
        assertThat(Dhcp4Section.read(ConfigFile.parse("d.toml", off + pools)).leaseFsync()).isFalse();
        String bad = BASE.replace("lease-directory = \"leases\"", "lease-directory = \"leases\"\nlease-fsync = \"no\"");
        assertThatThrownBy(() -> Dhcp4Section.read(ConfigFile.parse("d.toml", bad + pools)))
                .hasMessageContaining("lease-fsync");
    }

    @Test
    void declineLimitsDefaultToTwoPerClientAndTenPercentAndAreValidated() throws ConfigException {
        String pools = "pools = [{ range = \"192.0.2.100-192.0.2.150\" }]\n";
        assertThat(read(pools).config().declineLimitPerClient()).isEqualTo(2);
        assertThat(read(pools).config().declineLimitPercent()).isEqualTo(10);
        String set = BASE.replace("lease-directory = \"leases\"",
                "lease-directory = \"leases\"\ndecline-limit-per-client = 5\ndecline-limit-percent = 25");
        assertThat(Dhcp4Section.read(ConfigFile.parse("d.toml", set + pools)).config().declineLimitPercent()).isEqualTo(25);
        String bad = BASE.replace("lease-directory = \"leases\"", "lease-directory = \"leases\"\ndecline-limit-percent = 0");
        assertThatThrownBy(() -> Dhcp4Section.read(ConfigFile.parse("d.toml", bad + pools)))
                .hasMessageContaining("d.toml:3:").hasMessageContaining("decline-limit-percent");
    }

    @Test
    void errorsNameTheKeyAndLine() {
        assertThatThrownBy(() -> read("pools = [{ range = \"192.0.2.100\" }]\n"))
                .hasMessageContaining("range").hasMessageContaining("first-last");
        assertThatThrownBy(() -> read("pools = [{ range = \"198.51.100.1-198.51.100.9\" }]\n"))
                .hasMessageContaining("not inside 192.0.2.0/24");
        assertThatThrownBy(() -> read("lease-tme = 5\n")).hasMessageContaining("did you mean 'lease-time'");
        assertThatThrownBy(() -> read("reservations = [{ address = \"192.0.2.5\" }]\n"))
                .hasMessageContaining("either a hardware address or a client id");
        assertThatThrownBy(() -> Dhcp4Section.read(ConfigFile.parse("d.toml", "[dhcp4]\n")))
                .hasMessageContaining("no subnet");
        assertThatThrownBy(() -> read("[[dhcp4.subnet]]\nprefix = \"192.0.2.128/25\"\nserver-id = \"192.0.2.129\"\n"))
                .hasMessageContaining("overlaps");
    }

    @Test
    void relayFacingInterfacesAreListenedOnBesideTheSubnetsOwn() throws ConfigException {
        String relayed = """
                [dhcp4]
                interfaces = ["up0", "lan0"]
                [[dhcp4.subnet]]
                prefix = "192.0.2.0/24"
                interface = "lan0"
                server-id = "192.0.2.1"
                [[dhcp4.subnet]]
                prefix = "203.0.113.0/24"
                server-id = "198.51.100.1"
                """;
        assertThat(Dhcp4Section.read(ConfigFile.parse("d.toml", relayed)).interfaces()).containsExactly("up0", "lan0");
        String nowhere = """
                [dhcp4]
                [[dhcp4.subnet]]
                prefix = "203.0.113.0/24"
                server-id = "198.51.100.1"
                """;
        assertThatThrownBy(() -> Dhcp4Section.read(ConfigFile.parse("d.toml", nowhere)))
                .hasMessageContaining("interfaces").hasMessageContaining("no interface to listen on");
        assertThatThrownBy(() -> Dhcp4Section.read(ConfigFile.parse("d.toml", relayed.replace("\"up0\"", "\" \""))))
                .hasMessageContaining("interfaces").hasMessageContaining("empty");
    }

    @Test
    void theExampleFileIsValid() throws Exception {
        java.nio.file.Path example = java.nio.file.Path.of("..", "examples", "dhcp4.toml");
        if (java.nio.file.Files.exists(example)) {
            ConfigFile f = ConfigFile.load(example);
            ConfigSections.checkKnown(f);
            assertThat(Dhcp4Section.read(f).config().subnets()).isNotEmpty();
        }
    }
}
