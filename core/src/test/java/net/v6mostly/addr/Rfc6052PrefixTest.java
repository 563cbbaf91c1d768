package net.v6mostly.addr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HexFormat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6052 (IPv6 Addressing of IPv4/IPv6 Translators), §2.2 address format and §2.4 Table 1.
 *
 * <p>Expected addresses are given twice: as the RFC's text and as the 16 octets in hex, so that a
 * bug shared by the parser and the algorithm cannot hide.
 */
class Rfc6052PrefixTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The 16 octets of (hi, lo), network order, as hex. */
    static String octets(long hi, long lo) {
        return HEX.toHexDigits(hi) + HEX.toHexDigits(lo);
    }

    @DisplayName("RFC 6052 §2.4 Table 1: 192.0.2.33 under each prefix length, embed and extract")
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2001:db8::/32,          2001:db8:c000:221::, 20010db8c0000221 0000000000000000",
            "2001:db8:100::/40,      2001:db8:1c0:2:21::, 20010db801c00002 0021000000000000",
            "2001:db8:122::/48,      2001:db8:122:c000:2:2100::, 20010db80122c000 0002210000000000",
            "2001:db8:122:300::/56,  2001:db8:122:3c0:0:221::, 20010db8012203c0 0000022100000000",
            "2001:db8:122:344::/64,  2001:db8:122:344:c0:2:2100:0, 20010db801220344 00c0000221000000",
            "2001:db8:122:344::/96,  2001:db8:122:344::192.0.2.33, 20010db801220344 00000000c0000221",
            "64:ff9b::/96,           64:ff9b::192.0.2.33, 0064ff9b00000000 00000000c0000221",
    })
    void section2_4_table1(String prefix, String embedded, String hex) {
        table1(prefix, "192.0.2.33", embedded, hex);
    }

    @DisplayName("standards.md §3.3 derived vectors")
    @ParameterizedTest(name = "{1} under {0} -> {2}")
    @CsvSource({
            "2001:db8:100::/40,     198.51.100.2,    2001:db8:1c6:3364:2::, 20010db801c63364 0002000000000000",
            "64:ff9b::/96,          0.0.0.0,         64:ff9b::, 0064ff9b00000000 0000000000000000",
            "64:ff9b::/96,          255.255.255.255, 64:ff9b::ffff:ffff, 0064ff9b00000000 00000000ffffffff",
            "2001:db8::/32,         10.1.2.3,        2001:db8:a01:203::, 20010db80a010203 0000000000000000",
            "2001:db8:122:344::/64, 10.1.2.3,        2001:db8:122:344:a:102:300:0, 20010db801220344 000a010203000000",
    })
    void derivedVectors(String prefix, String v4, String embedded, String hex) {
        table1(prefix, v4, embedded, hex);
    }

    private static void table1(String prefixText, String v4Text, String embeddedText, String hex) {
        String expectedHex = hex.replace(" ", "");
        Rfc6052Prefix p = Rfc6052Prefix.parse(prefixText);
        int v4 = Ipv4.parse(v4Text);
        Ipv6Address expected = Ipv6Address.parse(embeddedText);

        long hi = p.embedHi(v4);
        long lo = p.embedLo(v4);
        assertThat(octets(hi, lo)).as("octets").isEqualTo(octets(expected.hi(), expected.lo()));
        assertThat(octets(hi, lo)).as("octets against the hand-decoded bytes").isEqualTo(expectedHex);
        assertThat(p.matches(expected.hi(), expected.lo())).isTrue();
        assertThat(Ipv4.format(p.extract(expected.hi(), expected.lo()))).isEqualTo(v4Text);
    }

    @DisplayName("RFC 6052 §2.1: 64:ff9b::/96 is the Well-Known Prefix")
    @org.junit.jupiter.api.Test
    void section2_1_wellKnownPrefix() {
        assertThat(Rfc6052Prefix.WELL_KNOWN).isEqualTo(Ipv6Prefix.parse("64:ff9b::/96"));
        assertThat(Rfc6052Prefix.parse("64:ff9b::/96").isWellKnown()).isTrue();
        assertThat(Rfc6052Prefix.parse("64:ff9b:1::/96").isWellKnown()).isFalse();   // RFC 8215 local-use space
        assertThat(Rfc6052Prefix.parse("64:ff9b::/64").isWellKnown()).isFalse();     // the WKP is a /96 only
    }

    @DisplayName("RFC 6052 §2.2: only /32, /40, /48, /56, /64 and /96 are allowed")
    @ParameterizedTest(name = "/{0} refused")
    @ValueSource(ints = {0, 8, 16, 24, 31, 33, 39, 41, 47, 49, 55, 57, 63, 65, 72, 80, 88, 95, 97, 104, 112, 120, 128})
    void section2_2_otherLengthsRefused(int length) {
        Ipv6Prefix prefix = new Ipv6Prefix(0, 0, length);
        assertThatIllegalArgumentException().isThrownBy(() -> new Rfc6052Prefix(prefix))
                .withMessageContaining("/" + length);
    }

    @DisplayName("RFC 6052 §2.2: a /96 prefix with a non-zero u octet (bits 64..71) is refused")
    @ParameterizedTest
    @ValueSource(strings = {"2001:db8:0:0:100::/96", "2001:db8:0:0:ff00::/96", "64:ff9b:0:0:8000::/96"})
    void section2_2_nonZeroUOctetIn96Refused(String prefix) {
        assertThatIllegalArgumentException().isThrownBy(() -> Rfc6052Prefix.parse(prefix))
                .withMessageContaining("u octet");
    }

    @DisplayName("RFC 6052 §2.2: a /96 whose bits 72..95 are set but u octet zero is accepted")
    @org.junit.jupiter.api.Test
    void section2_2_96WithZeroUOctetAccepted() {
        Rfc6052Prefix p = Rfc6052Prefix.parse("2001:db8:0:0:ff:ffff::/96");
        assertThat(octets(p.embedHi(0xC0000221), p.embedLo(0xC0000221)))
                .isEqualTo("20010db800000000" + "00ffffffc0000221");
    }

    @DisplayName("RFC 6052 §2.2: an address with a non-zero u octet is not IPv4-embedded under PL < 96")
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2001:db8::/32,         2001:db8:c000:221:100::",
            "2001:db8:100::/40,     2001:db8:1c0:2:121::",
            "2001:db8:122::/48,     2001:db8:122:c000:ff02:2100::",
            "2001:db8:122:300::/56, 2001:db8:122:3c0:8000:221::",
            "2001:db8:122:344::/64, 2001:db8:122:344:1c0:2:2100:0",
    })
    void section2_2_uOctetNonZeroDoesNotMatch(String prefix, String address) {
        Rfc6052Prefix p = Rfc6052Prefix.parse(prefix);
        Ipv6Address a = Ipv6Address.parse(address);
        assertThat(p.matches(a.hi(), a.lo())).isFalse();
        // the same address with the u octet cleared is embedded
        assertThat(p.matches(a.hi(), a.lo() & 0x00FF_FFFF_FFFF_FFFFL)).isTrue();
    }

    @DisplayName("RFC 6052 §2.2: the suffix is generated as zero and ignored on extraction")
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2001:db8::/32,         2001:db8:c000:221:ff:ffff:ffff:ffff",
            "2001:db8:100::/40,     2001:db8:1c0:2:21:ffff:ffff:ffff",
            "2001:db8:122::/48,     2001:db8:122:c000:2:21ff:ffff:ffff",
            "2001:db8:122:300::/56, 2001:db8:122:3c0:0:221:ffff:ffff",
            "2001:db8:122:344::/64, 2001:db8:122:344:c0:2:21ff:ffff",
    })
    void section2_2_suffixIgnoredOnExtraction(String prefix, String address) {
        Rfc6052Prefix p = Rfc6052Prefix.parse(prefix);
        Ipv6Address a = Ipv6Address.parse(address);
        assertThat(p.matches(a.hi(), a.lo())).isTrue();
        assertThat(Ipv4.format(p.extract(a.hi(), a.lo()))).isEqualTo("192.0.2.33");
    }

    @DisplayName("an address outside the prefix does not match")
    @org.junit.jupiter.api.Test
    void outsidePrefixDoesNotMatch() {
        Rfc6052Prefix p = Rfc6052Prefix.parse("64:ff9b::/96");
        Ipv6Address other = Ipv6Address.parse("64:ff9b:1::c000:221");
        assertThat(p.matches(other.hi(), other.lo())).isFalse();
        Ipv6Address wkpPlusOne = Ipv6Address.parse("64:ff9b::1:c000:221");
        assertThat(p.matches(wkpPlusOne.hi(), wkpPlusOne.lo())).isFalse();
    }

    @Property(tries = 2000)
    @Label("RFC 6052 §2.2 round trip: extract(embed(v4)) == v4, matches() holds, u octet is zero")
    void section2_2_roundTrip(@ForAll("prefixes") Rfc6052Prefix p, @ForAll int v4) {
        long hi = p.embedHi(v4);
        long lo = p.embedLo(v4);
        assertThat(p.matches(hi, lo)).isTrue();
        assertThat(p.extract(hi, lo)).isEqualTo(v4);
        assertThat(lo >>> 56).as("u octet, bits 64..71").isZero();
        assertThat(p.prefix().contains(hi, lo)).isTrue();
        int pl = p.prefix().length();
        if (pl < 96) {
            // suffix: everything after the u octet and the 32 - (64 - PL) bits of IPv4 that follow it
            int suffixBits = 128 - 72 - (32 - (64 - pl));
            long suffixMask = suffixBits == 0 ? 0 : (1L << suffixBits) - 1;
            assertThat(lo & suffixMask).as("suffix").isZero();
        }
    }

    @Property(tries = 500)
    @Label("RFC 6052 §2.2: two different IPv4 addresses never embed to the same IPv6 address")
    void section2_2_injective(@ForAll("prefixes") Rfc6052Prefix p, @ForAll int a, @ForAll int b) {
        if (a != b) {
            assertThat(octets(p.embedHi(a), p.embedLo(a))).isNotEqualTo(octets(p.embedHi(b), p.embedLo(b)));
        }
    }

    @Provide
    Arbitrary<Rfc6052Prefix> prefixes() {
        Arbitrary<Integer> lengths = Arbitraries.of(32, 40, 48, 56, 64, 96);
        return lengths.flatMap(pl -> Arbitraries.longs().tuple2().map(t -> {
            long hi = t.get1() & Ipv6Prefix.maskHi(pl);
            long lo = t.get2() & Ipv6Prefix.maskLo(pl) & 0x00FF_FFFF_FFFF_FFFFL; // u octet zero for /96
            return new Rfc6052Prefix(new Ipv6Prefix(hi, lo, pl));
        }));
    }

    @Property(tries = 200)
    @Label("RFC 6052 §2.2: every length that is not one of the six is refused")
    void section2_2_lengthsProperty(@ForAll @IntRange(min = 0, max = 128) int pl) {
        boolean allowed = pl == 32 || pl == 40 || pl == 48 || pl == 56 || pl == 64 || pl == 96;
        Ipv6Prefix prefix = new Ipv6Prefix(0x2001_0db8_0000_0000L & Ipv6Prefix.maskHi(pl), 0, pl);
        if (allowed) {
            assertThat(new Rfc6052Prefix(prefix).prefix()).isEqualTo(prefix);
        } else {
            assertThatIllegalArgumentException().isThrownBy(() -> new Rfc6052Prefix(prefix));
        }
    }
}
