package net.v6mostly.addr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv4 text (dotted quad), prefixes, and the special-purpose ranges (RFC 6890 registry, RFC 1812 §5.3.7). */
class Ipv4Test {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "0.0.0.0,         00000000",
            "192.0.2.33,      c0000221",
            "255.255.255.255, ffffffff",
            "10.1.2.3,        0a010203",
            "128.0.0.1,       80000001",
    })
    void parseAndFormat(String text, String hex) {
        int value = Integer.parseUnsignedInt(hex, 16);
        assertThat(Ipv4.parse(text)).isEqualTo(value);
        assertThat(Ipv4.format(value)).isEqualTo(text);
    }

    @DisplayName("invalid dotted quads are refused")
    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", ".", "...", "1.2.3", "1.2.3.4.5", "1.2.3.4.", ".1.2.3.4", "1..2.3", "256.0.0.1",
            "1.2.3.256", "1.2.3.1000", "01.2.3.4", "1.2.3.04", "00.0.0.0", "1.2.3.-4", "1.2.3.+4", " 1.2.3.4",
            "1.2.3.4 ", "1.2.3.4/24", "0x1.2.3.4", "1.2.3.a", "\u0661.2.3.4", "\uff11.2.3.4", "99999999999.1.1.1"})
    void invalidRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Ipv4.parse(text));
    }

    @Property
    void formatThenParseRoundTrips(@ForAll int address) {
        assertThat(Ipv4.parse(Ipv4.format(address))).isEqualTo(address);
    }

    @Test
    void mask() {
        assertThat(Ipv4.mask(0)).isZero();
        assertThat(Ipv4.mask(1)).isEqualTo(0x8000_0000);
        assertThat(Ipv4.mask(24)).isEqualTo(0xFFFF_FF00);
        assertThat(Ipv4.mask(32)).isEqualTo(-1);
    }

    @Property
    void maskHasLengthLeadingOnes(@ForAll @IntRange(min = 0, max = 32) int length) {
        assertThat(Integer.bitCount(Ipv4.mask(length))).isEqualTo(length);
        assertThat(Integer.numberOfLeadingZeros(~Ipv4.mask(length))).isEqualTo(length);
    }

    @DisplayName("RFC 7915 §4.1 / RFC 1812 §5.3.7: sources a translator must not emit")
    @ParameterizedTest(name = "{0} illegal = {1}")
    @CsvSource({
            "0.0.0.0, true", "0.255.255.255, true", "127.0.0.1, true", "127.255.255.255, true",
            "224.0.0.1, true", "239.255.255.255, true", "240.0.0.1, true", "255.255.255.255, true",
            "1.0.0.0, false", "126.255.255.255, false", "128.0.0.0, false", "223.255.255.255, false",
            "10.0.0.1, false", "192.0.2.1, false", "192.0.0.8, false",
    })
    void isIllegalSource(String address, boolean illegal) {
        assertThat(Ipv4.isIllegalSource(Ipv4.parse(address))).isEqualTo(illegal);
        assertThat(Ipv4.isIllegalDestination(Ipv4.parse(address))).isEqualTo(illegal);
    }

    /**
     * IANA IPv4 Special-Purpose Address Registry (RFC 6890 and updates): every block whose
     * "Globally Reachable" is False, tested at both ends, and the neighbours just outside.
     */
    @DisplayName("RFC 6890 registry: non-global blocks, first and last address, and neighbours")
    @ParameterizedTest(name = "{0}..{1}")
    @CsvSource({
            "0.0.0.0,       0.255.255.255,   255.255.255.255, 1.0.0.0",       // RFC 791 this network
            "10.0.0.0,      10.255.255.255,  9.255.255.255,   11.0.0.0",      // RFC 1918
            "100.64.0.0,    100.127.255.255, 100.63.255.255,  100.128.0.0",   // RFC 6598 shared
            "127.0.0.0,     127.255.255.255, 126.255.255.255, 128.0.0.0",     // RFC 1122 loopback
            "169.254.0.0,   169.254.255.255, 169.253.255.255, 169.255.0.0",   // RFC 3927 link local
            "172.16.0.0,    172.31.255.255,  172.15.255.255,  172.32.0.0",    // RFC 1918
            "192.0.0.0,     192.0.0.255,     191.255.255.255, 192.0.1.0",     // RFC 6890 IETF protocol assignments
            "192.0.2.0,     192.0.2.255,     192.0.1.255,     192.0.3.0",     // RFC 5737 TEST-NET-1
            "192.168.0.0,   192.168.255.255, 192.167.255.255, 192.169.0.0",   // RFC 1918
            "198.18.0.0,    198.19.255.255,  198.17.255.255,  198.20.0.0",    // RFC 2544 benchmarking
            "198.51.100.0,  198.51.100.255,  198.51.99.255,   198.51.101.0",  // RFC 5737 TEST-NET-2
            "203.0.113.0,   203.0.113.255,   203.0.112.255,   203.0.114.0",   // RFC 5737 TEST-NET-3
            "240.0.0.0,     255.255.255.255, 239.255.255.255, 239.255.255.255", // RFC 1112 reserved + broadcast
    })
    void isNonGlobalBlocks(String first, String last, String before, String after) {
        assertThat(Ipv4.isNonGlobal(Ipv4.parse(first))).as(first).isTrue();
        assertThat(Ipv4.isNonGlobal(Ipv4.parse(last))).as(last).isTrue();
        if (!first.equals("0.0.0.0")) {
            assertThat(Ipv4.isNonGlobal(Ipv4.parse(before))).as(before).isFalse();
        }
        if (!last.equals("255.255.255.255")) {
            assertThat(Ipv4.isNonGlobal(Ipv4.parse(after))).as(after).isFalse();
        }
    }

    @DisplayName("RFC 6890 registry: the globally reachable exceptions and other global blocks")
    @ParameterizedTest(name = "{0} non-global = {1}")
    @CsvSource({
            "192.0.0.8,      true ", // RFC 7600 dummy address: inside 192.0.0.0/24, not global
            "192.0.0.170,    true ", // RFC 7050 ipv4only.arpa
            "192.0.0.9,      false", // RFC 7723 PCP anycast: globally reachable
            "192.0.0.10,     false", // RFC 8155 TURN anycast: globally reachable
            "192.31.196.1,   false", // RFC 7535 AS112-v4: globally reachable
            "192.52.193.1,   false", // RFC 7450 AMT: globally reachable
            "192.175.48.1,   false", // RFC 7534 AS112: globally reachable
            "8.8.8.8,        false",
            "224.0.0.1,      false", // multicast is not in the special-purpose registry
    })
    void isNonGlobalExceptions(String address, boolean nonGlobal) {
        assertThat(Ipv4.isNonGlobal(Ipv4.parse(address))).isEqualTo(nonGlobal);
    }

    @Test
    void in() {
        assertThat(Ipv4.in(Ipv4.parse("192.0.2.33"), Ipv4.parse("192.0.2.0"), 24)).isTrue();
        assertThat(Ipv4.in(Ipv4.parse("192.0.3.33"), Ipv4.parse("192.0.2.0"), 24)).isFalse();
        assertThat(Ipv4.in(Ipv4.parse("1.2.3.4"), 0, 0)).isTrue();
        assertThat(Ipv4.in(Ipv4.parse("1.2.3.4"), Ipv4.parse("1.2.3.4"), 32)).isTrue();
        assertThat(Ipv4.in(Ipv4.parse("1.2.3.5"), Ipv4.parse("1.2.3.4"), 32)).isFalse();
    }

    @Test
    void dummyIsRfc7600Address() {
        assertThat(Ipv4.format(Ipv4.DUMMY)).isEqualTo("192.0.0.8");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"192.0.2.0/24, 192.0.2.0, 24", "0.0.0.0/0, 0.0.0.0, 0", "192.0.2.1, 192.0.2.1, 32",
            "203.0.113.8/29, 203.0.113.8, 29"})
    void prefixParse(String text, String address, int length) {
        Ipv4Prefix p = Ipv4Prefix.parse(text);
        assertThat(p.address()).isEqualTo(Ipv4.parse(address));
        assertThat(p.length()).isEqualTo(length);
        assertThat(p.toString()).isEqualTo(text.contains("/") ? text : text + "/32");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"192.0.2.1/24", "192.0.2.0/33", "192.0.2.0/-1", "192.0.2.0/", "192.0.2.0/x",
            "/24", "192.0.2/24", "11.0.0.0/7"})
    void prefixInvalid(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Ipv4Prefix.parse(text));
    }

    @Test
    void prefixHostBitsMessageSuggestsNetwork() {
        assertThatIllegalArgumentException().isThrownBy(() -> Ipv4Prefix.parse("192.0.2.1/24"))
                .withMessageContaining("192.0.2.0/24");
    }

    @Test
    void prefixContainsAndOverlaps() {
        Ipv4Prefix p24 = Ipv4Prefix.parse("198.51.100.0/24");
        Ipv4Prefix p25 = Ipv4Prefix.parse("198.51.100.128/25");
        Ipv4Prefix other = Ipv4Prefix.parse("198.51.101.0/24");
        assertThat(p24.contains(Ipv4.parse("198.51.100.254"))).isTrue();
        assertThat(p24.contains(Ipv4.parse("198.51.101.0"))).isFalse();
        assertThat(p24.overlaps(p25)).isTrue();
        assertThat(p25.overlaps(p24)).isTrue();
        assertThat(p24.overlaps(other)).isFalse();
        assertThat(Ipv4Prefix.parse("0.0.0.0/0").overlaps(other)).isTrue();
    }
}
