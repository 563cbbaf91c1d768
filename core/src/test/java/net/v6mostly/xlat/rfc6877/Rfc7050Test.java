package net.v6mostly.xlat.rfc6877;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;

/** RFC 7050 §3: the prefix is what precedes a Well-Known IPv4 Address at an RFC 6052 position. */
class Rfc7050Test {
    private static List<Rfc6052Prefix> of(String... aaaa) {
        return Rfc7050.prefixes(java.util.Arrays.stream(aaaa).map(Ipv6Address::parse).toList());
    }

    @Test
    void wellKnownPrefixFromBothWkas() {
        assertThat(of("64:ff9b::c000:aa", "64:ff9b::c000:ab")).containsExactly(Rfc6052Prefix.parse("64:ff9b::/96"));
    }

    @Test
    void everyRfc6052LengthIsFound() {
        // vectors: 192.0.0.170 = c0 00 00 aa embedded per RFC 6052 §2.2 (u octet skipped)
        assertThat(of("2001:db8:c000:aa::")).containsExactly(Rfc6052Prefix.parse("2001:db8::/32"));
        assertThat(of("2001:db8:1c0:0:aa::")).containsExactly(Rfc6052Prefix.parse("2001:db8:100::/40"));
        assertThat(of("2001:db8:122:c000:0:aa00::")).containsExactly(Rfc6052Prefix.parse("2001:db8:122::/48"));
        assertThat(of("2001:db8:122:3c0:0:aa:0:0")).containsExactly(Rfc6052Prefix.parse("2001:db8:122:300::/56"));
        assertThat(of("2001:db8:122:344:c0:0:aa00:0")).containsExactly(Rfc6052Prefix.parse("2001:db8:122:344::/64"));
        assertThat(of("2001:db8:64::c000:ab")).containsExactly(Rfc6052Prefix.parse("2001:db8:64::/96"));
    }

    @Test
    void recordsWithoutAWkaAreNotUsed() {
        // "records without a WKA are not used for discovery": a real AAAA, an embedded 192.0.2.1
        assertThat(of("2001:db8::1", "64:ff9b::c000:201")).isEmpty();
        assertThat(of()).isEmpty();
    }

    @Test
    void aNonZeroUOctetOrSuffixIsNotAnRfc6052Address() {
        assertThat(of("2001:db8:122:344:1c0:0:aa00:0")).as("u octet 01").isEmpty();
        assertThat(of("2001:db8:122:344:c0:0:aa00:1")).as("suffix not zero").isEmpty();
    }

    @Test
    void twoPrefixesAreBothReportedInAnswerOrder() {
        assertThat(of("2001:db8:64::c000:aa", "64:ff9b::c000:aa", "2001:db8:64::c000:ab"))
                .containsExactly(Rfc6052Prefix.parse("2001:db8:64::/96"), Rfc6052Prefix.parse("64:ff9b::/96"));
    }

    @Test
    void withTheZeroSuffixRuleAWkaMatchesAtOnePositionAtMost() {
        // 192.0.0.170 both at /32 and at /96: the /32 reading has a non-zero suffix, so only /96 is left
        assertThat(Rfc7050.candidates(Ipv6Address.parse("2001:db8:c000:aa::c000:aa")))
                .containsExactly(Rfc6052Prefix.parse("2001:db8:c000:aa::/96"));
        java.util.Random random = new java.util.Random(7050);
        int[] lengths = {32, 40, 48, 56, 64, 96};
        for (int i = 0; i < 2000; i++) {
            Rfc6052Prefix p = new Rfc6052Prefix(new net.v6mostly.addr.Ipv6Prefix(random.nextLong()
                    & net.v6mostly.addr.Ipv6Prefix.maskHi(lengths[i % 6]), random.nextLong() & 0x00FF_FFFF_0000_0000L
                    & net.v6mostly.addr.Ipv6Prefix.maskLo(lengths[i % 6]), lengths[i % 6]));
            int wka = i % 2 == 0 ? Rfc7050.WKA_170 : Rfc7050.WKA_171;
            Ipv6Address a = new Ipv6Address(p.embedHi(wka), p.embedLo(wka));
            assertThat(Rfc7050.candidates(a)).as(a.toString()).containsExactly(p);
        }
    }
}
