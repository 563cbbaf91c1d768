package net.v6mostly.wire;

import static net.v6mostly.wire.ChecksumTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.wire.Ipv4Header.Check;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The IPv4 header view (RFC 791 §3.1) on byte vectors, decoded by hand in the comments. */
class Ipv4HeaderTest {

    /**
     * 45 (v4, IHL 5) 00 (TOS) 0073 (115) | 0000 (ID) 4000 (DF, offset 0) | 40 (TTL 64) 11 (UDP)
     * b861 | c0a80001 (192.168.0.1) | c0a800c7 (192.168.0.199), then 95 payload bytes.
     */
    static byte[] udpPacket() {
        byte[] p = new byte[115];
        System.arraycopy(hex("45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7"), 0, p, 0, 20);
        for (int i = 20; i < p.length; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    /**
     * 46 (IHL 6: 24 bytes) b8 (DSCP 46 EF, ECN 0) 0020 (32) | abcd | 2005 (MF, offset 5 = 40 bytes)
     * | 01 (TTL 1) 06 (TCP) fe15 | 192.0.2.1 | 198.51.100.2 | 01 01 01 00 (NOP NOP NOP EOL) | 8 bytes.
     */
    static final String WITH_OPTIONS = "46 b8 0020 abcd 2005 01 06 fe15 c0000201 c6336402 01010100 0001020304050607";

    @DisplayName("RFC 791 §3.1: every accessor of a UDP packet with DF")
    @Test
    void rfc791_accessors() {
        MemorySegment s = MemorySegment.ofArray(udpPacket());
        Ipv4Header h = new Ipv4Header().wrap(s, 0, 115);
        assertThat(h.check(true)).isEqualTo(Check.OK);
        assertThat(h.segment()).isSameAs(s);
        assertThat(h.offset()).isZero();
        assertThat(h.version()).isEqualTo(4);
        assertThat(h.headerLength()).isEqualTo(20);
        assertThat(h.tos()).isZero();
        assertThat(h.totalLength()).isEqualTo(115);
        assertThat(h.identification()).isZero();
        assertThat(h.flagsOffset()).isEqualTo(0x4000);
        assertThat(h.dontFragment()).isTrue();
        assertThat(h.moreFragments()).isFalse();
        assertThat(h.fragmentOffset()).isZero();
        assertThat(h.isFragment()).isFalse();
        assertThat(h.ttl()).isEqualTo(64);
        assertThat(h.protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(h.checksum()).isEqualTo(0xb861);
        assertThat(Ipv4.format(h.source())).isEqualTo("192.168.0.1");
        assertThat(Ipv4.format(h.destination())).isEqualTo("192.168.0.199");
        assertThat(h.payloadOffset()).isEqualTo(20);
        assertThat(h.payloadLength()).isEqualTo(95);
    }

    @DisplayName("RFC 791 §3.1: options, a fragment (MF, offset 5), at a non-zero offset in the segment")
    @Test
    void rfc791_optionsAndFragment() {
        byte[] header = hex(WITH_OPTIONS);
        byte[] buffer = new byte[header.length + 10];
        System.arraycopy(header, 0, buffer, 3, header.length);
        Ipv4Header h = new Ipv4Header().wrap(MemorySegment.ofArray(buffer), 3, header.length);
        assertThat(h.check(true)).isEqualTo(Check.OK);
        assertThat(h.offset()).isEqualTo(3);
        assertThat(h.headerLength()).isEqualTo(24);
        assertThat(h.tos()).isEqualTo(0xb8);
        assertThat(h.totalLength()).isEqualTo(32);
        assertThat(h.identification()).isEqualTo(0xabcd);
        assertThat(h.dontFragment()).isFalse();
        assertThat(h.moreFragments()).isTrue();
        assertThat(h.fragmentOffset()).isEqualTo(5);
        assertThat(h.isFragment()).isTrue();
        assertThat(h.ttl()).isEqualTo(1);
        assertThat(h.protocol()).isEqualTo(IpProtocol.TCP);
        assertThat(h.checksum()).isEqualTo(0xfe15);
        assertThat(Ipv4.format(h.source())).isEqualTo("192.0.2.1");
        assertThat(Ipv4.format(h.destination())).isEqualTo("198.51.100.2");
        assertThat(h.payloadOffset()).isEqualTo(3 + 24);
        assertThat(h.payloadLength()).isEqualTo(8);
    }

    @Test
    void lastFragmentIsAFragment() {
        byte[] p = hex(WITH_OPTIONS);
        p[6] = 0x00; // MF clear, offset 5
        Ipv4Header h = new Ipv4Header().wrap(MemorySegment.ofArray(p), 0, p.length);
        h.fillChecksum();
        assertThat(h.check(true)).isEqualTo(Check.OK);
        assertThat(h.moreFragments()).isFalse();
        assertThat(h.isFragment()).isTrue();
    }

    @DisplayName("trailing bytes beyond Total Length (link padding) are allowed")
    @Test
    void trailingPaddingAllowed() {
        byte[] p = new byte[200];
        System.arraycopy(udpPacket(), 0, p, 0, 115);
        assertThat(new Ipv4Header().wrap(MemorySegment.ofArray(p), 0, 200).check(true)).isEqualTo(Check.OK);
    }

    @DisplayName("truncated: fewer than 20 bytes")
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19})
    void truncated(int available) {
        byte[] p = udpPacket();
        assertThat(new Ipv4Header().wrap(MemorySegment.ofArray(p), 0, available).check(true))
                .isEqualTo(Check.TRUNCATED);
        // and from a segment that really ends there
        byte[] cut = java.util.Arrays.copyOf(p, available);
        assertThat(new Ipv4Header().wrap(MemorySegment.ofArray(cut), 0, available).check(false))
                .isEqualTo(Check.TRUNCATED);
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {0, 1, 5, 6, 15})
    void wrongVersion(int version) {
        byte[] p = udpPacket();
        p[0] = (byte) (version << 4 | 5);
        assertThat(new Ipv4Header().wrap(MemorySegment.ofArray(p), 0, p.length).check(false))
                .isEqualTo(Check.NOT_VERSION_4);
    }

    @DisplayName("RFC 791: IHL below 5")
    @ParameterizedTest(name = "IHL {0}")
    @ValueSource(ints = {0, 1, 4})
    void ihlBelowFive(int ihl) {
        byte[] p = udpPacket();
        p[0] = (byte) (0x40 | ihl);
        assertThat(new Ipv4Header().wrap(MemorySegment.ofArray(p), 0, p.length).check(false))
                .isEqualTo(Check.BAD_IHL);
    }

    @DisplayName("IHL beyond the bytes available")
    @Test
    void ihlBeyondData() {
        byte[] p = java.util.Arrays.copyOf(udpPacket(), 40);
        p[0] = 0x4F; // 60-byte header, 40 bytes present
        p[2] = 0;
        p[3] = 40;
        assertThat(new Ipv4Header().wrap(MemorySegment.ofArray(p), 0, 40).check(false)).isEqualTo(Check.BAD_IHL);
        p[0] = 0x4A; // 40-byte header: fits exactly
        assertThat(new Ipv4Header().wrap(MemorySegment.ofArray(p), 0, 40).check(false)).isEqualTo(Check.OK);
    }

    @DisplayName("Total Length lying: bigger than the buffer, or smaller than the header")
    @ParameterizedTest(name = "Total Length {0}")
    @ValueSource(ints = {0, 1, 19, 116, 0xFFFF})
    void totalLengthLying(int total) {
        byte[] p = udpPacket();
        p[2] = (byte) (total >>> 8);
        p[3] = (byte) total;
        assertThat(new Ipv4Header().wrap(MemorySegment.ofArray(p), 0, p.length).check(false))
                .isEqualTo(Check.BAD_TOTAL_LENGTH);
    }

    @Test
    void totalLengthSmallerThanOptions() {
        byte[] p = hex(WITH_OPTIONS);
        p[3] = 22; // header is 24
        assertThat(new Ipv4Header().wrap(MemorySegment.ofArray(p), 0, p.length).check(false))
                .isEqualTo(Check.BAD_TOTAL_LENGTH);
        p[3] = 24; // header only, no payload: fine
        assertThat(new Ipv4Header().wrap(MemorySegment.ofArray(p), 0, p.length).check(false)).isEqualTo(Check.OK);
    }

    @DisplayName("RFC 1812 §5.2.2: a bad header checksum is refused when verification is asked for")
    @Test
    void badChecksum() {
        byte[] p = udpPacket();
        p[11] ^= 0x01;
        Ipv4Header h = new Ipv4Header().wrap(MemorySegment.ofArray(p), 0, p.length);
        assertThat(h.check(true)).isEqualTo(Check.BAD_CHECKSUM);
        assertThat(h.check(false)).isEqualTo(Check.OK);
        h.fillChecksum();
        assertThat(h.checksum()).isEqualTo(0xb861);
        assertThat(h.check(true)).isEqualTo(Check.OK);
    }

    @Test
    void badChecksumCoversOptions() {
        byte[] p = hex(WITH_OPTIONS);
        p[21] = 0x07; // an option byte
        assertThat(new Ipv4Header().wrap(MemorySegment.ofArray(p), 0, p.length).check(true))
                .isEqualTo(Check.BAD_CHECKSUM);
    }

    @DisplayName("write() lays out RFC 791 §3.1 byte for byte, checksum included")
    @Test
    void write() {
        byte[] out = new byte[22];
        Ipv4Header.write(MemorySegment.ofArray(out), 1, 0, 0x73, 0, Ipv4Header.DF, 64, IpProtocol.UDP,
                Ipv4.parse("192.168.0.1"), Ipv4.parse("192.168.0.199"));
        assertThat(java.util.HexFormat.of().formatHex(out))
                .isEqualTo("00" + "45000073000040004011b861c0a80001c0a800c7" + "00");
        byte[] frag = new byte[20];
        Ipv4Header.write(MemorySegment.ofArray(frag), 0, 0, 0x21, 0x1234, 0, 64, IpProtocol.UDP,
                Ipv4.parse("192.0.2.1"), Ipv4.parse("198.51.100.2"));
        assertThat(java.util.HexFormat.of().formatHex(frag)).isEqualTo("450000211234000040117c61c0000201c6336402");
    }

    /**
     * write() sums the checksum from the field values (RFC 1071) instead of reading the header
     * back: for any fields, the written header verifies, as a sum over its 20 bytes would.
     */
    @Property(tries = 2000)
    void writtenChecksumVerifiesForAnyFields(@ForAll int tos, @ForAll int total, @ForAll int id, @ForAll int flags,
            @ForAll int ttl, @ForAll int protocol, @ForAll int source, @ForAll int destination) {
        byte[] out = new byte[20];
        Ipv4Header.write(MemorySegment.ofArray(out), 0, tos, total, id, flags, ttl, protocol, source, destination);
        assertThat(Checksum.verifies(0, MemorySegment.ofArray(out), 0, 20)).isTrue();
        int checksum = (out[10] & 0xFF) << 8 | out[11] & 0xFF;
        out[10] = 0;
        out[11] = 0;
        assertThat(checksum).isEqualTo(Checksum.finish(Checksum.add(0, MemorySegment.ofArray(out), 0, 20)));
    }

    @Test
    void writeMasksOutOfRangeFields() {
        byte[] out = new byte[20];
        Ipv4Header.write(MemorySegment.ofArray(out), 0, 0x1b8, 0x10073, 0x1abcd, 0x12005, 0x140, 0x111,
                Ipv4.parse("192.0.2.1"), Ipv4.parse("198.51.100.2"));
        Ipv4Header h = new Ipv4Header().wrap(MemorySegment.ofArray(out), 0, 20);
        assertThat(h.version()).isEqualTo(4);
        assertThat(h.headerLength()).isEqualTo(20);
        assertThat(h.tos()).isEqualTo(0xb8);
        assertThat(h.totalLength()).isEqualTo(0x73);
        assertThat(h.identification()).isEqualTo(0xabcd);
        assertThat(h.flagsOffset()).isEqualTo(0x2005);
        assertThat(h.ttl()).isEqualTo(0x40);
        assertThat(h.protocol()).isEqualTo(0x11);
        assertThat(Checksum.verifies(0, MemorySegment.ofArray(out), 0, 20)).isTrue();
    }
}
