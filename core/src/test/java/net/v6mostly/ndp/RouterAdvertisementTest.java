package net.v6mostly.ndp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import org.junit.jupiter.api.Test;

/** RFC 4861 §4.2 message layout, checksum (RFC 4443 §2.3) and round trip. */
class RouterAdvertisementTest {
    static final RouterAdvertisement RA = new RouterAdvertisement(64, false, true, RouterPreference.HIGH, 1800,
            30_000, 1_000, List.of(new NdpOption.Mtu(1400), new Pref64Option(Ipv6Prefix.parse("64:ff9b::/96"), 1800)));

    @Test
    void headerBytes() {
        // 86 00 cksum | hop 40 | O=40, Prf high 01<<3 = 08 -> 48 | lifetime 0708 | reachable 7530 | retrans 03e8
        assertEquals("86000000" + "40" + "48" + "0708" + "00007530" + "000003e8"
                + "0501000000000578" + "2602070800" + "64ff9b0000000000000000", Hex.of(RA.emit()));
    }

    @Test
    void checksumVerifies() {
        Ipv6Address src = Ipv6Address.parse("fe80::1");
        Ipv6Address dst = Ipv6Address.parse("ff02::1");
        byte[] msg = RA.emit(src, dst);
        assertEquals(0, Icmp6.checksum(src, dst, msg)); // a correct checksum sums to all ones
        assertEquals(false, msg[2] == 0 && msg[3] == 0);
    }

    @Test
    void roundTrips() {
        assertEquals(RA, RouterAdvertisement.parse(RA.emit()));
        RouterAdvertisement last = RA.withRouterLifetime(0);
        assertEquals(0, RouterAdvertisement.parse(last.emit()).routerLifetime());
    }

    @Test
    void refusesOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> RA.withRouterLifetime(65536));
        assertThrows(IllegalArgumentException.class, () -> RouterAdvertisement.parse(new byte[15]));
    }

    @Test
    void withdrawingPref64SetsScaledLifetimeZeroAndKeepsEverythingElseRfc8781Section41() {
        RouterAdvertisement withdrawn = RA.withPref64Lifetime(0);
        // same bytes as headerBytes() except the PREF64 Scaled Lifetime|PLC field: 0708 -> 0000
        assertEquals("86000000" + "40" + "48" + "0708" + "00007530" + "000003e8"
                + "0501000000000578" + "2602000000" + "64ff9b0000000000000000", Hex.of(withdrawn.emit()));
        assertEquals(RA, withdrawn.withPref64Lifetime(1800));
        RouterAdvertisement none = new RouterAdvertisement(64, false, false, RouterPreference.MEDIUM, 1800, 0, 0,
                List.of(new NdpOption.Mtu(1500)));
        assertEquals(none, none.withPref64Lifetime(0));
    }
}
