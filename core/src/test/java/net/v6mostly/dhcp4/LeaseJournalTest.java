package net.v6mostly.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal keeps what was appended, survives torn and corrupt tails, and compacts atomically. */
class LeaseJournalTest {
    @TempDir
    Path dir;

    private final List<LeaseChange> replayed = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private static LeaseChange bound(int i) {
        return new LeaseChange(LeaseChange.Kind.BOUND, "hw:1:02000000000" + i, 0xC0000264 + i, 1_700_000_000L + i);
    }

    private LeaseJournal open() throws IOException {
        replayed.clear();
        return LeaseJournal.open(dir, replayed::add, warnings::add);
    }

    @Test
    void appendedChangesAreReplayedInOrder() throws IOException {
        List<LeaseChange> written = List.of(bound(1), bound(2),
                new LeaseChange(LeaseChange.Kind.RELEASED, "hw:1:020000000001", 0xC0000265, 5),
                new LeaseChange(LeaseChange.Kind.DECLINED, "", 0xC0000270, 9));
        try (LeaseJournal j = open()) {
            j.append(written.subList(0, 2));
            j.append(written.subList(2, 4));
            assertThat(j.appended()).isEqualTo(4);
        }
        try (LeaseJournal j = open()) {
            assertThat(replayed).isEqualTo(written);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aTornTailIsSkippedWithAWarningAndCutOff() throws IOException {
        try (LeaseJournal j = open()) {
            j.append(List.of(bound(1), bound(2)));
        }
        Path file = dir.resolve(LeaseJournal.JOURNAL);
        long full = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(full - 7);   // power lost in the middle of the second record
        }
        try (LeaseJournal j = open()) {
            assertThat(replayed).containsExactly(bound(1));
            assertThat(warnings).singleElement().asString().contains("torn record");
            j.append(List.of(bound(3)));   // appends continue after the last good record
        }
        warnings.clear();
        try (LeaseJournal j = open()) {
            assertThat(replayed).containsExactly(bound(1), bound(3));
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aCorruptByteEndsTheReplayAtThatRecord() throws IOException {
        try (LeaseJournal j = open()) {
            j.append(List.of(bound(1), bound(2), bound(3)));
        }
        Path file = dir.resolve(LeaseJournal.JOURNAL);
        byte[] d = Files.readAllBytes(file);
        int second = d.length / 3;
        d[second + 5] ^= 0x40;   // a bit flip inside the second record's address
        Files.write(file, d);
        try (LeaseJournal j = open()) {
            assertThat(replayed).containsExactly(bound(1));
            assertThat(warnings).singleElement().asString().contains("corrupt record").contains("at byte " + second);
        }
    }

    @Test
    void compactionReplacesTheJournalByASnapshot() throws IOException {
        try (LeaseJournal j = open()) {
            j.append(List.of(bound(1), bound(2), bound(3)));
            assertThat(j.snapshotSize()).isZero();
            j.compact(List.of(bound(2)));
            assertThat(j.appended()).isZero();
            assertThat(j.snapshotSize()).isEqualTo(1);   // the server compacts again after this many appends
            assertThat(Files.size(dir.resolve(LeaseJournal.JOURNAL))).isZero();
            j.append(List.of(bound(4)));
        }
        try (LeaseJournal j = open()) {
            assertThat(replayed).containsExactly(bound(2), bound(4));
        }
        assertThat(Files.exists(dir.resolve(LeaseJournal.SNAPSHOT + ".tmp"))).isFalse();
    }

    @Test
    void withoutFsyncAppendsAreStillWrittenAndReplayed() throws IOException {
        try (LeaseJournal j = LeaseJournal.open(dir, replayed::add, warnings::add, false)) {
            j.append(List.of(bound(1), bound(2)));
            assertThat(j.appended()).isEqualTo(2);
        }
        replayed.clear();
        try (LeaseJournal j = open()) {
            assertThat(replayed).containsExactly(bound(1), bound(2));
        }
    }

    @Test
    void aLeftoverTemporarySnapshotFromACrashIsIgnored() throws IOException {
        Files.write(dir.resolve(LeaseJournal.SNAPSHOT + ".tmp"), new byte[] {1, 2, 3});
        try (LeaseJournal j = open()) {
            assertThat(replayed).isEmpty();
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void theEngineStateSurvivesARestartThroughTheJournal() throws IOException {
        Dhcp4Engine engine = new Dhcp4Engine(Clients.config(1800));
        byte[] d = Clients.msg(MessageType.DISCOVER, Clients.MAC_A).build().emit();
        int a = engine.handle(d, 0, d.length, Clients.LAN, Clients.NOW).reply().yiaddr();
        byte[] r = Clients.msg(MessageType.REQUEST, Clients.MAC_A).serverId(Clients.SERVER).requested(a).build().emit();
        try (LeaseJournal j = open()) {
            j.append(engine.handle(r, 0, r.length, Clients.LAN, Clients.NOW).changes());
        }
        Dhcp4Engine restarted = new Dhcp4Engine(Clients.config(1800));
        try (LeaseJournal j = LeaseJournal.open(dir, restarted::restore, warnings::add)) {
            assertThat(restarted.activeLeases(Clients.NOW)).isEqualTo(1);
        }
    }
}
