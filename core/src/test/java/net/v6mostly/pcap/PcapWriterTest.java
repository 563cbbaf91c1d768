package net.v6mostly.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's bytes, checked against a hand-built little-endian microsecond LINKTYPE_RAW file. */
class PcapWriterTest {

    @Test
    void writesExactlyTheExpectedBytes() throws IOException {
        byte[] packet = PcapBytes.ipv6(4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out)) {
            w.write(1_700_000_000L, 123_456_789, packet, 0, packet.length);
            assertThat(w.records()).isEqualTo(1);
        }
        byte[] expected = PcapBytes.header(java.nio.ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 262_144, 101)
                .record(1_700_000_000, 123_456, packet).bytes();
        assertThat(out.toByteArray()).isEqualTo(expected);
    }

    @Test
    void writesFromASegmentSlice(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out.pcap");
        try (Arena arena = Arena.ofConfined(); PcapWriter w = PcapWriter.create(file)) {
            MemorySegment seg = arena.allocate(100);
            MemorySegment.copy(PcapBytes.ipv4(0), 0, seg, ValueLayout.JAVA_BYTE, 48, 20);
            w.write(5, 0, seg, 48, 20);
        }
        try (PcapReader r = PcapReader.open(file)) {
            assertThat(r.linkType()).isEqualTo(LinkType.RAW);
            assertThat(r.next()).isTrue();
            assertThat(r.seconds()).isEqualTo(5);
            assertThat(r.data()[0]).isEqualTo((byte) 0x45);
            assertThat(r.ipLength()).isEqualTo(20);
        }
        assertThat(Files.size(file)).isEqualTo(24 + 16 + 20);
    }

    @Test
    void refusesOversizedRecords() throws IOException {
        try (PcapWriter w = new PcapWriter(new ByteArrayOutputStream())) {
            assertThatThrownBy(() -> w.write(0, 0, new byte[PcapReader.MAX_RECORD + 1], 0, PcapReader.MAX_RECORD + 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("262144");
        }
    }
}
