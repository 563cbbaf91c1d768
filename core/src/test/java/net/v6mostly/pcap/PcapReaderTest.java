package net.v6mostly.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Well-formed files: byte orders, resolutions, link types (draft-ietf-opsawg-pcap §4, §5). */
class PcapReaderTest {

    @ParameterizedTest(name = "{0} magic {1}")
    @CsvSource({
        "LITTLE_ENDIAN, A1B2C3D4, false",
        "BIG_ENDIAN,    A1B2C3D4, false",
        "LITTLE_ENDIAN, A1B23C4D, true",
        "BIG_ENDIAN,    A1B23C4D, true"})
    void readsBothByteOrdersAndResolutions(String orderName, String magicHex, boolean nanos) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] packet = PcapBytes.ipv4(8);
        PcapBytes file = PcapBytes.header(order, (int) Long.parseLong(magicHex, 16), 65535, 101)
                .record(1_700_000_000, nanos ? 123_456_789 : 123_456, packet);
        try (PcapReader r = file.reader()) {
            assertThat(r.bigEndian()).isEqualTo(order == ByteOrder.BIG_ENDIAN);
            assertThat(r.nanosecondResolution()).isEqualTo(nanos);
            assertThat(r.linkType()).isEqualTo(LinkType.RAW);
            assertThat(r.snaplen()).isEqualTo(65535);
            assertThat(r.next()).isTrue();
            assertThat(r.seconds()).isEqualTo(1_700_000_000L);
            assertThat(r.nanos()).isEqualTo(nanos ? 123_456_789 : 123_456_000);
            assertThat(r.timestampNanos()).isEqualTo(1_700_000_000_000_000_000L + r.nanos());
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.recordOffset()).isEqualTo(24);
            assertThat(Arrays.copyOfRange(r.data(), r.ipOffset(), r.ipOffset() + r.ipLength())).isEqualTo(packet);
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void readsLinkTypesIpv4AndIpv6() throws IOException {
        try (PcapReader r = PcapBytes.littleMicros(228).record(1, 0, PcapBytes.ipv4(0)).reader()) {
            assertThat(r.linkType()).isEqualTo(LinkType.IPV4);
            assertThat(r.next()).isTrue();
            assertThat(r.ipLength()).isEqualTo(20);
        }
        try (PcapReader r = PcapBytes.littleMicros(229).record(1, 0, PcapBytes.ipv6(0)).reader()) {
            assertThat(r.linkType()).isEqualTo(LinkType.IPV6);
            assertThat(r.next()).isTrue();
            assertThat(r.ipLength()).isEqualTo(40);
        }
    }

    @Test
    void stripsEthernetAndOneVlanTagAndSkipsNonIp() throws IOException {
        byte[] v4 = PcapBytes.ipv4(4);
        byte[] v6 = PcapBytes.ipv6(0);
        PcapBytes file = PcapBytes.littleMicros(1)
                .record(1, 0, PcapBytes.ethernet(0x0806, false, new byte[28]))   // ARP
                .record(2, 0, PcapBytes.ethernet(0x0800, false, v4))
                .record(3, 0, PcapBytes.ethernet(0x86DD, true, v6))
                .record(4, 0, PcapBytes.ethernet(0x8100, true, v4))              // QinQ
                .record(5, 0, new byte[10]);                                      // runt
        try (PcapReader r = file.reader()) {
            assertThat(r.next()).isTrue();
            assertThat(r.index()).isEqualTo(2);
            assertThat(r.ipOffset()).isEqualTo(14);
            assertThat(Arrays.copyOfRange(r.data(), 14, 14 + r.ipLength())).isEqualTo(v4);
            assertThat(r.next()).isTrue();
            assertThat(r.index()).isEqualTo(3);
            assertThat(r.ipOffset()).isEqualTo(18);
            assertThat(r.ipLength()).isEqualTo(40);
            assertThat(r.next()).isFalse();
            assertThat(r.skipped().get(PcapSkip.NON_IP_ETHERTYPE)).isEqualTo(1);
            assertThat(r.skipped().get(PcapSkip.STACKED_VLAN)).isEqualTo(1);
            assertThat(r.skipped().get(PcapSkip.ETHERNET_TRUNCATED)).isEqualTo(1);
        }
    }

    @Test
    void copiesThePacketIntoASegmentWithHeadroom() throws IOException {
        byte[] packet = PcapBytes.ipv6(12);
        packet[39] = 7;
        try (PcapReader r = PcapBytes.littleMicros(1).record(1, 0, PcapBytes.ethernet(0x86DD, false, packet)).reader();
                Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(200);
            assertThat(r.next()).isTrue();
            assertThat(r.copyTo(buf, 48)).isEqualTo(52);
            assertThat(buf.asSlice(48, 52).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(packet);
        }
    }

    @Test
    void keepsTheOriginalLengthOfASnappedRecord() throws IOException {
        byte[] packet = PcapBytes.ipv4(100);
        byte[] head = Arrays.copyOf(packet, 60);
        try (PcapReader r = PcapBytes.header(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 60, 101)
                .recordHeader(1, 0, 60, 120).raw(head).reader()) {
            assertThat(r.next()).isTrue();
            assertThat(r.ipLength()).isEqualTo(60);
            assertThat(r.originalLength()).isEqualTo(120);
        }
    }

    @Test
    void readsAnEmptyCapture() throws IOException {
        try (PcapReader r = PcapBytes.littleMicros(101).reader()) {
            assertThat(r.next()).isFalse();
            assertThat(r.index()).isZero();
        }
    }
}
