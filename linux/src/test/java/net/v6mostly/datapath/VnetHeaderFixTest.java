package net.v6mostly.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The virtio-net header of translated GSO and checksum-offloaded packets, byte for byte. */
class VnetHeaderFixTest {
    /** 10 bytes of header room, then an IPv6 + TCP (data offset 8 words = 32 bytes) packet start. */
    static MemorySegment ipv6Tcp() {
        byte[] b = new byte[10 + 40 + 32];
        b[10] = 0x60;
        b[10 + 40 + 12] = (byte) 0x80;
        return MemorySegment.ofArray(b);
    }

    static MemorySegment ipv4Tcp() {
        byte[] b = new byte[10 + 20 + 32];
        b[10] = 0x45;
        b[10 + 20 + 12] = (byte) 0x80;
        return MemorySegment.ofArray(b);
    }

    static String header(MemorySegment s) {
        return HexFormat.ofDelimiter(" ").formatHex(s.asSlice(0, 10).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }

    @Test
    void tcpv4SuperPacketBecomesTcpv6() {
        MemorySegment p = ipv6Tcp();
        // in: NEEDS_CSUM, TCPV4|ECN, hdr_len 1000 (hint), gso_size 1448, csum_start 20, csum_offset 16
        VnetHeaderFix.write(p, 10, 20, 1, 0x81, 1000, 1448, 20, 16, 1500, 1500);
        // out: flags 01, gso 84 (TCPV6|ECN), hdr_len 40+32=72, gso_size min(1448, 1500-72)=1428, start 40, offset 16
        assertThat(header(p)).isEqualTo("01 84 48 00 94 05 28 00 10 00");
    }

    @Test
    void tcpv6SuperPacketBecomesTcpv4AndKeepsItsSegmentSize() {
        MemorySegment p = ipv4Tcp();
        VnetHeaderFix.write(p, 10, -20, 1, 0x04, 72, 1428, 40, 16, 1500, 1500);
        // TCPV4, hdr_len 20+32=52, gso_size 1428 (fits 1500-52), csum_start 20
        assertThat(header(p)).isEqualTo("01 01 34 00 94 05 14 00 10 00");
    }

    @Test
    void checksumOnlyPacketMovesItsChecksumStart() {
        MemorySegment p = ipv6Tcp();
        VnetHeaderFix.write(p, 10, 20, 1, 0, 54, 0, 20, 16, 1500, 1500);
        assertThat(header(p)).isEqualTo("01 00 4a 00 00 00 28 00 10 00");
    }

    @Test
    void dataValidPacketKeepsItsFlag() {
        MemorySegment p = ipv4Tcp();
        VnetHeaderFix.write(p, 10, -20, 2, 0, 0, 0, 0, 0, 1500, 1500);
        assertThat(header(p)).isEqualTo("02 00 00 00 00 00 00 00 00 00");
    }
}
