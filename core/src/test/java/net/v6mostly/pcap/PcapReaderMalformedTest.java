package net.v6mostly.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Malformed files end in a PcapFormatException naming the record and offset, never an OOM or a hang. */
class PcapReaderMalformedTest {

    private static PcapReader open(byte[] bytes) throws IOException {
        return new PcapReader(new ByteArrayInputStream(bytes), "bad.pcap");
    }

    @Test
    void truncatedGlobalHeader() {
        byte[] full = PcapBytes.littleMicros(101).bytes();
        assertThatThrownBy(() -> open(Arrays.copyOf(full, 10)))
                .isInstanceOf(PcapFormatException.class)
                .hasMessage("bad.pcap: global header at byte 0: file too short for the 24-byte pcap header (10 bytes)");
        assertThatThrownBy(() -> open(new byte[0])).hasMessageContaining("(0 bytes)");
    }

    @Test
    void badMagic() {
        byte[] text = "GET / HTTP/1.1\r\nHost: example\r\n".getBytes();
        assertThatThrownBy(() -> open(text))
                .isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("global header at byte 0: bad magic number 0x47455420");
    }

    @Test
    void pcapngIsNamed() {
        byte[] ng = PcapBytes.header(ByteOrder.LITTLE_ENDIAN, 0x0A0D0D0A, 0, 0).bytes();
        assertThatThrownBy(() -> open(ng)).hasMessageContaining("pcapng").hasMessageContaining("editcap -F pcap");
    }

    @Test
    void unsupportedLinkTypeAndVersion() {
        assertThatThrownBy(() -> PcapBytes.littleMicros(105).reader())
                .isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("byte 20: link type 105 is not read here");
        byte[] v3 = PcapBytes.littleMicros(101).bytes();
        v3[4] = 3;
        assertThatThrownBy(() -> open(v3)).hasMessageContaining("unsupported pcap version 3.4");
    }

    @Test
    void truncatedRecordHeader() throws IOException {
        byte[] bytes = PcapBytes.littleMicros(101).record(1, 0, PcapBytes.ipv4(0)).raw(new byte[7]).bytes();
        try (PcapReader r = open(bytes)) {
            assertThat(r.next()).isTrue();
            assertThatThrownBy(r::next)
                    .isInstanceOf(PcapFormatException.class)
                    .hasMessage("bad.pcap: record #2 at byte 60: record header truncated: the file ends after 7 of 16"
                            + " bytes")
                    .satisfies(e -> {
                        assertThat(((PcapFormatException) e).record()).isEqualTo(2);
                        assertThat(((PcapFormatException) e).offset()).isEqualTo(60);
                    });
        }
    }

    @Test
    void recordLongerThanTheFile() throws IOException {
        byte[] bytes = PcapBytes.littleMicros(101).recordHeader(1, 0, 100, 100).raw(new byte[30]).bytes();
        try (PcapReader r = open(bytes)) {
            assertThatThrownBy(r::next).hasMessage(
                    "bad.pcap: record #1 at byte 24: record data truncated: the file ends after 30 of 100 bytes");
        }
    }

    @Test
    void recordBeyondSnaplen() throws IOException {
        byte[] bytes = PcapBytes.header(ByteOrder.BIG_ENDIAN, 0xA1B2C3D4, 64, 101)
                .recordHeader(1, 0, 65, 65).raw(new byte[65]).bytes();
        try (PcapReader r = open(bytes)) {
            assertThatThrownBy(r::next).hasMessageContaining("record #1 at byte 24: captured length 65 exceeds the"
                    + " file's snapshot length 64");
        }
    }

    @Test
    void hugeLengthIsRefusedBeforeAllocating() throws IOException {
        byte[] bytes = PcapBytes.header(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, -1, 101)
                .recordHeader(1, 0, 0xFFFF_FFF0, 0xFFFF_FFF0).raw(new byte[64]).bytes();
        try (PcapReader r = open(bytes)) {
            assertThatThrownBy(r::next).hasMessageContaining("captured length 4294967280 exceeds the 262144-byte"
                    + " maximum");
        }
    }

    @Test
    void garbageNeverHangsOrRunsOutOfMemory() throws IOException {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 500; round++) {
            byte[] bytes = PcapBytes.littleMicros(1).bytes();
            byte[] tail = new byte[random.nextInt(300)];
            random.nextBytes(tail);
            byte[] all = Arrays.copyOf(bytes, bytes.length + tail.length);
            System.arraycopy(tail, 0, all, bytes.length, tail.length);
            try (PcapReader r = open(all)) {
                while (r.next()) {
                    assertThat(r.ipLength()).isBetween(0, PcapReader.MAX_RECORD);
                }
            } catch (PcapFormatException expected) {
                assertThat(expected.getMessage()).startsWith("bad.pcap: record #");
            }
        }
    }
}
