package net.v6mostly.wire;

import static net.v6mostly.wire.ChecksumTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Ipv6Chain.Check;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The extension-header walk (RFC 8200 §4) as RFC 7915 §5.1 and §5.1.1 need it. Each packet is a
 * fixed header followed by the headers spelled out in hex below.
 */
class Ipv6ChainTest {

    /** 2001:db8::1 -> 64:ff9b::198.51.100.2, hop limit 64. */
    private static final String FIXED_ADDRESSES = "20010db8000000000000000000000001 0064ff9b0000000000000000c6336402";

    static final String UDP8 = "3039 0035 0008 0000";
    /** Hop-by-Hop, 8 bytes: next, Hdr Ext Len 0, PadN(4 bytes of padding). */
    static String hbh(int next) { return String.format("%02x 00 0104 00000000", next); }
    /** Destination Options, 8 bytes. */
    static String dest(int next) { return String.format("%02x 00 0104 00000000", next); }
    /** Routing type 4 (SRH-like), Hdr Ext Len 2 (24 bytes), Segments Left {@code left}, one address. */
    static String routing(int next, int left) {
        return String.format("%02x 02 04 %02x 00000000 20010db8000000000000000000000099", next, left);
    }
    /** Fragment header: offset 0, M=1, identification 0x12345678. */
    static String fragment(int next) { return String.format("%02x 00 0001 12345678", next); }

    /** Builds fixed header + {@code chain} with Payload Length set to the chain's length. */
    static byte[] packet(int firstNext, String chain) {
        byte[] rest = hex(chain);
        String fixed = String.format("60000000 %04x %02x 40 ", rest.length, firstNext) + FIXED_ADDRESSES;
        byte[] head = hex(fixed);
        byte[] p = new byte[head.length + rest.length];
        System.arraycopy(head, 0, p, 0, head.length);
        System.arraycopy(rest, 0, p, head.length, rest.length);
        return p;
    }

    static Check walk(Ipv6Chain c, byte[] p) {
        MemorySegment s = MemorySegment.ofArray(p);
        Ipv6Header h = new Ipv6Header().wrap(s, 0, p.length);
        assertThat(h.check()).isEqualTo(Ipv6Header.Check.OK);
        return c.walk(s, 0, h.totalLength());
    }

    @Test
    void noExtensionHeaders() {
        Ipv6Chain c = new Ipv6Chain();
        assertThat(walk(c, packet(IpProtocol.UDP, UDP8))).isEqualTo(Check.OK);
        assertThat(c.protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(c.upperOffset()).isEqualTo(40);
        assertThat(c.fragmentOffset()).isEqualTo(-1);
        assertThat(c.segmentsLeftOffset()).isEqualTo(-1);
        assertThat(c.headersLength()).isZero();
    }

    @DisplayName("RFC 7915 §5.1: HBH, Destination Options and Routing (Segments Left 0) are skipped; Fragment recorded")
    @Test
    void rfc7915_5_1_fullChain() {
        byte[] p = packet(IpProtocol.HOP_BY_HOP, hbh(60) + dest(43) + routing(44, 0) + fragment(17) + UDP8);
        Ipv6Chain c = new Ipv6Chain();
        assertThat(walk(c, p)).isEqualTo(Check.OK);
        assertThat(c.protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(c.fragmentOffset()).isEqualTo(40 + 8 + 8 + 24);
        assertThat(c.upperOffset()).isEqualTo(40 + 8 + 8 + 24 + 8);
        assertThat(c.headersLength()).isEqualTo(48);
        assertThat(c.segmentsLeftOffset()).isEqualTo(-1);
        MemorySegment s = MemorySegment.ofArray(p);
        assertThat(Ipv6Fragment.identification(s, c.fragmentOffset())).isEqualTo(0x12345678);
        assertThat(Ipv6Fragment.moreFragments(s, c.fragmentOffset())).isTrue();
    }

    @DisplayName("RFC 7915 §5.1: a Routing header with Segments Left non-zero is reported at the Segments Left octet")
    @Test
    void rfc7915_5_1_segmentsLeftNonZero() {
        byte[] p = packet(IpProtocol.HOP_BY_HOP, hbh(43) + routing(44, 2) + fragment(6) + "00".repeat(20));
        Ipv6Chain c = new Ipv6Chain();
        assertThat(walk(c, p)).isEqualTo(Check.OK);
        assertThat(c.segmentsLeftOffset()).isEqualTo(40 + 8 + 3);
        assertThat(p[(int) c.segmentsLeftOffset()]).isEqualTo((byte) 2);
        assertThat(c.protocol()).isEqualTo(IpProtocol.TCP);
        assertThat(c.fragmentOffset()).isEqualTo(40 + 8 + 24);
    }

    @Test
    void chainAtNonZeroOffset() {
        byte[] inner = packet(IpProtocol.DESTINATION_OPTIONS, dest(17) + UDP8);
        byte[] buffer = new byte[inner.length + 16];
        System.arraycopy(inner, 0, buffer, 10, inner.length);
        Ipv6Chain c = new Ipv6Chain();
        assertThat(c.walk(MemorySegment.ofArray(buffer), 10, 10 + inner.length)).isEqualTo(Check.OK);
        assertThat(c.upperOffset()).isEqualTo(10 + 48);
        assertThat(c.headersLength()).isEqualTo(8);
    }

    @DisplayName("RFC 7915 §5.1.1: an extension header after the Fragment header")
    @ParameterizedTest(name = "next header {0}")
    @ValueSource(ints = {0, 43, 60, 51, 135, 139, 140, 253, 254})
    void rfc7915_5_1_1_extensionAfterFragment(int next) {
        byte[] p = packet(IpProtocol.FRAGMENT, fragment(next) + dest(17) + UDP8);
        Ipv6Chain c = new Ipv6Chain();
        assertThat(walk(c, p)).isEqualTo(Check.EXTENSION_AFTER_FRAGMENT);
        assertThat(c.protocol()).isEqualTo(next);
        assertThat(c.fragmentOffset()).isEqualTo(40);
    }

    @DisplayName("RFC 7915 §5.1.1: ESP after the Fragment header is not an extension header")
    @Test
    void rfc7915_5_1_1_espAfterFragment() {
        Ipv6Chain c = new Ipv6Chain();
        assertThat(walk(c, packet(IpProtocol.FRAGMENT, fragment(IpProtocol.ESP) + "00".repeat(16)))).isEqualTo(Check.OK);
        assertThat(c.protocol()).isEqualTo(IpProtocol.ESP);
        assertThat(c.upperOffset()).isEqualTo(48);
    }

    @DisplayName("RFC 8200 §4.5: a second Fragment header")
    @Test
    void duplicateFragment() {
        Ipv6Chain c = new Ipv6Chain();
        assertThat(walk(c, packet(IpProtocol.FRAGMENT, fragment(44) + fragment(17) + UDP8)))
                .isEqualTo(Check.DUPLICATE_FRAGMENT);
        assertThat(c.fragmentOffset()).isEqualTo(40);
        assertThat(c.protocol()).isEqualTo(IpProtocol.FRAGMENT);
        assertThat(c.upperOffset()).as("offset of the second Fragment header").isEqualTo(48);
    }

    @Test
    void fragmentThenDestOptsThenFragment() {
        Ipv6Chain c = new Ipv6Chain();
        assertThat(walk(c, packet(IpProtocol.FRAGMENT, fragment(60) + dest(44) + fragment(17) + UDP8)))
                .isEqualTo(Check.EXTENSION_AFTER_FRAGMENT);
    }

    @DisplayName("AH before any Fragment header ends the walk: passed on opaque (RFC 7915 §5.1)")
    @Test
    void ahEndsTheWalk() {
        Ipv6Chain c = new Ipv6Chain();
        assertThat(walk(c, packet(IpProtocol.HOP_BY_HOP, hbh(IpProtocol.AH) + "11 01 0000" + "00".repeat(12))))
                .isEqualTo(Check.OK);
        assertThat(c.protocol()).isEqualTo(IpProtocol.AH);
        assertThat(c.upperOffset()).isEqualTo(48);
    }

    @DisplayName("RFC 8200 §4.7: No Next Header ends the chain")
    @Test
    void noNextHeader() {
        Ipv6Chain c = new Ipv6Chain();
        // Payload Length 0: Ipv6Header.check() refuses it (jumbogram rule), the walk alone accepts it
        byte[] empty = packet(IpProtocol.NO_NEXT_HEADER, "");
        assertThat(c.walk(MemorySegment.ofArray(empty), 0, 40)).isEqualTo(Check.OK);
        assertThat(c.protocol()).isEqualTo(IpProtocol.NO_NEXT_HEADER);
        assertThat(c.upperOffset()).isEqualTo(40);
        assertThat(walk(c, packet(IpProtocol.DESTINATION_OPTIONS, dest(59) + "deadbeef"))).isEqualTo(Check.OK);
        assertThat(c.protocol()).isEqualTo(IpProtocol.NO_NEXT_HEADER);
        assertThat(c.upperOffset()).isEqualTo(48);
    }

    @DisplayName("truncated extension headers")
    @Test
    void truncated() {
        Ipv6Chain c = new Ipv6Chain();
        // HBH announced, nothing follows the fixed header
        assertThat(c.walk(MemorySegment.ofArray(packet(IpProtocol.HOP_BY_HOP, "")), 0, 40)).isEqualTo(Check.TRUNCATED);
        assertThat(c.upperOffset()).isEqualTo(40);
        // fewer than the 8 octets every extension header has
        assertThat(walk(c, packet(IpProtocol.HOP_BY_HOP, "110001"))).isEqualTo(Check.TRUNCATED);
        // Hdr Ext Len 1 says 16 octets, 8 present
        assertThat(walk(c, packet(IpProtocol.DESTINATION_OPTIONS, "11 01 0104 00000000"))).isEqualTo(Check.TRUNCATED);
        // Routing header cut after 8 of its 24 octets
        assertThat(walk(c, packet(IpProtocol.ROUTING, "11 02 04 00 00000000"))).isEqualTo(Check.TRUNCATED);
        // Fragment header cut at 4 octets, after a complete HBH
        assertThat(walk(c, packet(IpProtocol.HOP_BY_HOP, hbh(44) + "11000001"))).isEqualTo(Check.TRUNCATED);
        assertThat(c.upperOffset()).isEqualTo(48);
        assertThat(c.headersLength()).isEqualTo(8);
        // Hdr Ext Len 255: 2048 octets announced
        assertThat(walk(c, packet(IpProtocol.HOP_BY_HOP, "11 ff 0104 00000000" + UDP8))).isEqualTo(Check.TRUNCATED);
    }

    @DisplayName("the walk ends at the Payload Length, not at the end of the buffer")
    @Test
    void endIsPayloadLength() {
        byte[] p = packet(IpProtocol.HOP_BY_HOP, hbh(17) + UDP8);
        MemorySegment s = MemorySegment.ofArray(p);
        Ipv6Chain c = new Ipv6Chain();
        assertThat(c.walk(s, 0, 44)).isEqualTo(Check.TRUNCATED);
        assertThat(c.walk(s, 0, 48)).isEqualTo(Check.OK);
    }

    @Test
    void reusedAfterAFragmentedPacket() {
        Ipv6Chain c = new Ipv6Chain();
        walk(c, packet(IpProtocol.ROUTING, routing(44, 1) + fragment(17) + UDP8));
        assertThat(c.fragmentOffset()).isNotNegative();
        assertThat(c.segmentsLeftOffset()).isNotNegative();
        assertThat(walk(c, packet(IpProtocol.UDP, UDP8))).isEqualTo(Check.OK);
        assertThat(c.fragmentOffset()).isEqualTo(-1);
        assertThat(c.segmentsLeftOffset()).isEqualTo(-1);
    }
}
