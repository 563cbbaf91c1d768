package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every error names the file, the line and the key, including errors raised by the address and
 * settings constructors (RFC 6052 §2.2, RFC 7757 §3.2 and §3.3).
 */
class SiitSectionErrorTest {

    private static final String POOL = "pool6 = \"2001:db8:64::/96\"\n";

    private static void fails(String body, String message) {
        assertThatThrownBy(() -> SiitSectionTest.read(body))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void rfc6052LengthIsLocated() {
        fails("# the prefix\n" + "pool6 = \"2001:db8::/33\"\n",
                "siit.toml:3: [siit] pool6: RFC 6052 §2.2 allows prefix lengths 32, 40, 48, 56, 64 and 96, not /33"
                        + " (2001:db8::/33)");
    }

    @Test
    void rfc6052UOctetIsLocated() {
        fails("pool6 = \"2001:db8:0:0:ff00::/96\"\n",
                "siit.toml:2: [siit] pool6: RFC 6052 §2.2: bits 64 to 71 of 2001:db8:0:0:ff00::/96 (the u octet)"
                        + " must be zero");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "eam-hairpin-mode = 64            | [siit] eam-hairpin-mode: expected a string, found integer 64",
        "mtu4 = \"1500\"                  | [siit] mtu4: expected an integer, found string \"1500\"",
        "mtu6 = 1500.0                    | [siit] mtu6: expected an integer, found float 1500.0",
        "icmp-errors-46 = \"yes\"         | [siit] icmp-errors-46: expected true or false, found string \"yes\"",
        "reset-traffic-class = 1          | [siit] reset-traffic-class: expected true or false, found integer 1",
        "eam = \"2001:db8::/96\"          | [siit] eam: expected an array of tables like { ipv6 = \"2001:db8:6::/120\", ipv4 = \"192.0.2.0/24\" }, found string \"2001:db8::/96\"",
        "ipv4-address = [1, 2]            | [siit] ipv4-address: expected a string, found an array",
        "mtu6 = 1000                      | [siit] mtu6: must be 1280..65535 (RFC 8200 §5), not 1000",
        "mtu4 = 67                        | [siit] mtu4: must be 68..65535 (RFC 791), not 67",
        "lowest-ipv6-mtu = 70000          | [siit] lowest-ipv6-mtu: must be 1280..65535 (RFC 7915 §4.1, RFC 8200 §5), not 70000",
        "icmp-error-rate = -1             | [siit] icmp-error-rate: must be 0..1000000 (errors per second, 0 = unlimited), not -1",
        "icmp-error-burst = 99999999999   | [siit] icmp-error-burst: must be 0..1000000, not 99999999999",
        "ipv4-address = \"192.0.2.300\"   | [siit] ipv4-address: not an IPv4 address (octet > 255): '192.0.2.300'",
        "ipv6-address = \"2001:db8::g\"   | [siit] ipv6-address: not an IPv6 address: '2001:db8::g'",
        "rfc6791-v4-pool = \"203.0.113.1/24\" | [siit] rfc6791-v4-pool: IPv4 prefix 203.0.113.1/24 has host bits set (did you mean 203.0.113.0/24?)",
        "rfc6791-v6-pool = \"2001:db8::/200\" | [siit] rfc6791-v6-pool: IPv6 prefix length must be 0..128, not 200",
        "eam-hairpin-mode = \"on\"        | [siit] eam-hairpin-mode: must be one of \"off\", \"simple\", \"intrinsic\", not \"on\"",
        "pool-6 = \"64:ff9b::/96\"        | [siit] pool-6: unknown key (did you mean 'pool6'?); known keys: pool6, eam, eam-hairpin-mode, rfc6791-v4-pool, rfc6791-v6-pool, icmp-dummy-source, ipv4-address, ipv6-address, lowest-ipv6-mtu, mtu4, mtu6, amend-udp-checksum-zero, wkp-translate-non-global, reset-traffic-class, icmp-errors-46, icmp-errors-64, icmp-error-rate, icmp-error-burst, deny4, allow6-sources, tun",
        "deny4 = [\"10.0.0.0/8\", \"192.168.1.0/33\"] | [siit] deny4[2]: IPv4 prefix length must be 0..32, not 33",
        "deny4 = [\"10.0.0.1/8\"]                 | [siit] deny4[1]: IPv4 prefix 10.0.0.1/8 has host bits set (did you mean 10.0.0.0/8?)",
        "deny4 = \"10.0.0.0/8\"                   | [siit] deny4: expected an array of strings, found string \"10.0.0.0/8\"",
        "allow6-sources = []                      | [siit] allow6-sources: an empty list would admit every source: list the prefixes of the networks the translator serves, e.g. [\"2001:db8:1::/48\"], or remove the key",
        "allow6-sources = [\"ff02::/16\"]          | [siit] allow6-sources: ff02::/16 is multicast: a multicast address is never a source (RFC 4291 §2.7)",
        "allow6-sources = [\"2001:db8::1/32\"]     | [siit] allow6-sources[1]: IPv6 prefix 2001:db8::1/32 has bits set beyond its length (did you mean 2001:db8::/32?)",
    })
    void wrongValuesAreLocatedOnTheirLine(String line, String expected) {
        fails(POOL + line + "\n", "siit.toml:3: " + expected);
    }

    @Test
    void pool6OfTheWrongType() {
        fails("pool6 = 64\n", "siit.toml:2: [siit] pool6: expected a string, found integer 64");
    }

    @Test
    void eamSuffixMismatchNamesTheEntry() {
        fails(POOL + "eam = [\n  { ipv6 = \"2001:db8:6::/120\", ipv4 = \"192.0.2.0/24\" },\n"
                        + "  { ipv6 = \"2001:db8:7::/122\", ipv4 = \"198.51.100.0/24\" },\n]\n",
                "siit.toml:5: [siit] eam[2]: EAM 2001:db8:7::/122 <-> 198.51.100.0/24: the IPv6 suffix (6 bits) is shorter"
                        + " than the IPv4 suffix (8 bits); RFC 7757 §3.2 needs an IPv6 prefix of at most /120 for an IPv4 /24");
    }

    @Test
    void eamEntryErrorsNameTheEntryKey() {
        fails(POOL + "eam = [ { ipv6 = \"2001:db8:6::/120\", ipv4 = \"192.0.2.0/33\" } ]\n",
                "siit.toml:3: [siit] eam[1] ipv4: IPv4 prefix length must be 0..32, not 33");
        fails(POOL + "eam = [ { ipv6 = \"2001:db8:6::/120\" } ]\n",
                "siit.toml:3: [siit] eam[1]: an EAM entry needs both ipv6 and ipv4, e.g. { ipv6 = \"2001:db8:6::/120\","
                        + " ipv4 = \"192.0.2.0/24\" }");
        fails(POOL + "eam = [ { ipv6 = \"2001:db8:6::/120\", ip4 = \"192.0.2.0/24\" } ]\n",
                "siit.toml:3: [siit] eam[1] ip4: unknown key (did you mean 'ipv4'?); known keys: ipv6, ipv4");
        fails(POOL + "eam = [ [\"2001:db8:6::/120\", \"192.0.2.0/24\"] ]\n",
                "siit.toml:3: [siit] eam[1]: expected a table like { ipv6 = \"2001:db8:6::/120\", ipv4 ="
                        + " \"192.0.2.0/24\" }, found an array");
    }

    @Test
    void duplicateEamPrefixIsLocatedAtTheTable() {
        fails(POOL + "eam = [\n  { ipv6 = \"2001:db8:6::/120\", ipv4 = \"192.0.2.0/24\" },\n"
                        + "  { ipv6 = \"2001:db8:7::/120\", ipv4 = \"192.0.2.0/24\" },\n]\n",
                "siit.toml:3: [siit] eam: EAM entries '2001:db8:6::/120 <-> 192.0.2.0/24' and '2001:db8:7::/120 <->"
                        + " 192.0.2.0/24' share a prefix, so the mapping would be ambiguous (RFC 7757 §3.3)");
    }

    @Test
    void settingsLevelErrorsPointAtTheTable() {
        assertThatThrownBy(() -> SiitSection.read(ConfigFile.parse("siit.toml", "# empty\n[siit]\nmtu4 = 1500\n")))
                .hasMessage("siit.toml:2: [siit]: pool6 and the EAM table are both empty: nothing could be translated");
    }
}
