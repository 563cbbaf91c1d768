package net.v6mostly.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer targets: the lease store's record format ({@link LeaseJournal}). Whatever bytes are on
 * disk, replay loads records that are valid changes and stops at the first bad one with exactly
 * one warning, and the good prefix it reports is what encoding the loaded changes gives back, byte
 * for byte (so cutting the journal there and appending goes on cleanly); the loaded changes
 * rebuild an engine whose tables stay within the records read. And any sequence of storable
 * changes encodes and replays equal.
 */
class LeaseJournalFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void replayLoadsAGoodPrefixOrWarnsOnce(byte[] file) {
        List<LeaseChange> loaded = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int good = LeaseJournal.replay(file, "leases.journal", loaded::add, warnings::add);
        assertThat(good).isBetween(0, file.length);
        assertThat(warnings).hasSize(good == file.length ? 0 : 1);
        byte[] again = LeaseJournal.encode(loaded).array();
        assertThat(again).isEqualTo(Arrays.copyOf(file, good));
        // the cut journal replays the same changes without a warning
        List<LeaseChange> reloaded = new ArrayList<>();
        assertThat(LeaseJournal.replay(again, "leases.journal", reloaded::add, w -> { throw new AssertionError(w); }))
                .isEqualTo(good);
        assertThat(reloaded).isEqualTo(loaded);
        Dhcp4Engine engine = new Dhcp4Engine(new Dhcp4Config(List.of(), 60, 60));
        loaded.forEach(engine::restore);
        assertThat(engine.tableSizes().largest()).isLessThanOrEqualTo(loaded.size());
    }

    @FuzzTest(maxDuration = "10s")
    void encodeThenReplayRoundTrips(FuzzedDataProvider data) {
        List<LeaseChange> written = new ArrayList<>();
        LeaseChange.Kind[] kinds = LeaseChange.Kind.values();
        while (written.size() < 50 && data.remainingBytes() > 0) {
            String key = data.consumeAsciiString(data.consumeInt(0, LeaseChange.MAX_CLIENT_BYTES + 8));
            if (!LeaseChange.storable(key)) {      // refused: nothing unstorable can reach the journal
                assertThatThrownBy(() -> new LeaseChange(LeaseChange.Kind.BOUND, key, 0, 0))
                        .isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            written.add(new LeaseChange(data.pickValue(kinds), key, data.consumeInt(), data.consumeLong()));
        }
        byte[] encoded = LeaseJournal.encode(written).array();
        List<LeaseChange> back = new ArrayList<>();
        assertThat(LeaseJournal.replay(encoded, "leases.snapshot", back::add, w -> { throw new AssertionError(w); }))
                .isEqualTo(encoded.length);
        assertThat(back).isEqualTo(written);
    }
}
