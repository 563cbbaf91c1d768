package net.v6mostly.wire;

import static net.v6mostly.wire.ChecksumTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ICMPv4 header view (RFC 792) and the named types and codes of {@link Icmp4}, on messages
 * written out byte by byte.
 */
class Icmp4HeaderTest {
    /** 08 (Echo) 00 | 2104 (checksum of the whole message) | 1234 (identifier) 0001 (sequence) | "abcd". */
    static final String ECHO = "08 00 2104 1234 0001 61626364";

    /** 03 04 (Fragmentation Needed, RFC 1191 §4) | 0000 | 0000 (unused) 05dc (next-hop MTU 1500). */
    static final String FRAG_NEEDED = "03 04 0000 0000 05dc";

    /** 0c 00 (Parameter Problem, pointer indicates the error) | 0000 | 08 (pointer: TTL) 000000. */
    static final String PARAMETER_PROBLEM = "0c 00 0000 08 000000";

    /** 03 0d (communication administratively prohibited) | 0000 | 00 20 (RFC 4884: 32 words) 0000. */
    static final String PROHIBITED_WITH_LENGTH = "03 0d 0000 00 20 0000";

    private static MemorySegment seg(String hex) {
        return MemorySegment.ofArray(hex(hex));
    }

    @DisplayName("RFC 792 Echo: type, code, checksum, identifier, sequence number")
    @Test
    void rfc792_echo() {
        MemorySegment s = seg("aaaa" + ECHO);
        assertThat(Icmp4Header.type(s, 2)).isEqualTo(Icmp4.ECHO_REQUEST);
        assertThat(Icmp4Header.code(s, 2)).isZero();
        assertThat(Icmp4Header.checksum(s, 2)).isEqualTo(0x2104);
        assertThat(Icmp4Header.identifier(s, 2)).isEqualTo(0x1234);
        assertThat(Icmp4Header.sequence(s, 2)).isEqualTo(1);
        assertThat(Icmp4Header.rest(s, 2)).isEqualTo(0x1234_0001);
        assertThat(Checksum.verifies(0, s, 2, 12)).isTrue();
        assertThat(Icmp4.isError(Icmp4Header.type(s, 2))).isFalse();
    }

    @DisplayName("RFC 1191 §4: Fragmentation Needed carries the next-hop MTU in the low half of the second word")
    @Test
    void rfc1191_nextHopMtu() {
        MemorySegment s = seg(FRAG_NEEDED);
        assertThat(Icmp4Header.type(s, 0)).isEqualTo(Icmp4.DESTINATION_UNREACHABLE);
        assertThat(Icmp4Header.code(s, 0)).isEqualTo(Icmp4.FRAGMENTATION_NEEDED);
        assertThat(Icmp4Header.nextHopMtu(s, 0)).isEqualTo(1500);
        assertThat(Icmp4.isError(Icmp4Header.type(s, 0))).isTrue();
    }

    @DisplayName("RFC 792 Parameter Problem: the pointer is the first octet of the second word")
    @Test
    void rfc792_pointer() {
        MemorySegment s = seg(PARAMETER_PROBLEM);
        assertThat(Icmp4Header.type(s, 0)).isEqualTo(Icmp4.PARAMETER_PROBLEM);
        assertThat(Icmp4Header.code(s, 0)).isEqualTo(Icmp4.POINTER_INDICATES_ERROR);
        assertThat(Icmp4Header.pointer(s, 0)).isEqualTo(Ipv4Header.TTL);
    }

    @DisplayName("RFC 4884 §4.1: the length attribute is the second octet of the second word, in 32-bit words")
    @Test
    void rfc4884_lengthAttribute() {
        MemorySegment s = seg(PROHIBITED_WITH_LENGTH);
        assertThat(Icmp4Header.type(s, 0)).isEqualTo(Icmp4.DESTINATION_UNREACHABLE);
        assertThat(Icmp4Header.code(s, 0)).isEqualTo(Icmp4.COMMUNICATION_ADMINISTRATIVELY_PROHIBITED);
        assertThat(Icmp4Header.lengthAttribute(s, 0)).isEqualTo(32);
        assertThat(Icmp4.carriesLengthAttribute(Icmp4Header.type(s, 0))).isTrue();
        assertThat(Icmp4.carriesLengthAttribute(Icmp4.ECHO_REQUEST)).isFalse();
    }

    @DisplayName("write() then fillChecksum() rebuild the Echo byte for byte")
    @Test
    void writeAndFillChecksum() {
        byte[] d = hex("ffffffffffffffff 61626364");
        MemorySegment s = MemorySegment.ofArray(d);
        Icmp4Header.write(s, 0, Icmp4.ECHO_REQUEST, 0, 0x1234_0001);
        assertThat(Icmp4Header.checksum(s, 0)).isZero();
        Icmp4Header.fillChecksum(s, 0, d.length);
        assertThat(HexFormat.of().formatHex(d)).isEqualTo(ECHO.replace(" ", ""));
        Icmp4Header.fillChecksum(s, 0, d.length); // a stale checksum does not count
        assertThat(HexFormat.of().formatHex(d)).isEqualTo(ECHO.replace(" ", ""));
    }

    @Test
    void settersTouchOnlyTheirField() {
        byte[] d = hex(ECHO);
        MemorySegment s = MemorySegment.ofArray(d);
        Icmp4Header.setType(s, 0, Icmp4.ECHO_REPLY);
        Icmp4Header.setCode(s, 0, 7);
        Icmp4Header.setChecksum(s, 0, 0xbeef);
        Icmp4Header.setIdentifier(s, 0, 0x4321);
        assertThat(HexFormat.of().formatHex(d)).isEqualTo("0007beef4321000161626364");
        Icmp4Header.setRest(s, 0, 0x0102_0304);
        assertThat(HexFormat.of().formatHex(d)).isEqualTo("0007beef0102030461626364");
    }

    @DisplayName("RFC 792: error types embed the datagram, informational ones do not")
    @Test
    void errorTypes() {
        for (int type = 0; type < 256; type++) {
            boolean error = type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
            assertThat(Icmp4.isError(type)).as("type %d", type).isEqualTo(error);
        }
    }

    @Test
    void sameOffsetsAsTransport() {
        assertThat(Icmp4Header.CHECKSUM).isEqualTo(Transport.checksumOffset(IpProtocol.ICMP));
        assertThat(Icmp4Header.LENGTH).isEqualTo(Transport.minimumHeader(IpProtocol.ICMP));
    }
}
