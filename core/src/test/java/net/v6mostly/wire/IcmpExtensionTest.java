package net.v6mostly.wire;

import static net.v6mostly.wire.ChecksumTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import net.v6mostly.addr.Ipv6Address;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The RFC 4884 §7 extension structure and §8 object header, written and read by offset. */
class IcmpExtensionTest {

    @DisplayName("RFC 4884 §7-§8: header version 2 with the checksum of the whole structure, then an object header")
    @Test
    void rfc4884_structure() {
        byte[] d = hex("ffffffff ffffffff c0000201");
        MemorySegment s = MemorySegment.ofArray(d);
        IcmpExtension.writeObjectHeader(s, IcmpExtension.HEADER, 8, 5, 1);
        IcmpExtension.writeHeader(s, 0, d.length);
        // 2 (version) 000 | 18f5 (one's complement sum of 20000000 00080501 c0000201) | 0008 (length) 05 01
        assertThat(HexFormat.of().formatHex(d)).isEqualTo("200018f5" + "00080501" + "c0000201");
        assertThat(IcmpExtension.version(s, 0)).isEqualTo(IcmpExtension.VERSION);
        assertThat(IcmpExtension.checksum(s, 0)).isEqualTo(0x18f5);
        assertThat(Checksum.verifies(0, s, 0, d.length)).isTrue();
    }

    @Test
    void versionIsTheHighNibble() {
        MemorySegment s = MemorySegment.ofArray(hex("1f000000"));
        assertThat(IcmpExtension.version(s, 0)).isEqualTo(1);
    }

    @DisplayName("RFC 5837 §4.2: IP Address Sub-Object for an IPv6 address: AFI 2, reserved, 16 address bytes")
    @Test
    void rfc5837_ipv6AddressSubObject() {
        byte[] d = new byte[IcmpExtension.IPV6_ADDRESS_SUB_OBJECT + 2];
        Ipv6Address a = Ipv6Address.parse("2001:db8::1");
        IcmpExtension.writeIpv6AddressSubObject(MemorySegment.ofArray(d), 1, a.hi(), a.lo());
        assertThat(HexFormat.of().formatHex(d))
                .isEqualTo("00" + "0002" + "0000" + "20010db8000000000000000000000001" + "00");
    }
}
