package net.v6mostly.wire;

import static net.v6mostly.wire.ChecksumTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import net.v6mostly.addr.Ipv4;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The UDP header view (RFC 768) on byte vectors decoded by hand in the comments. */
class UdpHeaderTest {
    /**
     * cf08 (source port 53000) 0035 (destination port 53) 000c (Length 12: 8 + 4 data octets)
     * 7f67 (checksum over the pseudo-header 192.0.2.1 -> 198.51.100.53, protocol 17) | "abcd".
     */
    static final String DATAGRAM = "cf08 0035 000c 7f67 61626364";

    @DisplayName("RFC 768: every field of a datagram, at a non-zero offset in the segment")
    @Test
    void rfc768_accessors() {
        byte[] d = hex("ffff" + DATAGRAM);
        MemorySegment s = MemorySegment.ofArray(d);
        assertThat(UdpHeader.sourcePort(s, 2)).isEqualTo(53000);
        assertThat(UdpHeader.destinationPort(s, 2)).isEqualTo(53);
        assertThat(UdpHeader.datagramLength(s, 2)).isEqualTo(12);
        assertThat(UdpHeader.checksum(s, 2)).isEqualTo(0x7f67);
        long pseudo = Checksum.pseudo4(Ipv4.parse("192.0.2.1"), Ipv4.parse("198.51.100.53"), IpProtocol.UDP, 12);
        assertThat(Checksum.verifies(pseudo, s, 2, UdpHeader.datagramLength(s, 2))).isTrue();
    }

    @DisplayName("RFC 768: the checksum field is the one that makes the pseudo-header sum verify")
    @Test
    void checksumFieldPosition() {
        byte[] d = hex(DATAGRAM);
        MemorySegment s = MemorySegment.ofArray(d);
        long pseudo = Checksum.pseudo4(Ipv4.parse("192.0.2.1"), Ipv4.parse("198.51.100.53"), IpProtocol.UDP, 12);
        UdpHeader.setChecksum(s, 0, 0);
        assertThat(d[6]).isZero();
        assertThat(d[7]).isZero();
        UdpHeader.setChecksum(s, 0, Checksum.finish(Checksum.add(pseudo, s, 0, 12)));
        assertThat(HexFormat.of().formatHex(d)).isEqualTo(DATAGRAM.replace(" ", ""));
    }

    @Test
    void settersTouchOnlyTheirField() {
        byte[] d = hex(DATAGRAM);
        MemorySegment s = MemorySegment.ofArray(d);
        UdpHeader.setSourcePort(s, 0, 0x1234);
        assertThat(HexFormat.of().formatHex(d)).isEqualTo("12340035000c7f6761626364");
        UdpHeader.setDestinationPort(s, 0, 0xabcd);
        assertThat(HexFormat.of().formatHex(d)).isEqualTo("1234abcd000c7f6761626364");
        UdpHeader.setDatagramLength(s, 0, 0x0102);
        assertThat(HexFormat.of().formatHex(d)).isEqualTo("1234abcd01027f6761626364");
    }

    @DisplayName("write() lays out RFC 768 byte for byte, masking each field to 16 bits")
    @Test
    void write() {
        byte[] d = new byte[10];
        UdpHeader.write(MemorySegment.ofArray(d), 1, 53000, 0x10035, 12, 0x7f67);
        assertThat(HexFormat.of().formatHex(d)).isEqualTo("00cf080035000c7f6700");
    }

    @Test
    void sameOffsetsAsTransport() {
        assertThat(UdpHeader.SOURCE_PORT).isEqualTo(Transport.SOURCE_PORT);
        assertThat(UdpHeader.DESTINATION_PORT).isEqualTo(Transport.DESTINATION_PORT);
        assertThat(UdpHeader.CHECKSUM).isEqualTo(Transport.checksumOffset(IpProtocol.UDP));
        assertThat(UdpHeader.LENGTH).isEqualTo(Transport.minimumHeader(IpProtocol.UDP));
    }
}
