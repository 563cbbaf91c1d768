package net.v6mostly.addr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.junit.jupiter.api.Test;

/** {@link Ipv4PrefixSet} and {@link Ipv6PrefixSet}: the merged binary search equals a linear scan. */
class PrefixSetTest {

    @Test
    void ipv4EdgesOfMergedRanges() {
        Ipv4PrefixSet set = new Ipv4PrefixSet(List.of(Ipv4Prefix.parse("10.0.0.0/8"), Ipv4Prefix.parse("10.1.0.0/16"),
                Ipv4Prefix.parse("11.0.0.0/8"), Ipv4Prefix.parse("255.255.255.255/32"), Ipv4Prefix.parse("0.0.0.0/32")));
        assertThat(set.contains(Ipv4.parse("9.255.255.255"))).isFalse();
        assertThat(set.contains(Ipv4.parse("10.0.0.0"))).isTrue();
        assertThat(set.contains(Ipv4.parse("11.255.255.255"))).isTrue();
        assertThat(set.contains(Ipv4.parse("12.0.0.0"))).isFalse();
        assertThat(set.contains(Ipv4.parse("255.255.255.255"))).isTrue();
        assertThat(set.contains(Ipv4.parse("255.255.255.254"))).isFalse();
        assertThat(set.contains(0)).isTrue();
        assertThat(set.contains(1)).isFalse();
        assertThat(Ipv4PrefixSet.EMPTY.contains(0)).isFalse();
        assertThat(new Ipv4PrefixSet(List.of(Ipv4Prefix.parse("0.0.0.0/0"))).contains(-1)).isTrue();
    }

    @Test
    void ipv6EdgesOfNestedRanges() {
        Ipv6PrefixSet set = new Ipv6PrefixSet(List.of(Ipv6Prefix.parse("2001:db8::/32"),
                Ipv6Prefix.parse("2001:db8:1::/48"), Ipv6Prefix.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")));
        assertThat(contains(set, "2001:db8::")).isTrue();
        assertThat(contains(set, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(contains(set, "2001:db9::")).isFalse();
        assertThat(contains(set, "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")).isFalse();
        assertThat(contains(set, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(contains(set, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")).isFalse();
        assertThat(contains(Ipv6PrefixSet.EMPTY, "::")).isFalse();
    }

    @Test
    void sizeIsLimited() {
        List<Ipv4Prefix> many = new ArrayList<>();
        for (int i = 0; i <= Ipv4PrefixSet.MAX_PREFIXES; i++) {
            many.add(new Ipv4Prefix(i << 8, 24));
        }
        assertThatThrownBy(() -> new Ipv4PrefixSet(many)).hasMessageContaining("at most 4096");
    }

    @Property(tries = 300)
    void ipv4MatchesALinearScan(@ForAll @Size(max = 12) List<@IntRange(min = 0, max = 32) Integer> lengths,
            @ForAll @Size(min = 12, max = 12) List<Integer> addresses, @ForAll int probe) {
        List<Ipv4Prefix> prefixes = new ArrayList<>();
        for (int i = 0; i < lengths.size(); i++) {
            int len = lengths.get(i);
            prefixes.add(new Ipv4Prefix(addresses.get(i) & Ipv4.mask(len), len));
        }
        Ipv4PrefixSet set = new Ipv4PrefixSet(prefixes);
        for (int candidate : new int[] {probe, addresses.get(0), addresses.get(0) + 1, addresses.get(0) - 1}) {
            assertThat(set.contains(candidate)).isEqualTo(prefixes.stream().anyMatch(p -> p.contains(candidate)));
        }
    }

    @Property(tries = 300)
    void ipv6MatchesALinearScan(@ForAll @Size(max = 12) List<@IntRange(min = 0, max = 128) Integer> lengths,
            @ForAll @Size(min = 24, max = 24) List<Long> words, @ForAll long probeHi, @ForAll long probeLo) {
        List<Ipv6Prefix> prefixes = new ArrayList<>();
        for (int i = 0; i < lengths.size(); i++) {
            int len = lengths.get(i);
            // share the top bits often so that prefixes nest
            long hi = (i % 3 == 0 ? 0x2001_0db8_0000_0000L | words.get(2 * i) >>> 40 : words.get(2 * i));
            prefixes.add(new Ipv6Prefix(hi & Ipv6Prefix.maskHi(len), words.get(2 * i + 1) & Ipv6Prefix.maskLo(len), len));
        }
        Ipv6PrefixSet set = new Ipv6PrefixSet(prefixes);
        long[][] probes = {{probeHi, probeLo}, {0x2001_0db8_0000_0000L | probeHi >>> 40, probeLo}};
        for (long[] p : probes) {
            assertThat(set.contains(p[0], p[1])).isEqualTo(prefixes.stream().anyMatch(x -> x.contains(p[0], p[1])));
        }
        for (Ipv6Prefix x : prefixes) {
            assertThat(set.contains(x.hi(), x.lo())).isTrue();
        }
    }

    private static boolean contains(Ipv6PrefixSet set, String address) {
        Ipv6Address a = Ipv6Address.parse(address);
        return set.contains(a.hi(), a.lo());
    }
}
