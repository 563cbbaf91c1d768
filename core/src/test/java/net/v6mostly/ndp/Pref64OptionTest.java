package net.v6mostly.ndp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import net.v6mostly.addr.Ipv6Prefix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * RFC 8781 §4 encoding. Expected bytes worked out by hand: Scaled Lifetime = ceil(s / 8) shifted
 * left 3 bits, OR the PLC (0 /96, 1 /64, 2 /56, 3 /48, 4 /40, 5 /32); e.g. 1800 s = 225 units =
 * 0xE1, 0xE1 << 3 = 0x0708; 65528 s = 8191 units, 0x1FFF << 3 | 1 = 0xFFF9.
 */
class Pref64OptionTest {
    @ParameterizedTest(name = "{0} {1} s")
    @CsvSource({
        "64:ff9b::/96,          1800,  26 02 07 08 00 64 ff 9b 00 00 00 00 00 00 00 00",
        "64:ff9b::/96,          600,   26 02 02 58 00 64 ff 9b 00 00 00 00 00 00 00 00",
        "2001:db8::/32,         600,   26 02 02 5d 20 01 0d b8 00 00 00 00 00 00 00 00",
        "2001:db8:122:344::/64, 65528, 26 02 ff f9 20 01 0d b8 01 22 03 44 00 00 00 00",
        "2001:db8:100::/40,     1801,  26 02 07 14 20 01 0d b8 01 00 00 00 00 00 00 00",
        "64:ff9b:1::/48,        5,     26 02 00 0b 00 64 ff 9b 00 01 00 00 00 00 00 00",
        "2001:db8:1:200::/56,   8,     26 02 00 0a 20 01 0d b8 00 01 02 00 00 00 00 00",
        "2001:db8:64::/96,      0,     26 02 00 00 20 01 0d b8 00 64 00 00 00 00 00 00",
        "2001:db8:64::/96,      1,     26 02 00 08 20 01 0d b8 00 64 00 00 00 00 00 00",
        "2001:db8:64::/96,      65521, 26 02 ff f8 20 01 0d b8 00 64 00 00 00 00 00 00",
    })
    void encodesPerRfc8781Section4(String prefix, int lifetime, String hex) {
        Pref64Option option = new Pref64Option(Ipv6Prefix.parse(prefix), lifetime);
        assertEquals(Hex.compact(hex), Hex.of(option));
        List<NdpOption> back = NdpOptions.parse(Hex.bytes(hex), 0, 16);
        Pref64Option parsed = assertInstanceOf(Pref64Option.class, back.get(0));
        assertEquals(option.prefix(), parsed.prefix());
        assertEquals(option.advertisedLifetime(), parsed.lifetimeSeconds());
    }

    @Test
    void scaledLifetimeRoundsUpAndCaps() {
        assertEquals(0, Pref64Option.scaledLifetime(0));
        assertEquals(1, Pref64Option.scaledLifetime(1));
        assertEquals(1, Pref64Option.scaledLifetime(8));
        assertEquals(2, Pref64Option.scaledLifetime(9));
        assertEquals(8191, Pref64Option.scaledLifetime(65528));
        assertEquals(8191, Pref64Option.scaledLifetime(70000));
    }

    @Test
    void refusesWhatTheRfcCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new Pref64Option(Ipv6Prefix.parse("2001:db8::/33"), 600));
        assertThrows(IllegalArgumentException.class, () -> new Pref64Option(Ipv6Prefix.parse("2001:db8::/128"), 600));
        assertThrows(IllegalArgumentException.class, () -> new Pref64Option(Ipv6Prefix.parse("64:ff9b::/96"), 65529));
        assertThrows(IllegalArgumentException.class, () -> new Pref64Option(Ipv6Prefix.parse("64:ff9b::/96"), -1));
    }

    @Test
    void receiverIgnoresPlc6And7AndLengthNot2() {
        for (String hex : new String[] {
            "26 02 07 0e 00 64 ff 9b 00 00 00 00 00 00 00 00",   // PLC 6
            "26 02 07 0f 00 64 ff 9b 00 00 00 00 00 00 00 00",   // PLC 7
            "26 03 07 08 00 64 ff 9b 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"}) {  // Length 3
            byte[] b = Hex.bytes(hex);
            NdpOption o = NdpOptions.parse(b, 0, b.length).get(0);
            assertInstanceOf(NdpOption.Unknown.class, o, hex);
        }
    }

    @Test
    void otherOptionsStillProcessedNextToAnIgnoredPref64() {
        byte[] b = Hex.bytes("26 02 07 0f 00 64 ff 9b 00 00 00 00 00 00 00 00 05 01 00 00 00 00 05 78");
        List<NdpOption> options = NdpOptions.parse(b, 0, b.length);
        assertEquals(new NdpOption.Mtu(1400), options.get(1));
    }

    @Test
    void receiverClearsBitsBeyondThePrefixLength() {
        byte[] b = Hex.bytes("26 02 07 0d 20 01 0d b8 ff 00 00 00 00 00 00 00"); // /32 with bits after 32
        Pref64Option o = (Pref64Option) NdpOptions.parse(b, 0, b.length).get(0);
        assertEquals(Ipv6Prefix.parse("2001:db8::/32"), o.prefix());
    }
}
