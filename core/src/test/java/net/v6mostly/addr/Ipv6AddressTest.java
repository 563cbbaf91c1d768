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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv6 text: RFC 4291 §2.2 parsing, RFC 5952 §4 canonical output, and prefixes (RFC 4291 §2.3). */
class Ipv6AddressTest {

    private static String octets(Ipv6Address a) {
        return HexFormat.of().toHexDigits(a.hi()) + HexFormat.of().toHexDigits(a.lo());
    }

    @DisplayName("RFC 4291 §2.2: the three text forms")
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // form 1: all eight groups, leading zeros allowed, either case
            "2001:DB8:0:0:8:800:200C:417A,           20010db8000000000008080020 0c417a",
            "2001:0db8:0000:0000:0008:0800:200c:417a, 20010db8000000000008080020 0c417a",
            "FEDC:BA98:7654:3210:FEDC:BA98:7654:3210, fedcba9876543210fedcba98 76543210",
            // form 2: one ::
            "2001:db8::8:800:200c:417a,  20010db8000000000008080020 0c417a",
            "ff01::101,                  ff010000000000000000000000 000101",
            "::1,                        00000000000000000000000000 000001",
            "::,                         00000000000000000000000000 000000",
            "1::,                        00010000000000000000000000 000000",
            "1:2:3:4:5:6:7::,            00010002000300040005000600 070000",
            "::2:3:4:5:6:7:8,            00000002000300040005000600 070008",
            "1::8,                       00010000000000000000000000 000008",
            // form 3: dotted-quad tail
            "::13.1.68.3,                000000000000000000000000 0d014403",
            "::ffff:129.144.52.38,       00000000000000000000ffff81 903426",
            "64:ff9b::192.0.2.33,        0064ff9b0000000000000000 c0000221",
            "1:2:3:4:5:6:1.2.3.4,        00010002000300040005000601 020304",
            "1::1.2.3.4,                 00010000000000000000000001 020304",
    })
    void rfc4291_2_2_parse(String text, String hex) {
        assertThat(octets(Ipv6Address.parse(text))).isEqualTo(hex.replace(" ", ""));
    }

    @DisplayName("RFC 4291 §2.2: malformed text is refused")
    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
            "", ":", ":::", "::::", "1:", ":1", "1::2:", ":1::2", "1:2:3:4:5:6:7:8:", "1:2:3:4:5:6:7:8::",
            "1::2::3", "::1::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "::1:2:3:4:5:6:7:8", "1:2:3:4::5:6:7:8",
            "12345::", "1:2:3:4:5:6:7:00000", "g::", "1:2:3:4:5:6:7:-8", " ::1", "::1 ", "::1/128", "[::1]",
            "1.2.3.4", "::1.2.3", "::1.2.3.4.5", "::256.0.0.1", "::1.2.3.04", "::1.2.3.4:5", "::1.2.3.4::",
            "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6::1.2.3.4", "::ffff:1.2.3.4.", "1.2.3.4::", "::1.2.3.4:",
            "fe80::1%eth0", "\uff11::", "\u0661::", "0x1::", "::+1"})
    void rfc4291_2_2_invalid(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Ipv6Address.parse(text))
                .withMessageContaining("not an IPv6 address");
    }

    @DisplayName("RFC 5952 §4: canonical text")
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",         // §4.1 no leading zeros, §4.2.1 longest
            "2001:DB8::1,                             2001:db8::1",         // §4.3 lower case
            "2001:db8:0:0:0:0:2:1,                    2001:db8::2:1",       // §4.2.1 shorten as much as possible
            "2001:db8:0:1:1:1:1:1,                    2001:db8:0:1:1:1:1:1", // §4.2.2 no :: for one 0 group
            "2001:db8:0:0:1:0:0:1,                    2001:db8::1:0:0:1",   // §4.2.3 first of equal runs
            "2001:0:0:1:0:0:0:1,                      2001:0:0:1::1",       // §4.2.3 longest run wins
            "0:0:0:0:0:0:0:0,                         ::",
            "0:0:0:0:0:0:0:1,                         ::1",
            "1:0:0:0:0:0:0:0,                         1::",
            "0:1:0:1:0:1:0:1,                         0:1:0:1:0:1:0:1",
            "1:0:1:0:1:0:1:0,                         1:0:1:0:1:0:1:0",
            "0:0:1:0:0:0:0:1,                         0:0:1::1",
            "1:0:0:2:0:0:3:4,                         1::2:0:0:3:4",
            "1:2:3:4:5:6:7:0,                         1:2:3:4:5:6:7:0",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "64:ff9b::192.0.2.33,                     64:ff9b::c000:221",   // §5 mixed notation not produced
            "::ffff:192.0.2.1,                        ::ffff:c000:201",
    })
    void rfc5952_4_canonical(String text, String canonical) {
        assertThat(Ipv6Address.parse(text).toString()).isEqualTo(canonical);
    }

    @Property(tries = 3000)
    @Label("RFC 5952: toString then parse is the identity, and the text is canonical")
    void roundTrip(@ForAll("addresses") Ipv6Address a) {
        String text = a.toString();
        assertThat(Ipv6Address.parse(text)).isEqualTo(a);
        assertThat(text).isEqualTo(text.toLowerCase());
        assertThat(text).doesNotContain(":::");
        assertThat(text.indexOf("::")).isEqualTo(text.lastIndexOf("::"));
        assertThat(text).doesNotContainPattern("(^|:)0[0-9a-f]"); // no leading zeros (§4.1)
        assertThat(text.length()).isLessThanOrEqualTo(39);
        assertThat(independentCanonical(a)).isEqualTo(text);
    }

    @Property(tries = 1000)
    @Label("RFC 4291 §2.2: the full eight-group form and upper case parse to the same address")
    void fullFormParses(@ForAll("addresses") Ipv6Address a) {
        StringBuilder full = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            full.append(g == 0 ? "" : ":").append(String.format("%04X", a.group(g)));
        }
        assertThat(Ipv6Address.parse(full.toString())).isEqualTo(a);
        int v4 = (int) a.lo();
        String mixed = String.format("%x:%x:%x:%x:%x:%x:%s", a.group(0), a.group(1), a.group(2), a.group(3),
                a.group(4), a.group(5), Ipv4.format(v4));
        assertThat(Ipv6Address.parse(mixed)).isEqualTo(a);
    }

    /** Addresses rich in zero groups, so that the :: rules are exercised. */
    @Provide
    Arbitrary<Ipv6Address> addresses() {
        Arbitrary<Integer> group = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 0xFFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(1, 0xF, 0x10, 0xFF, 0x100, 0xFFF, 0x1000, 0xFFFF)));
        return group.list().ofSize(8).map(gs -> {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 4; i++) {
                hi = hi << 16 | gs.get(i);
                lo = lo << 16 | gs.get(i + 4);
            }
            return new Ipv6Address(hi, lo);
        });
    }

    /** RFC 5952 §4.2, written the dumb way: try every run, keep the first longest of length >= 2. */
    private static String independentCanonical(Ipv6Address a) {
        String[] groups = new String[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = Integer.toHexString(a.group(g));
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int start = 0; start < 8; start++) {
            int len = 0;
            while (start + len < 8 && groups[start + len].equals("0")) {
                len++;
            }
            if (len >= 2 && len > bestLen) {
                bestStart = start;
                bestLen = len;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, 8));
        return head + "::" + tail;
    }

    @Test
    void group() {
        Ipv6Address a = Ipv6Address.parse("1:2:3:4:5:6:7:8");
        for (int g = 0; g < 8; g++) {
            assertThat(a.group(g)).isEqualTo(g + 1);
        }
    }

    @DisplayName("RFC 4291 §2.3: prefix text")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"2001:db8::/32, 32", "64:ff9b::/96, 96", "::/0, 0", "2001:db8::1, 128", "2001:db8:aaaa::5/128, 128",
            "2001:db8:bbbb::/120, 120", "8000::/1, 1", "2001:db8:0:1::/65, 65"})
    void prefixParse(String text, int length) {
        Ipv6Prefix p = Ipv6Prefix.parse(text);
        assertThat(p.length()).isEqualTo(length);
        assertThat(p.toString()).isEqualTo(text.contains("/") ? text : text + "/128");
    }

    @DisplayName("RFC 4291 §2.3: bits beyond the length must be zero; length 0..128")
    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"2001:db8::1/64", "2001:db8::/16", "::/129", "::/-1", "::/", "::/x", "/64",
            "2001:db8::/32/32", "64:ff9b::1:0:0/64", "2001:db8::81/121"})
    void prefixInvalid(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Ipv6Prefix.parse(text));
    }

    @Property
    void masksHaveLengthOnes(@ForAll @IntRange(min = 0, max = 128) int length) {
        assertThat(Long.bitCount(Ipv6Prefix.maskHi(length)) + Long.bitCount(Ipv6Prefix.maskLo(length)))
                .isEqualTo(length);
        assertThat(Long.numberOfLeadingZeros(~Ipv6Prefix.maskHi(length))).isEqualTo(Math.min(64, length));
    }

    @Test
    void prefixContainsAndOverlaps() {
        Ipv6Prefix p120 = Ipv6Prefix.parse("2001:db8:bbbb::/120");
        Ipv6Address in = Ipv6Address.parse("2001:db8:bbbb::fe");
        Ipv6Address out = Ipv6Address.parse("2001:db8:bbbb::100");
        assertThat(p120.contains(in.hi(), in.lo())).isTrue();
        assertThat(p120.contains(out.hi(), out.lo())).isFalse();
        assertThat(Ipv6Prefix.parse("::/0").contains(out.hi(), out.lo())).isTrue();
        assertThat(p120.overlaps(Ipv6Prefix.parse("2001:db8::/32"))).isTrue();
        assertThat(Ipv6Prefix.parse("2001:db8::/32").overlaps(p120)).isTrue();
        assertThat(p120.overlaps(Ipv6Prefix.parse("2001:db8:bbbb::100/120"))).isFalse();
        assertThat(Ipv6Prefix.parse("2001:db8::/64").overlaps(Ipv6Prefix.parse("2001:db8:0:1::/64"))).isFalse();
        assertThat(Ipv6Prefix.parse("2001:db8::/32").address()).isEqualTo(Ipv6Address.parse("2001:db8::"));
    }
}
