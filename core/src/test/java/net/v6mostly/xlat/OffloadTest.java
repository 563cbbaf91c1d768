package net.v6mostly.xlat;

import static net.v6mostly.xlat.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;

/**
 * Offloaded packets from a TUN with IFF_VNET_HDR (DESIGN.md §3.7): a CHECKSUM_PARTIAL seed moves
 * from one pseudo-header to the other so that the checksum the kernel completes is right, and a
 * GSO super-packet is translated once without the per-packet size rules of RFC 7915 §4.1/§5.1.
 */
class OffloadTest {
    static final SiitSettings SETTINGS = SiitSettings.builder().pool6(Rfc6052Prefix.parse("2001:db8:64::/96"))
            .ownIpv4(v4("203.0.113.254")).ownIpv6(Ipv6Address.parse("2001:db8:ffff::1")).icmpErrorsPerSecond(0).build();
    static final int NODE4 = v4("192.0.2.1");
    static final int HOST4 = v4("198.51.100.2");
    static final byte[] NODE = pool6(NODE4);
    static final byte[] HOST = pool6(HOST4);

    record Out(XlatStat stat, List<byte[]> packets) {
    }

    static Out translate(byte[] packet, int offload) {
        byte[] buffer = new byte[Siit.HEADROOM + packet.length];
        System.arraycopy(packet, 0, buffer, Siit.HEADROOM, packet.length);
        List<byte[]> out = new ArrayList<>();
        XlatStat stat = new Siit(SETTINGS).translate(MemorySegment.ofArray(buffer), Siit.HEADROOM, packet.length, 0,
                (side, seg, off, len) -> out.add(seg.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE)), offload);
        return new Out(stat, out);
    }

    /** What the kernel does for CHECKSUM_PARTIAL: seed = folded pseudo-header sum, not complemented. */
    static void makePartial(byte[] p, int l4, int checksumAt, long pseudo) {
        put16(p, l4 + checksumAt, fold(pseudo));
    }

    /** What the device does: sum from csum_start over the data (seed included) and store the complement. */
    static void complete(byte[] p, int l4, int checksumAt) {
        put16(p, l4 + checksumAt, checksum(0, p, l4, p.length - l4));
    }

    @Test
    void partialTcpChecksum64IsCompletedRightByTheKernel() {
        byte[] tcp = tcp(40000, 443, 1, 0, 0x18, new byte[333]);
        byte[] in = ipv6(0, TCP, 64, NODE, HOST, tcp);
        makePartial(in, 40, 16, pseudo6(NODE, HOST, TCP, tcp.length));
        Out out = translate(in, Offload.PARTIAL_CHECKSUM);
        assertThat(out.stat()).isEqualTo(XlatStat.TRANSLATED_64);
        byte[] v4 = out.packets().getFirst();
        assertThat(u16(v4, 20 + 16)).as("the seed is now the IPv4 pseudo-header's").isEqualTo(fold(pseudo4(NODE4, HOST4, TCP, tcp.length)));
        complete(v4, 20, 16);
        assertThat(verifies(pseudo4(NODE4, HOST4, TCP, tcp.length), v4, 20, v4.length - 20)).isTrue();
    }

    @Test
    void partialUdpChecksum46IsCompletedRightByTheKernel() {
        byte[] udp = udp(5353, 53, new byte[77]);
        byte[] in = new V4(UDP, HOST4, NODE4).build(udp);
        makePartial(in, 20, 6, pseudo4(HOST4, NODE4, UDP, udp.length));
        Out out = translate(in, Offload.PARTIAL_CHECKSUM);
        assertThat(out.stat()).isEqualTo(XlatStat.TRANSLATED_46);
        byte[] v6 = out.packets().getFirst();
        complete(v6, 40, 6);
        assertThat(verifies(pseudo6(HOST, NODE, UDP, udp.length), v6, 40, v6.length - 40)).isTrue();
    }

    @Test
    void partialSeedOfZeroIsNotTakenForAMissingUdpChecksum() {
        byte[] udp = udp(5353, 53, new byte[8]);
        byte[] in = new V4(UDP, HOST4, NODE4).build(udp);
        put16(in, 20 + 6, 0); // a zero seed with NEEDS_CSUM is a seed, not "no checksum" (RFC 768)
        assertThat(translate(in, Offload.PARTIAL_CHECKSUM).stat()).isEqualTo(XlatStat.TRANSLATED_46);
        assertThat(translate(in, Offload.NONE).stat()).isEqualTo(XlatStat.UDP_ZERO_CHECKSUM_46);
    }

    @Test
    void gsoSuperPacket46IsTranslatedOnceWithoutFragmentationNeeded() {
        byte[] tcp = tcp(443, 40000, 1, 1, 0x10, new byte[30000]);
        byte[] in = new V4(TCP, HOST4, NODE4).df(true).build(tcp);
        makePartial(in, 20, 16, pseudo4(HOST4, NODE4, TCP, tcp.length));
        assertThat(translate(in, Offload.NONE).stat()).as("without offload: RFC 7915 §4.1 Fragmentation Needed")
                .isEqualTo(XlatStat.TOO_BIG_46);
        Out out = translate(in, Offload.PARTIAL_CHECKSUM | Offload.SEGMENTATION);
        assertThat(out.stat()).isEqualTo(XlatStat.TRANSLATED_46);
        assertThat(out.packets()).hasSize(1);
        byte[] v6 = out.packets().getFirst();
        assertThat(v6.length).isEqualTo(in.length + 20);
        complete(v6, 40, 16);
        assertThat(verifies(pseudo6(HOST, NODE, TCP, tcp.length), v6, 40, v6.length - 40)).isTrue();
    }

    @Test
    void gsoSuperPacket64IsTranslatedOnceWithDf() {
        byte[] tcp = tcp(40000, 443, 1, 1, 0x10, new byte[20000]);
        byte[] in = ipv6(0, TCP, 64, NODE, HOST, tcp);
        makePartial(in, 40, 16, pseudo6(NODE, HOST, TCP, tcp.length));
        assertThat(translate(in, Offload.NONE).stat()).as("without offload: Packet Too Big").isEqualTo(XlatStat.TOO_BIG_64);
        Out out = translate(in, Offload.PARTIAL_CHECKSUM | Offload.SEGMENTATION);
        assertThat(out.stat()).isEqualTo(XlatStat.TRANSLATED_64);
        byte[] v4 = out.packets().getFirst();
        assertThat(u16(v4, 2)).isEqualTo(20 + tcp.length);
        assertThat(u16(v4, 6) & 0x4000).as("segments carry DF").isNotZero();
        assertThat(verifies(0, v4, 0, 20)).as("IPv4 header checksum").isTrue();
    }
}
