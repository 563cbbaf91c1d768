package net.v6mostly.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class InputFaultsTest {
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void everyFaultIsCountedButReportsAreLimitedAndSaySoWhenResumed() {
        List<String> lines = new ArrayList<>();
        InputFaults faults = new InputFaults("dhcp4", lines::add, 2, MINUTE);
        byte[] in = {0x45, 0x00, (byte) 0xff};
        for (int i = 0; i < 5; i++) {
            faults.record(new IllegalArgumentException("key too long"), in, 0, in.length, i);
        }
        assertThat(faults.count()).isEqualTo(5);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("dhcp4: input dropped after an unexpected IllegalArgumentException (key too long) at ")
                .endsWith("; 3 bytes: 4500ff");
        faults.record(new IllegalStateException(), in, 1, 2, MINUTE + 5);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).contains("IllegalStateException at ").contains("2 bytes: 00ff")
                .endsWith("; 3 similar reports suppressed");
    }

    @Test
    void excerptIsCutAtSixtyFourBytesAndNeverReadsOutsideTheSegment() {
        byte[] big = new byte[100];
        big[0] = 0x12;
        assertThat(InputFaults.hexExcerpt(MemorySegment.ofArray(big), 0, 100)).hasSize(128 + 1).startsWith("1200").endsWith("…");
        assertThat(InputFaults.hexExcerpt(MemorySegment.ofArray(new byte[] {1, 2}), 1, 500)).isEqualTo("02");
        assertThat(InputFaults.hexExcerpt(MemorySegment.ofArray(new byte[] {1, 2}), 7, -3)).isEmpty();
    }
}
