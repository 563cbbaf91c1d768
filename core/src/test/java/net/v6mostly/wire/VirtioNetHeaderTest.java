package net.v6mostly.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * {@code struct virtio_net_hdr} byte for byte (include/uapi/linux/virtio_net.h; VIRTIO 1.x
 * §5.1.6): flags and gso_type are single bytes, hdr_len, gso_size, csum_start and csum_offset are
 * {@code __virtio16} little-endian, whatever the byte order of the host running the test.
 */
class VirtioNetHeaderTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @Test
    void fieldsAreReadLittleEndian() {
        // a TCPv6 super-packet as the kernel hands it over: NEEDS_CSUM, GSO_TCPV6 | ECN,
        // hdr_len 0x0148 (328), gso_size 0x05a0 (1440), csum_start 0x0028 (40), csum_offset 0x0010
        MemorySegment s = MemorySegment.ofArray(HEX.parseHex("01 84 48 01 a0 05 28 00 10 00"));
        assertThat(VirtioNetHeader.flags(s, 0)).isEqualTo(VirtioNetHeader.F_NEEDS_CSUM);
        assertThat(VirtioNetHeader.gsoType(s, 0)).isEqualTo(VirtioNetHeader.GSO_TCPV6 | VirtioNetHeader.GSO_ECN);
        assertThat(VirtioNetHeader.hdrLen(s, 0)).isEqualTo(328);
        assertThat(VirtioNetHeader.gsoSize(s, 0)).isEqualTo(1440);
        assertThat(VirtioNetHeader.csumStart(s, 0)).isEqualTo(40);
        assertThat(VirtioNetHeader.csumOffset(s, 0)).isEqualTo(16);
    }

    @Test
    void fieldsAreWrittenLittleEndianAtTheirOffsets() {
        byte[] b = new byte[12];
        MemorySegment s = MemorySegment.ofArray(b);
        // at offset 1: the header sits wherever the packet's headroom puts it, aligned or not
        VirtioNetHeader.write(s, 1, VirtioNetHeader.F_NEEDS_CSUM, VirtioNetHeader.GSO_UDP_L4, 0x1234, 0xfedc, 0x0028,
                0x0006);
        assertThat(HEX.formatHex(b)).isEqualTo("00 01 05 34 12 dc fe 28 00 06 00 00");
    }

    @Test
    void theByteOrderIsLittleEndianNotTheHosts() {
        assertThat(VirtioNetHeader.BYTE_ORDER).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        MemorySegment s = MemorySegment.ofArray(new byte[10]);
        VirtioNetHeader.write(s, 0, 0, 0, 0x0102, 0, 0, 0);
        assertThat(s.get(ValueLayout.JAVA_BYTE, 2)).as("low byte first").isEqualTo((byte) 0x02);
    }

    @Test
    void noneIsTenZeroBytes() {
        byte[] b = HEX.parseHex("ff ff ff ff ff ff ff ff ff ff ff ff");
        VirtioNetHeader.writeNone(MemorySegment.ofArray(b), 1);
        assertThat(HEX.formatHex(b)).isEqualTo("ff 00 00 00 00 00 00 00 00 00 00 ff");
    }
}
