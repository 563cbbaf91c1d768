package net.v6mostly.wire;

import static net.v6mostly.wire.ChecksumTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import net.v6mostly.addr.Ipv6Address;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ICMPv6 header view (RFC 4443 §2.1) and the named types and codes of {@link Icmp6}, on
 * messages written out byte by byte.
 */
class Icmp6HeaderTest {
    /**
     * 80 (Echo Request) 00 | 4d48 (checksum with the pseudo-header 2001:db8::1 -> 2001:db8::2,
     * length 12, next header 58) | 1234 (identifier) 0001 (sequence) | "abcd".
     */
    static final String ECHO = "80 00 4d48 1234 0001 61626364";

    /** 02 00 (Packet Too Big) | 0000 | 00000500 (MTU 1280). */
    static final String PACKET_TOO_BIG = "02 00 0000 00000500";

    /** 04 01 (Parameter Problem, unrecognized Next Header) | 0000 | 00000006 (pointer: Next Header). */
    static final String PARAMETER_PROBLEM = "04 01 0000 00000006";

    /** 01 05 (source address failed ingress/egress policy) | 0000 | 10 (RFC 4884: 16 words) 000000. */
    static final String POLICY_WITH_LENGTH = "01 05 0000 10 000000";

    private static MemorySegment seg(String hex) {
        return MemorySegment.ofArray(hex(hex));
    }

    private static long pseudo(int length) {
        Ipv6Address src = Ipv6Address.parse("2001:db8::1");
        Ipv6Address dst = Ipv6Address.parse("2001:db8::2");
        return Checksum.pseudo6(src.hi(), src.lo(), dst.hi(), dst.lo(), IpProtocol.ICMPV6, length);
    }

    @DisplayName("RFC 4443 §4.1 Echo Request: type, code, checksum over the pseudo-header, identifier, sequence")
    @Test
    void rfc4443_echo() {
        MemorySegment s = seg("aaaa" + ECHO);
        assertThat(Icmp6Header.type(s, 2)).isEqualTo(Icmp6.ECHO_REQUEST);
        assertThat(Icmp6Header.code(s, 2)).isZero();
        assertThat(Icmp6Header.checksum(s, 2)).isEqualTo(0x4d48);
        assertThat(Icmp6Header.identifier(s, 2)).isEqualTo(0x1234);
        assertThat(Icmp6Header.sequence(s, 2)).isEqualTo(1);
        assertThat(Icmp6Header.rest(s, 2)).isEqualTo(0x1234_0001);
        assertThat(Checksum.verifies(pseudo(12), s, 2, 12)).isTrue();
        assertThat(Icmp6.isError(Icmp6Header.type(s, 2))).isFalse();
    }

    @DisplayName("RFC 4443 §3.2 Packet Too Big: a 32-bit MTU, read unsigned")
    @Test
    void rfc4443_packetTooBig() {
        byte[] d = hex(PACKET_TOO_BIG);
        MemorySegment s = MemorySegment.ofArray(d);
        assertThat(Icmp6Header.type(s, 0)).isEqualTo(Icmp6.PACKET_TOO_BIG);
        assertThat(Icmp6Header.mtu(s, 0)).isEqualTo(1280);
        d[4] = (byte) 0xff;
        assertThat(Icmp6Header.mtu(s, 0)).isEqualTo(0xff00_0500L);
        assertThat(Icmp6.isError(Icmp6Header.type(s, 0))).isTrue();
    }

    @DisplayName("RFC 4443 §3.4 Parameter Problem: a 32-bit pointer")
    @Test
    void rfc4443_pointer() {
        MemorySegment s = seg(PARAMETER_PROBLEM);
        assertThat(Icmp6Header.type(s, 0)).isEqualTo(Icmp6.PARAMETER_PROBLEM);
        assertThat(Icmp6Header.code(s, 0)).isEqualTo(Icmp6.UNRECOGNIZED_NEXT_HEADER);
        assertThat(Icmp6Header.pointer(s, 0)).isEqualTo(Ipv6Header.NEXT_HEADER);
    }

    @DisplayName("RFC 4884 §4.1: the length attribute is the first octet of the second word, in 64-bit words")
    @Test
    void rfc4884_lengthAttribute() {
        MemorySegment s = seg(POLICY_WITH_LENGTH);
        assertThat(Icmp6Header.type(s, 0)).isEqualTo(Icmp6.DESTINATION_UNREACHABLE);
        assertThat(Icmp6Header.code(s, 0)).isEqualTo(Icmp6.SOURCE_ADDRESS_FAILED_POLICY);
        assertThat(Icmp6Header.lengthAttribute(s, 0)).isEqualTo(16);
        assertThat(Icmp6.carriesLengthAttribute(Icmp6.DESTINATION_UNREACHABLE)).isTrue();
        assertThat(Icmp6.carriesLengthAttribute(Icmp6.TIME_EXCEEDED)).isTrue();
        assertThat(Icmp6.carriesLengthAttribute(Icmp6.PARAMETER_PROBLEM)).isFalse();
    }

    @DisplayName("write() then fillChecksum() with the pseudo-header rebuild the Echo Request byte for byte")
    @Test
    void writeAndFillChecksum() {
        byte[] d = hex("ffffffffffffffff 61626364");
        MemorySegment s = MemorySegment.ofArray(d);
        Icmp6Header.write(s, 0, Icmp6.ECHO_REQUEST, 0, 0x1234_0001);
        assertThat(Icmp6Header.checksum(s, 0)).isZero();
        Icmp6Header.fillChecksum(s, 0, d.length, pseudo(d.length));
        assertThat(HexFormat.of().formatHex(d)).isEqualTo(ECHO.replace(" ", ""));
        Icmp6Header.fillChecksum(s, 0, d.length, pseudo(d.length));
        assertThat(HexFormat.of().formatHex(d)).isEqualTo(ECHO.replace(" ", ""));
    }

    @Test
    void settersTouchOnlyTheirField() {
        byte[] d = hex(ECHO);
        MemorySegment s = MemorySegment.ofArray(d);
        Icmp6Header.setType(s, 0, Icmp6.ECHO_REPLY);
        Icmp6Header.setCode(s, 0, 7);
        Icmp6Header.setChecksum(s, 0, 0xbeef);
        Icmp6Header.setIdentifier(s, 0, 0x4321);
        assertThat(HexFormat.of().formatHex(d)).isEqualTo("8107beef4321000161626364");
        Icmp6Header.setRest(s, 0, 0x0102_0304);
        assertThat(HexFormat.of().formatHex(d)).isEqualTo("8107beef0102030461626364");
    }

    @DisplayName("RFC 4443 §2.1: types 0 to 127 are errors, 128 to 255 informational")
    @Test
    void errorTypes() {
        for (int type = 0; type < 256; type++) {
            assertThat(Icmp6.isError(type)).as("type %d", type).isEqualTo(type < 128);
        }
    }

    @Test
    void sameOffsetsAsTransport() {
        assertThat(Icmp6Header.CHECKSUM).isEqualTo(Transport.checksumOffset(IpProtocol.ICMPV6));
        assertThat(Icmp6Header.LENGTH).isEqualTo(Transport.minimumHeader(IpProtocol.ICMPV6));
    }
}
