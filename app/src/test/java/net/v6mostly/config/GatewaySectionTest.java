package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.Pref64Option;
import org.junit.jupiter.api.Test;

/** One file, one PREF64: [pref64] drives RA PREF64 and DNS64; the RA's RDNSS defaults to the DNS64. */
class GatewaySectionTest {
    static final String BASE = """
            [pref64]
            prefixes = ["2001:db8:64::/96"]

            [dns64]
            listen = ["[2001:db8:1::1]:53", "127.0.0.1:53"]
            upstreams = ["198.51.100.53"]
            allow-clients = ["2001:db8:1::/64"]

            [ra]
            [[ra.interface]]
            name = "lan0"
            prefix = [{ prefix = "2001:db8:1::/64" }]

            [dhcp4]
            lease-directory = "/tmp/leases"
            [[dhcp4.subnet]]
            prefix = "192.0.2.0/24"
            interface = "lan0"
            server-id = "192.0.2.1"
            v6only-wait = 1800
            pools = [{ range = "192.0.2.100-192.0.2.150" }]
            """;

    static RunConfig read(String text) throws ConfigException {
        return GatewaySection.read(ConfigFile.parse("gw.toml", text));
    }

    @Test
    void onePref64DrivesTheRaOptionAndDns64Synthesis() throws Exception {
        RunConfig c = read(BASE);
        Rfc6052Prefix p = Rfc6052Prefix.parse("2001:db8:64::/96");
        assertThat(c.pref64().prefixes()).containsExactly(p);
        assertThat(c.dns64().prefixes()).containsExactly(p);
        List<NdpOption> options = c.ra().interfaces().get(0).advertisement().options();
        assertThat(options).contains(new Pref64Option(p.prefix(), 1800)); // 3 × MaxRtrAdvInterval 600 (RFC 8781 §4.1)
        assertThat(c.dhcp4().interfaces()).containsExactly("lan0");
        assertThat(c.gateway()).isEqualTo(GatewaySettings.DEFAULTS);
        assertThat(c.metrics()).isEqualTo(MetricsSection.DEFAULTS);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void rdnssDefaultsToTheDns64sIpv6ListenAddressRfc8106() throws Exception {
        RunConfig c = read(BASE);
        assertThat(c.ra().interfaces().get(0).advertisement().options())
                .contains(new NdpOption.Rdnss(1800, List.of(Ipv6Address.parse("2001:db8:1::1"))));
    }

    @Test
    void anExplicitRdnssIsKeptAndTheDefaultCanBeTurnedOff() throws Exception {
        RunConfig explicit = read(BASE.replace("prefix = [{ prefix = \"2001:db8:1::/64\" }]",
                "prefix = [{ prefix = \"2001:db8:1::/64\" }]\nrdnss = [{ addresses = [\"2001:db8:1::53\"] }]"));
        assertThat(explicit.ra().interfaces().get(0).advertisement().options().stream()
                .filter(o -> o instanceof NdpOption.Rdnss).toList())
                .containsExactly(new NdpOption.Rdnss(1800, List.of(Ipv6Address.parse("2001:db8:1::53"))));
        RunConfig off = read(BASE + "[gateway]\nrdnss-from-dns64 = false\n");
        assertThat(off.ra().interfaces().get(0).advertisement().options())
                .noneMatch(o -> o instanceof NdpOption.Rdnss);
    }

    @Test
    void severalPrefixesAreAllAdvertisedAndSynthesized() throws Exception {
        RunConfig c = read(BASE.replace("prefixes = [\"2001:db8:64::/96\"]",
                "prefixes = [\"2001:db8:64::/96\", \"64:ff9b::/96\"]"));
        assertThat(c.dns64().prefixes()).hasSize(2);
        assertThat(c.ra().interfaces().get(0).advertisement().options().stream()
                .filter(o -> o instanceof Pref64Option).map(o -> ((Pref64Option) o).prefix()).toList())
                .containsExactly(Ipv6Prefix.parse("2001:db8:64::/96"), Ipv6Prefix.parse("64:ff9b::/96"));
    }

    @Test
    void gatewayKeysAreReadAndChecked() throws Exception {
        RunConfig c = read(BASE + """
                [gateway]
                health-signalling = false
                health-interval-ms = 1000
                health-failures = 2
                health-successes = 1
                health-probe-name = "example.net"
                """);
        assertThat(c.gateway()).isEqualTo(new GatewaySettings(false, Duration.ofSeconds(1), 2, 1, "example.net.", true));
        assertThatThrownBy(() -> read(BASE + "[gateway]\nhealth-intervall-ms = 5\n"))
                .hasMessageStartingWith("gw.toml:23: [gateway] health-intervall-ms: unknown key (did you mean"
                        + " 'health-interval-ms'?)");
        assertThatThrownBy(() -> read(BASE + "[gateway]\nhealth-failures = 0\n"))
                .hasMessage("gw.toml:23: [gateway] health-failures: must be 1..100, not 0");
    }

    @Test
    void aGatewayNeedsAPref64() {
        assertThatThrownBy(() -> read(BASE.replace("[pref64]\nprefixes = [\"2001:db8:64::/96\"]\n", "")))
                .hasMessageStartingWith("gw.toml: no [pref64] table: a gateway needs prefixes");
        assertThatThrownBy(() -> read("[pref64]\nprefixes = []\n[dns64]\nupstreams = [\"198.51.100.53\"]\n"))
                .hasMessageStartingWith("gw.toml:1: [pref64]: needs prefixes = ");
    }

    @Test
    void pref64AndSiitPool6MustAgree() {
        assertThatThrownBy(() -> read("[siit]\npool6 = \"64:ff9b::/96\"\n" + BASE))
                .hasMessageStartingWith("gw.toml:2: [siit] pool6: 64:ff9b::/96 is not among [pref64] prefixes");
    }

    @Test
    void aDns64PrefixOutsidePref64IsRefused() {
        assertThatThrownBy(() -> read(BASE.replace("upstreams = [\"198.51.100.53\"]",
                "upstreams = [\"198.51.100.53\"]\nprefixes = [\"64:ff9b::/96\"]")))
                .hasMessageStartingWith("gw.toml:7: [dns64] prefixes: 64:ff9b::/96 differs from [pref64] prefixes"
                        + " 2001:db8:64::/96");
    }

    @Test
    void anRaPref64OutsidePref64IsRefused() {
        assertThatThrownBy(() -> read(BASE.replace("prefix = [{ prefix = \"2001:db8:1::/64\" }]",
                "prefix = [{ prefix = \"2001:db8:1::/64\" }]\npref64 = [{ prefix = \"64:ff9b::/96\" }]")))
                .hasMessageContaining("[ra] interface[1] pref64[1] prefix: PREF64 64:ff9b::/96 disagrees with"
                        + " [pref64] prefixes 2001:db8:64::/96");
    }

    @Test
    void aGatewayNeedsAComponent() {
        assertThatThrownBy(() -> read("[pref64]\nprefixes = [\"64:ff9b::/96\"]\n"))
                .hasMessage("gw.toml: a gateway needs at least one of [ra], [dhcp4], [dns64], [nat64], [clat]");
    }

    @Test
    void rdnssAddressesSkipWildcardLoopbackIpv4AndOtherPorts() throws Exception {
        RunConfig c = read(BASE.replace("listen = [\"[2001:db8:1::1]:53\", \"127.0.0.1:53\"]",
                "listen = [\"[::]:53\", \"[::1]:53\", \"192.0.2.1:53\", \"[2001:db8:1::2]:5353\", \"[2001:db8:1::1]:53\"]"));
        assertThat(GatewaySection.rdnssAddresses(c.dns64())).containsExactly(Ipv6Address.parse("2001:db8:1::1"));
    }

    static final String NAT64 = """
            [nat64]
            pool4 = ["203.0.113.64/30"]
            [nat64.tun]
            up = true
            routes = ["2001:db8:64::/96", "203.0.113.64/30"]
            """;

    @Test
    void theNat64Pool6DefaultsToPref64() throws Exception {
        RunConfig c = read(BASE + NAT64);
        assertThat(c.nat64().pool6()).isEqualTo(Rfc6052Prefix.parse("2001:db8:64::/96"));
        assertThat(c.nat64().xlat().pool6()).isEqualTo(c.nat64().pool6());   // the RFC 7915 step translates it too
        assertThat(c.nat64().engine().pool4().size()).isEqualTo(4);
        assertThat(c.nat64().tun().name()).isEqualTo("nat64");
        assertThat(read(BASE).nat64()).isNull();
    }

    @Test
    void aNat64Pool6EqualToPref64IsAccepted() throws Exception {
        RunConfig c = read(BASE + NAT64.replace("[nat64]\n", "[nat64]\npool6 = \"2001:db8:64::/96\"\n"));
        assertThat(c.nat64().pool6()).isEqualTo(c.pref64().primary());
    }

    @Test
    void aNat64Pool6OtherThanPref64IsRefused() {
        assertThatThrownBy(() -> read(BASE + NAT64.replace("[nat64]\n", "[nat64]\npool6 = \"64:ff9b::/96\"\n")))
                .hasMessageStartingWith("gw.toml:23: [nat64] pool6: 64:ff9b::/96 is not among [pref64] prefixes"
                        + " 2001:db8:64::/96: one PREF64 feeds RA, DNS64 and NAT64");
    }

    @Test
    void dns64SynthesizingIntoMoreThanThePool6IsRefused() {
        String two = BASE.replace("prefixes = [\"2001:db8:64::/96\"]", "prefixes = [\"2001:db8:64::/96\", \"64:ff9b::/96\"]");
        assertThatThrownBy(() -> read(two + NAT64))
                .hasMessageContaining("gw.toml:22: [nat64] pool6: NAT64 translates 2001:db8:64::/96 but DNS64 synthesizes into"
                        + " [2001:db8:64::/96, 64:ff9b::/96]");
    }

    @Test
    void aNat64AloneMakesAGateway() throws Exception {
        RunConfig c = read("[pref64]\nprefixes = [\"2001:db8:64::/96\"]\n" + NAT64);
        assertThat(c.nat64()).isNotNull();
        assertThat(c.ra()).isNull();
    }

    @Test
    void aMalformedNat64TableNamesTheKey() {
        assertThatThrownBy(() -> read(BASE + NAT64.replace("pool4 = [\"203.0.113.64/30\"]", "pool4 = [\"203.0.113.300\"]")))
                .hasMessageStartingWith("gw.toml:23: [nat64] pool4: not an IPv4 address");
    }
}
