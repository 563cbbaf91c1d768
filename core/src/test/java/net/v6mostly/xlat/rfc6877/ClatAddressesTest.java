package net.v6mostly.xlat.rfc6877;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;

class ClatAddressesTest {
    static final Ipv6Prefix LAN = Ipv6Prefix.parse("2001:db8:1:2::/64");
    static final byte[] SECRET = {1, 2, 3, 4};

    @Test
    void stableInThePrefixAndDifferentPerAttemptAndInterface() {
        Ipv6Address a = ClatAddresses.stable(LAN, "eth0", SECRET, 0, List.of());
        assertThat(LAN.contains(a.hi(), a.lo())).isTrue();
        assertThat(ClatAddresses.stable(LAN, "eth0", SECRET, 0, List.of())).as("RFC 7217: stable").isEqualTo(a);
        assertThat(ClatAddresses.stable(LAN, "eth0", SECRET, 1, List.of())).as("new DAD_Counter").isNotEqualTo(a);
        assertThat(ClatAddresses.stable(LAN, "eth1", SECRET, 0, List.of())).isNotEqualTo(a);
        assertThat(ClatAddresses.stable(LAN, "eth0", new byte[] {9}, 0, List.of())).isNotEqualTo(a);
    }

    @Test
    void neverTheHostsOwnAddress() {
        Ipv6Address first = ClatAddresses.stable(LAN, "eth0", SECRET, 0, List.of());
        Ipv6Address other = ClatAddresses.stable(LAN, "eth0", SECRET, 0, List.of(first));
        assertThat(other).isNotEqualTo(first);
        assertThat(LAN.contains(other.hi(), other.lo())).isTrue();
    }

    @Test
    void identifiersSpreadAndSkipRfc5453Reserved() {
        Set<Ipv6Address> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(ClatAddresses.stable(LAN, "eth" + i, SECRET, 0, List.of()));
        }
        assertThat(seen).hasSize(1000);
        assertThat(ClatAddresses.reserved(0)).isTrue();
        assertThat(ClatAddresses.reserved(0xFDFF_FFFF_FFFF_FF80L)).isTrue();
        assertThat(ClatAddresses.reserved(0xFDFF_FFFF_FFFF_FFFFL)).isTrue();
        assertThat(ClatAddresses.reserved(0xFDFF_FFFF_FFFF_FF7FL)).isFalse();
    }

    @Test
    void onlyA64AndOnlyTheServiceContinuityPrefix() {
        assertThatThrownBy(() -> ClatAddresses.stable(Ipv6Prefix.parse("2001:db8::/48"), "e", SECRET, 0, List.of()))
                .hasMessageContaining("/64");
        ClatAddresses.checkIpv4(0xC000_0001);
        ClatAddresses.checkIpv4(0xC000_0004);
        assertThatThrownBy(() -> ClatAddresses.checkIpv4(0xC000_0002)).hasMessageContaining("192.0.0.2");
        assertThatThrownBy(() -> ClatAddresses.checkIpv4(0xC000_0008)).hasMessageContaining("RFC 7335");
    }
}
