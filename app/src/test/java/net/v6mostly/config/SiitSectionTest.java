package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.SiitSettings.HairpinMode;
import net.v6mostly.xlat.rfc7757.EamEntry;

/** Every [siit] key reaches its SiitSettings field; absent keys keep the builder's defaults. */
class SiitSectionTest {

    static SiitSettings read(String body) throws ConfigException {
        return SiitSection.read(ConfigFile.parse("siit.toml", "[siit]\n" + body));
    }

    @Test
    void everyKeyIsRead() throws ConfigException {
        SiitSettings s = read("""
                pool6 = "2001:db8:100::/40"
                eam = [
                  { ipv6 = "2001:db8:6::/120", ipv4 = "192.0.2.0/24" },
                  { ipv6 = "2001:db8:7::1", ipv4 = "198.51.100.7" },
                ]
                eam-hairpin-mode = "simple"
                rfc6791-v4-pool = "203.0.113.0/28"
                rfc6791-v6-pool = "2001:db8:ffff::/64"
                icmp-dummy-source = false
                ipv4-address = "192.0.2.1"
                ipv6-address = "2001:db8:6::1"
                lowest-ipv6-mtu = 1400
                mtu4 = 1400
                mtu6 = 9000
                amend-udp-checksum-zero = true
                wkp-translate-non-global = true
                reset-traffic-class = true
                icmp-errors-46 = false
                icmp-errors-64 = false
                icmp-error-rate = 10
                icmp-error-burst = 5
                deny4 = ["10.0.0.0/8", "192.168.0.1"]
                allow6-sources = ["2001:db8:1::/48"]
                """);
        assertThat(s.pool6()).isEqualTo(Rfc6052Prefix.parse("2001:db8:100::/40"));
        assertThat(s.eam().entries()).containsExactly(EamEntry.parse("2001:db8:6::/120", "192.0.2.0/24"),
                EamEntry.parse("2001:db8:7::1/128", "198.51.100.7/32"));
        assertThat(s.hairpin()).isEqualTo(HairpinMode.SIMPLE);
        assertThat(s.rfc6791v4()).isEqualTo(Ipv4Prefix.parse("203.0.113.0/28"));
        assertThat(s.rfc6791v6()).isEqualTo(Ipv6Prefix.parse("2001:db8:ffff::/64"));
        assertThat(s.dummySourceExtension()).isFalse();
        assertThat(s.ownIpv4()).isEqualTo(Ipv4.parse("192.0.2.1"));
        assertThat(s.ownIpv6()).isEqualTo(Ipv6Address.parse("2001:db8:6::1"));
        assertThat(List.of(s.lowestIpv6Mtu(), s.mtu4(), s.mtu6())).containsExactly(1400, 1400, 9000);
        assertThat(List.of(s.amendUdpZeroChecksum(), s.wkpNonGlobal(), s.resetTrafficClass())).containsOnly(true);
        assertThat(List.of(s.icmpErrors46(), s.icmpErrors64())).containsOnly(false);
        assertThat(s.icmpErrorsPerSecond()).isEqualTo(10);
        assertThat(s.icmpErrorBurst()).isEqualTo(5);
        assertThat(s.deny4().prefixes()).containsExactly(Ipv4Prefix.parse("10.0.0.0/8"),
                Ipv4Prefix.parse("192.168.0.1/32"));
        assertThat(s.allow6Sources().prefixes()).containsExactly(Ipv6Prefix.parse("2001:db8:1::/48"));
        assertThat(SiitSection.KEYS).hasSize(21);
    }

    @Test
    void absentKeysKeepTheBuilderDefaults() throws ConfigException {
        SiitSettings s = read("pool6 = \"64:ff9b::/96\"\n");
        SiitSettings expected = SiitSettings.builder().pool6(Rfc6052Prefix.parse("64:ff9b::/96")).build();
        assertThat(s).isEqualTo(expected);
        assertThat(s.eam().isEmpty()).isTrue();
    }

    @Test
    void eamAloneIsEnoughAndArrayOfTablesSyntaxWorks() throws ConfigException {
        SiitSettings s = SiitSection.read(ConfigFile.parse("siit.toml", """
                [siit]
                eam-hairpin-mode = "off"

                [[siit.eam]]
                ipv6 = "2001:db8:6::/120"
                ipv4 = "192.0.2.0/24"

                [[siit.eam]]
                ipv6 = "2001:db8:7::/128"
                ipv4 = "198.51.100.9/32"
                """));
        assertThat(s.pool6()).isNull();
        assertThat(s.eam().entries()).hasSize(2);
        assertThat(s.hairpin()).isEqualTo(HairpinMode.OFF);
    }

    @Test
    void hairpinModesAreLowerCase() throws ConfigException {
        assertThat(read("pool6 = \"64:ff9b::/96\"\neam-hairpin-mode = \"intrinsic\"\n").hairpin())
                .isEqualTo(HairpinMode.INTRINSIC);
    }
}
