package net.v6mostly.ndp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import org.junit.jupiter.api.Test;

/** Byte vectors for every option the RA sender emits, each checked by hand against its RFC diagram. */
class NdpOptionTest {
    private static void roundTrip(NdpOption option, String hex) {
        assertEquals(Hex.compact(hex), Hex.of(option));
        byte[] b = Hex.bytes(hex);
        assertEquals(List.of(option), NdpOptions.parse(b, 0, b.length));
    }

    @Test
    void sourceLinkLayerRfc4861Section4_6_1() {
        roundTrip(NdpOption.SourceLinkLayer.parseMac("02:00:5e:10:00:01"), "01 01 02 00 5e 10 00 01");
    }

    @Test
    void prefixInformationRfc4861Section4_6_2() {
        // type 3, len 4, /64, L|A = c0, valid 2592000 = 0x00278d00, preferred 604800 = 0x00093a80, reserved, prefix
        roundTrip(new NdpOption.PrefixInformation(Ipv6Prefix.parse("2001:db8:1:2::/64"), true, true,
                2_592_000, 604_800),
                "03 04 40 c0 00 27 8d 00 00 09 3a 80 00 00 00 00 20 01 0d b8 00 01 00 02 00 00 00 00 00 00 00 00");
        roundTrip(new NdpOption.PrefixInformation(Ipv6Prefix.parse("2001:db8:9::/48"), false, true,
                NdpOption.INFINITY, 3600),
                "03 04 30 40 ff ff ff ff 00 00 0e 10 00 00 00 00 20 01 0d b8 00 09 00 00 00 00 00 00 00 00 00 00");
    }

    @Test
    void prefixInformationRefusesPreferredOverValid() {
        assertThrows(IllegalArgumentException.class, () -> new NdpOption.PrefixInformation(
                Ipv6Prefix.parse("2001:db8::/64"), true, true, 100, 200));
    }

    @Test
    void mtuRfc4861Section4_6_4() {
        roundTrip(new NdpOption.Mtu(1400), "05 01 00 00 00 00 05 78");
    }

    @Test
    void routeInformationRfc4191Section2_3() {
        // /0 fits Length 1; /48 needs 8 octets (Length 2); /96 all 16 (Length 3); Prf high = 01 << 3 = 08, low = 18
        roundTrip(new NdpOption.RouteInformation(Ipv6Prefix.parse("::/0"), RouterPreference.MEDIUM, 1800),
                "18 01 00 00 00 00 07 08");
        roundTrip(new NdpOption.RouteInformation(Ipv6Prefix.parse("2001:db8:5::/48"), RouterPreference.HIGH, 600),
                "18 02 30 08 00 00 02 58 20 01 0d b8 00 05 00 00");
        roundTrip(new NdpOption.RouteInformation(Ipv6Prefix.parse("2001:db8:5:0:1::/96"), RouterPreference.LOW, 600),
                "18 03 60 18 00 00 02 58 20 01 0d b8 00 05 00 00 00 01 00 00 00 00 00 00");
    }

    @Test
    void rdnssRfc8106Section5_1() {
        roundTrip(new NdpOption.Rdnss(1800, List.of(Ipv6Address.parse("2001:db8::53"), Ipv6Address.parse("2001:db8::54"))),
                "19 05 00 00 00 00 07 08 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 53"
                        + " 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 54");
    }

    @Test
    void rdnssShorterThan3OrEvenIsIgnored() {
        byte[] b = Hex.bytes("19 02 00 00 00 00 07 08 20 01 0d b8 00 00 00 00");
        assertInstanceOf(NdpOption.Unknown.class, NdpOptions.parse(b, 0, b.length).get(0));
    }

    @Test
    void dnsslRfc8106Section5_2PaddedTo8() {
        // 8 header octets + "07 example 03 com 00" (13) + "03 lan 00" (5) = 26 -> padded to 32, Length 4
        roundTrip(new NdpOption.Dnssl(1800, List.of("example.com", "lan")),
                "1f 04 00 00 00 00 07 08 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 03 6c 61 6e 00 00 00 00 00 00 00");
        // exactly 8 octets of name: "06 abcdef 00" is 8 -> 16 total, no padding
        roundTrip(new NdpOption.Dnssl(60, List.of("abcdef")), "1f 02 00 00 00 00 00 3c 06 61 62 63 64 65 66 00");
    }

    @Test
    void dnsslRefusesBadNamesAndCompression() {
        assertThrows(IllegalArgumentException.class, () -> new NdpOption.Dnssl(60, List.of("a..b")));
        assertThrows(IllegalArgumentException.class, () -> new NdpOption.Dnssl(60, List.of("x".repeat(64) + ".com")));
        byte[] compressed = Hex.bytes("1f 02 00 00 00 00 00 3c c0 0c 00 00 00 00 00 00");
        assertInstanceOf(NdpOption.Unknown.class, NdpOptions.parse(compressed, 0, compressed.length).get(0));
    }

    @Test
    void captivePortalRfc8910Section2_3() {
        // "https://cp.example/api" is 22 octets; 2 + 22 = 24 -> Length 3, no padding needed
        roundTrip(new NdpOption.CaptivePortal("https://cp.example/api"),
                "25 03 68 74 74 70 73 3a 2f 2f 63 70 2e 65 78 61 6d 70 6c 65 2f 61 70 69");
        roundTrip(new NdpOption.CaptivePortal("https://a.b/"), "25 02 68 74 74 70 73 3a 2f 2f 61 2e 62 2f 00 00");
    }

    @Test
    void malformedOptionAreasAreRefused() {
        assertFalse(NdpOptions.wellFormed(Hex.bytes("05 00 00 00 00 00 05 78"), 0, 8));         // length 0
        assertFalse(NdpOptions.wellFormed(Hex.bytes("05 02 00 00 00 00 05 78"), 0, 8));         // past the end
        assertFalse(NdpOptions.wellFormed(Hex.bytes("05 01 00 00 00 00 05 78 01"), 0, 9));      // trailing octet
        assertTrue(NdpOptions.wellFormed(new byte[0], 0, 0));
        assertThrows(IllegalArgumentException.class, () -> NdpOptions.parse(Hex.bytes("05 00"), 0, 2));
    }

    @Test
    void unknownOptionsSurviveRoundTrip() {
        roundTrip(new NdpOption.Unknown(200, Hex.bytes("01 02 03 04 05 06")), "c8 01 01 02 03 04 05 06");
    }
}
