package net.v6mostly.wire;

import static net.v6mostly.wire.ChecksumTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HexFormat;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.wire.Ipv6Header.Check;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The IPv6 fixed header view (RFC 8200 §3) and the Fragment header (RFC 8200 §4.5) on byte vectors. */
class Ipv6HeaderTest {

    /**
     * 6 (version) b8 (traffic class: DSCP EF) 12345 (flow label) | 000d (13) 11 (UDP) 40 (64) |
     * 2001:db8::1 | 64:ff9b::c633:6402 (198.51.100.2) | UDP 12345 -> 53 "hello" (checksum 33a4).
     */
    static final String UDP = "6b812345 000d 11 40 20010db8000000000000000000000001 0064ff9b0000000000000000c6336402"
            + " 3039 0035 000d 33a4 68656c6c6f";

    @DisplayName("RFC 8200 §3: every accessor")
    @Test
    void rfc8200_3_accessors() {
        byte[] p = hex(UDP);
        MemorySegment s = MemorySegment.ofArray(p);
        Ipv6Header h = new Ipv6Header().wrap(s, 0, p.length);
        assertThat(h.check()).isEqualTo(Check.OK);
        assertThat(h.segment()).isSameAs(s);
        assertThat(h.offset()).isZero();
        assertThat(h.version()).isEqualTo(6);
        assertThat(h.trafficClass()).isEqualTo(0xb8);
        assertThat(h.flowLabel()).isEqualTo(0x12345);
        assertThat(h.payloadLength()).isEqualTo(13);
        assertThat(h.nextHeader()).isEqualTo(IpProtocol.UDP);
        assertThat(h.hopLimit()).isEqualTo(64);
        assertThat(new Ipv6Address(h.sourceHi(), h.sourceLo())).isEqualTo(Ipv6Address.parse("2001:db8::1"));
        assertThat(new Ipv6Address(h.destinationHi(), h.destinationLo()))
                .isEqualTo(Ipv6Address.parse("64:ff9b::198.51.100.2"));
        assertThat(h.totalLength()).isEqualTo(53);
        // the UDP checksum in the vector verifies over the RFC 8200 §8.1 pseudo-header
        long seed = Checksum.pseudo6(h.sourceHi(), h.sourceLo(), h.destinationHi(), h.destinationLo(),
                h.nextHeader(), h.payloadLength());
        assertThat(Checksum.verifies(seed, s, 40, 13)).isTrue();
    }

    @Test
    void atOffsetWithTrailingBytes() {
        byte[] v = hex(UDP);
        byte[] buffer = new byte[v.length + 20];
        System.arraycopy(v, 0, buffer, 7, v.length);
        Ipv6Header h = new Ipv6Header().wrap(MemorySegment.ofArray(buffer), 7, v.length + 13);
        assertThat(h.check()).isEqualTo(Check.OK);
        assertThat(h.offset()).isEqualTo(7);
        assertThat(h.trafficClass()).isEqualTo(0xb8);
        assertThat(h.flowLabel()).isEqualTo(0x12345);
        assertThat(h.totalLength()).isEqualTo(53);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 7, 8, 20, 39})
    void truncated(int available) {
        byte[] p = Arrays.copyOf(hex(UDP), available);
        assertThat(new Ipv6Header().wrap(MemorySegment.ofArray(p), 0, available).check()).isEqualTo(Check.TRUNCATED);
    }

    @Test
    void truncatedEveryLength() {
        for (int n = 0; n < 40; n++) {
            assertThat(new Ipv6Header().wrap(MemorySegment.ofArray(new byte[n]), 0, n).check()).isEqualTo(Check.TRUNCATED);
        }
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {0, 4, 5, 7, 15})
    void wrongVersion(int version) {
        byte[] p = hex(UDP);
        p[0] = (byte) (version << 4 | (p[0] & 0x0F));
        assertThat(new Ipv6Header().wrap(MemorySegment.ofArray(p), 0, p.length).check()).isEqualTo(Check.NOT_VERSION_6);
    }

    @DisplayName("Payload Length lying: more than the bytes present")
    @ParameterizedTest(name = "Payload Length {0}")
    @ValueSource(ints = {14, 100, 0xFFFF})
    void payloadLengthLying(int length) {
        byte[] p = hex(UDP);
        p[4] = (byte) (length >>> 8);
        p[5] = (byte) length;
        assertThat(new Ipv6Header().wrap(MemorySegment.ofArray(p), 0, p.length).check())
                .isEqualTo(Check.BAD_PAYLOAD_LENGTH);
    }

    @Test
    void payloadLengthShorterThanBufferIsFine() {
        byte[] p = hex(UDP);
        p[5] = 8; // 8 of the 13 bytes belong to the packet, the rest is link padding
        Ipv6Header h = new Ipv6Header().wrap(MemorySegment.ofArray(p), 0, p.length);
        assertThat(h.check()).isEqualTo(Check.OK);
        assertThat(h.totalLength()).isEqualTo(48);
    }

    /** The Javadoc of check(): Payload Length 0 is an empty payload; a jumbogram's Hop-by-Hop header is then truncated. */
    @DisplayName("RFC 8200 §3 / RFC 2675: Payload Length 0 is an empty payload, a jumbogram walks truncated")
    @Test
    void zeroPayloadLength() {
        byte[] p = hex(UDP);
        p[4] = 0;
        p[5] = 0;
        p[6] = (byte) IpProtocol.NO_NEXT_HEADER;
        assertThat(new Ipv6Header().wrap(MemorySegment.ofArray(p), 0, 40).check()).isEqualTo(Check.OK);
        p[6] = 0; // Hop-by-Hop, where the Jumbo Payload option would be
        MemorySegment s = MemorySegment.ofArray(p);
        assertThat(new Ipv6Header().wrap(s, 0, p.length).check()).isEqualTo(Check.OK);
        assertThat(new net.v6mostly.wire.Ipv6Chain().walk(s, 0, 40)).isEqualTo(net.v6mostly.wire.Ipv6Chain.Check.TRUNCATED);
    }

    @DisplayName("write() lays out RFC 8200 §3 byte for byte, flow label 0")
    @Test
    void write() {
        byte[] out = new byte[42];
        Ipv6Address src = Ipv6Address.parse("2001:db8::1");
        Ipv6Address dst = Ipv6Address.parse("64:ff9b::198.51.100.2");
        Ipv6Header.write(MemorySegment.ofArray(out), 1, 0xb8, 13, IpProtocol.UDP, 64, src.hi(), src.lo(),
                dst.hi(), dst.lo());
        assertThat(HexFormat.of().formatHex(out)).isEqualTo("00" + "6b800000000d1140"
                + "20010db8000000000000000000000001" + "0064ff9b0000000000000000c6336402" + "00");
    }

    // ---- RFC 8200 §4.5 Fragment header ----------------------------------------------------

    /** 11 (UDP) 00 | 00a9 = offset 21 (168 bytes) << 3 | M=1 | deadbeef. */
    @DisplayName("RFC 8200 §4.5: Fragment header fields")
    @Test
    void rfc8200_4_5_fragment() {
        byte[] f = hex("ff 11 00 00a9 deadbeef");
        MemorySegment s = MemorySegment.ofArray(f);
        assertThat(Ipv6Fragment.nextHeader(s, 1)).isEqualTo(IpProtocol.UDP);
        assertThat(Ipv6Fragment.fragmentOffset(s, 1)).isEqualTo(21);
        assertThat(Ipv6Fragment.moreFragments(s, 1)).isTrue();
        assertThat(Ipv6Fragment.identification(s, 1)).isEqualTo(0xdeadbeef);

        byte[] last = hex("3a 00 fff8 00000001"); // ICMPv6, offset 8191, M=0
        MemorySegment l = MemorySegment.ofArray(last);
        assertThat(Ipv6Fragment.nextHeader(l, 0)).isEqualTo(IpProtocol.ICMPV6);
        assertThat(Ipv6Fragment.fragmentOffset(l, 0)).isEqualTo(8191);
        assertThat(Ipv6Fragment.moreFragments(l, 0)).isFalse();
        assertThat(Ipv6Fragment.identification(l, 0)).isEqualTo(1);

        byte[] reserved = hex("11 ff 00a7 00000000"); // reserved byte and Res bits set: ignored
        MemorySegment r = MemorySegment.ofArray(reserved);
        assertThat(Ipv6Fragment.fragmentOffset(r, 0)).isEqualTo(20);
        assertThat(Ipv6Fragment.moreFragments(r, 0)).isTrue();
    }

    @Test
    void fragmentWrite() {
        byte[] out = new byte[9];
        Ipv6Fragment.write(MemorySegment.ofArray(out), 1, IpProtocol.UDP, 21, true, 0xdeadbeef);
        assertThat(HexFormat.of().formatHex(out)).isEqualTo("00" + "110000a9deadbeef");
        Ipv6Fragment.write(MemorySegment.ofArray(out), 0, IpProtocol.TCP, 0x1FFF, false, 0x1234);
        assertThat(HexFormat.of().formatHex(out, 0, 8)).isEqualTo("0600fff800001234");
    }
}
