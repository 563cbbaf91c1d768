package net.v6mostly.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Whatever is written is read back unchanged (timestamps to the microsecond). */
class PcapRoundTripPropertyTest {

    @Property(tries = 200)
    void writeThenReadGivesThePacketsBack(@ForAll @Size(max = 8) List<@Size(max = 1600) byte[]> packets,
            @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out)) {
            for (byte[] p : packets) {
                w.write(seconds, nanos, p, 0, p.length);
            }
        }
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(out.toByteArray()), "mem")) {
            for (byte[] p : packets) {
                assertThat(r.next()).isTrue();
                assertThat(Arrays.copyOfRange(r.data(), r.ipOffset(), r.ipOffset() + r.ipLength())).isEqualTo(p);
                assertThat(r.originalLength()).isEqualTo(p.length);
                assertThat(r.seconds()).isEqualTo(seconds);
                assertThat(r.nanos()).isEqualTo(nanos / 1000 * 1000);
            }
            assertThat(r.next()).isFalse();
        }
    }
}
