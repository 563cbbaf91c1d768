package net.v6mostly.xlat.rfc7757;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 7757 Explicit Address Mappings: the EAM Table (§3), its address mapping that copies the
 * suffix bits (§3.2), and longest-prefix lookup (§3.3). Vectors are the Jool documentation's
 * (standards.md §4).
 */
class EamTableTest {

    private static final EamTable JOOL = new EamTable(List.of(
            EamEntry.parse("2001:db8:aaaa::5/128", "192.0.2.1/32"),
            EamEntry.parse("2001:db8:bbbb::/120", "198.51.100.0/24"),
            EamEntry.parse("2001:db8:cccc::/125", "203.0.113.8/29")));

    /** IPv4 -> IPv6 through the table, or null when no entry matches. */
    static Ipv6Address map6(EamTable t, String v4) {
        int a = Ipv4.parse(v4);
        int i = t.find4(a);
        return i < 0 ? null : new Ipv6Address(t.mapHi(i, a), t.mapLo(i, a));
    }

    /** IPv6 -> IPv4 through the table, or null when no entry matches. */
    static String map4(EamTable t, String v6) {
        Ipv6Address a = Ipv6Address.parse(v6);
        int i = t.find6(a.hi(), a.lo());
        return i < 0 ? null : Ipv4.format(t.map4(i, a.hi(), a.lo()));
    }

    @DisplayName("RFC 7757 §3.2 (Jool vectors): each direction, suffix bits copied")
    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
            "192.0.2.1,      2001:db8:aaaa::5",
            "198.51.100.0,   2001:db8:bbbb::",
            "198.51.100.1,   2001:db8:bbbb::1",
            "198.51.100.254, 2001:db8:bbbb::fe",
            "198.51.100.255, 2001:db8:bbbb::ff",
            "203.0.113.8,    2001:db8:cccc::",
            "203.0.113.9,    2001:db8:cccc::1",
            "203.0.113.15,   2001:db8:cccc::7",
    })
    void section3_2_joolVectors(String v4, String v6) {
        assertThat(map6(JOOL, v4)).isEqualTo(Ipv6Address.parse(v6));
        assertThat(map4(JOOL, v6)).isEqualTo(v4);
    }

    @DisplayName("RFC 7757 §3.3: addresses outside every entry are not found (the RFC 6052 fallback applies)")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"192.0.2.0", "192.0.2.2", "198.51.101.0", "198.51.99.255", "203.0.113.7", "203.0.113.16"})
    void section3_3_v4Miss(String v4) {
        assertThat(JOOL.find4(Ipv4.parse(v4))).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2001:db8:aaaa::4", "2001:db8:aaaa::6", "2001:db8:bbbb::100", "2001:db8:cccc::8",
            "2001:db8:cccd::", "64:ff9b::c000:201"})
    void section3_3_v6Miss(String v6) {
        assertThat(map4(JOOL, v6)).isNull();
    }

    @Test
    void emptyTable() {
        assertThat(EamTable.EMPTY.isEmpty()).isTrue();
        assertThat(EamTable.EMPTY.find4(0)).isEqualTo(-1);
        assertThat(EamTable.EMPTY.find6(0, 0)).isEqualTo(-1);
        assertThat(JOOL.isEmpty()).isFalse();
        assertThat(JOOL.entries()).hasSize(3);
    }

    /**
     * RFC 7757 §3.3: overlapping entries are looked up by longest prefix, in each direction on
     * its own. A /25 inside a /24 on both sides: the /25 wins for its half.
     */
    @DisplayName("RFC 7757 §3.3: longest prefix match when entries overlap")
    @Test
    void section3_3_longestPrefixMatch() {
        List<EamEntry> entries = List.of(
                EamEntry.parse("2001:db8:bbbb::/120", "198.51.100.0/24"),
                EamEntry.parse("2001:db8:dddd::80/121", "198.51.100.128/25"),
                EamEntry.parse("2001:db8:eeee::c8/128", "198.51.100.200/32"),
                EamEntry.parse("2001:db8:ffff::/96", "0.0.0.0/0"));
        // whatever order the entries are given in
        for (int shuffle = 0; shuffle < 24; shuffle++) {
            List<EamEntry> order = new ArrayList<>(entries);
            Collections.shuffle(order, new java.util.Random(shuffle));
            EamTable t = new EamTable(order);
            assertThat(map6(t, "198.51.100.5")).isEqualTo(Ipv6Address.parse("2001:db8:bbbb::5"));
            assertThat(map6(t, "198.51.100.129")).isEqualTo(Ipv6Address.parse("2001:db8:dddd::81"));
            assertThat(map6(t, "198.51.100.200")).isEqualTo(Ipv6Address.parse("2001:db8:eeee::c8"));
            assertThat(map6(t, "8.8.8.8")).isEqualTo(Ipv6Address.parse("2001:db8:ffff::808:808"));
            assertThat(map4(t, "2001:db8:bbbb::5")).isEqualTo("198.51.100.5");
            assertThat(map4(t, "2001:db8:dddd::81")).isEqualTo("198.51.100.129");
            assertThat(map4(t, "2001:db8:eeee::c8")).isEqualTo("198.51.100.200");
            assertThat(map4(t, "2001:db8:ffff::808:808")).isEqualTo("8.8.8.8");
            assertThat(t.entries()).isEqualTo(order);
        }
    }

    /**
     * Overlap on one side only makes the mapping one-way for the shadowed addresses: the /120
     * still maps 2001:db8:bbbb::c8 to 198.51.100.200, but 198.51.100.200 goes to the /32's IPv6
     * address. Both lookups are longest-prefix; this is the documented consequence, not a bug.
     */
    @Test
    void section3_3_shadowedAddressIsOneWay() {
        EamTable t = new EamTable(List.of(
                EamEntry.parse("2001:db8:bbbb::/120", "198.51.100.0/24"),
                EamEntry.parse("2001:db8:eeee::1/128", "198.51.100.200/32")));
        assertThat(map4(t, "2001:db8:bbbb::c8")).isEqualTo("198.51.100.200");
        assertThat(map6(t, "198.51.100.200")).isEqualTo(Ipv6Address.parse("2001:db8:eeee::1"));
        assertThat(map4(t, "2001:db8:eeee::1")).isEqualTo("198.51.100.200");
    }

    @DisplayName("RFC 7757 §3.2: an IPv6 suffix shorter than the IPv4 suffix is refused")
    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({"2001:db8::5/128, 192.0.2.0/24", "2001:db8::/127, 192.0.2.0/30", "2001:db8::/121, 192.0.2.0/24"})
    void section3_2_shorterIpv6SuffixRefused(String v6, String v4) {
        assertThatIllegalArgumentException().isThrownBy(() -> EamEntry.parse(v6, v4))
                .withMessageContaining("is shorter than the IPv4 suffix");
    }

    @DisplayName("RFC 7757 §3.2: a longer IPv6 suffix takes the IPv4 suffix right after the prefix")
    @Test
    void section3_2_longerIpv6Suffix() {
        // the Jool graybox "misc" topology: 2001:db8:1c0:2::/72 <-> 192.0.2.0/24
        EamTable t = new EamTable(List.of(EamEntry.parse("2001:db8:1c0:2::/72", "192.0.2.0/24")));
        assertThat(map6(t, "192.0.2.33")).isEqualTo(Ipv6Address.parse("2001:db8:1c0:2:21::"));
        assertThat(map4(t, "2001:db8:1c0:2:21::")).isEqualTo("192.0.2.33");
        assertThat(map4(t, "2001:db8:1c0:2:21:ffff:ffff:ffff")).as("bits after the IPv4 suffix are ignored")
                .isEqualTo("192.0.2.33");
        EamTable wide = new EamTable(List.of(EamEntry.parse("2001:db8::/32", "10.0.0.0/8")));
        assertThat(map6(wide, "10.1.2.3")).as("suffix straddling no word boundary")
                .isEqualTo(Ipv6Address.parse("2001:db8:102:300::"));
        EamTable straddle = new EamTable(List.of(EamEntry.parse("2001:db8:0:ff00::/56", "10.0.0.0/8")));
        assertThat(map6(straddle, "10.1.2.3")).as("suffix straddling bit 64")
                .isEqualTo(Ipv6Address.parse("2001:db8:0:ff01:203::"));
        assertThat(map4(straddle, "2001:db8:0:ff01:203::")).isEqualTo("10.1.2.3");
    }

    @DisplayName("duplicate prefixes are refused, in either family")
    @Test
    void duplicatePrefixesRefused() {
        EamEntry a = EamEntry.parse("2001:db8:bbbb::/120", "198.51.100.0/24");
        EamEntry sameV4 = EamEntry.parse("2001:db8:cccc::/120", "198.51.100.0/24");
        EamEntry sameV6 = EamEntry.parse("2001:db8:bbbb::/120", "203.0.113.0/24");
        assertThatIllegalArgumentException().isThrownBy(() -> new EamTable(List.of(a, sameV4)))
                .withMessageContaining("ambiguous");
        assertThatIllegalArgumentException().isThrownBy(() -> new EamTable(List.of(sameV6, a)))
                .withMessageContaining("ambiguous");
        assertThatIllegalArgumentException().isThrownBy(() -> new EamTable(List.of(a, a)));
    }

    @Test
    void entryText() {
        assertThat(EamEntry.parse("2001:db8:bbbb::/120", "198.51.100.0/24").toString())
                .isEqualTo("2001:db8:bbbb::/120 <-> 198.51.100.0/24");
    }

    @Property(tries = 2000)
    @Label("RFC 7757 §3.2: inside one entry, map4(map6(x)) == x and map6(map4(y)) == y")
    void section3_2_roundTripOneEntry(@ForAll("entries") EamEntry e, @ForAll int suffix) {
        EamTable t = new EamTable(List.of(e));
        int hostMask = ~Ipv4.mask(e.ipv4().length());
        int x = e.ipv4().address() | (suffix & hostMask);
        int i = t.find4(x);
        assertThat(i).isZero();
        long hi = t.mapHi(i, x);
        long lo = t.mapLo(i, x);
        assertThat(e.ipv6().contains(hi, lo)).isTrue();
        int j = t.find6(hi, lo);
        assertThat(j).isZero();
        assertThat(t.map4(j, hi, lo)).isEqualTo(x);
    }

    @Property(tries = 300)
    @Label("RFC 7757 §3.2/§3.3: in a table without overlaps, every entry's addresses round-trip")
    void section3_3_roundTripTable(@ForAll("tables") List<EamEntry> entries, @ForAll int pick, @ForAll int suffix) {
        EamTable t = new EamTable(entries);
        EamEntry e = entries.get(Math.floorMod(pick, entries.size()));
        int x = e.ipv4().address() | (suffix & ~Ipv4.mask(e.ipv4().length()));
        int i = t.find4(x);
        assertThat(i).isNotNegative();
        long hi = t.mapHi(i, x);
        long lo = t.mapLo(i, x);
        assertThat(e.ipv6().contains(hi, lo)).isTrue();
        int j = t.find6(hi, lo);
        assertThat(t.map4(j, hi, lo)).isEqualTo(x);
    }

    @Provide
    Arbitrary<EamEntry> entries() {
        return Combinators.combine(Arbitraries.integers().between(0, 32), Arbitraries.integers(),
                Arbitraries.longs(), Arbitraries.longs()).as((v4len, v4, hi, lo) -> {
                    int v6len = 96 + v4len;
                    return new EamEntry(
                            new Ipv6Prefix(hi & Ipv6Prefix.maskHi(v6len), lo & Ipv6Prefix.maskLo(v6len), v6len),
                            new Ipv4Prefix(v4 & Ipv4.mask(v4len), v4len));
                });
    }

    @Provide
    Arbitrary<List<EamEntry>> tables() {
        return entries().list().ofMinSize(1).ofMaxSize(12).map(list -> {
            List<EamEntry> kept = new ArrayList<>();
            for (EamEntry e : list) {
                boolean clash = kept.stream().anyMatch(k -> k.ipv4().overlaps(e.ipv4()) || k.ipv6().overlaps(e.ipv6()));
                if (!clash) {
                    kept.add(e);
                }
            }
            return kept;
        });
    }
}
