package net.v6mostly.xlat.rfc6877;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bounded table behind the RA-learned PREF64, PIO and RDNSS state (DESIGN.md §6). */
class ExpiringTableTest {

    @Test
    void addsRefreshesAndRemovesOnAnExpiryNotInTheFuture() {
        ExpiringTable<String> t = new ExpiringTable<>(2);
        assertThat(t.put("a", 100, 0, null)).isEqualTo(ExpiringTable.Outcome.ADDED);
        assertThat(t.put("a", 200, 10, null)).isEqualTo(ExpiringTable.Outcome.REFRESHED);
        assertThat(t.entries()).containsEntry("a", 200L);
        assertThat(t.put("a", 10, 10, null)).as("lifetime 0").isEqualTo(ExpiringTable.Outcome.REMOVED);
        assertThat(t.size()).isZero();
    }

    @Test
    void whenFullTheSoonestExpiringUnpinnedEntryMakesRoomForOneThatOutlivesIt() {
        ExpiringTable<String> t = new ExpiringTable<>(2);
        t.put("pinned", 50, 0, null);
        t.put("b", 80, 0, null);
        assertThat(t.put("c", 70, 0, "pinned")).as("outlived by b, the only replaceable entry")
                .isEqualTo(ExpiringTable.Outcome.REFUSED);
        assertThat(t.put("c", 90, 0, "pinned")).isEqualTo(ExpiringTable.Outcome.REPLACED);
        assertThat(t.entries()).containsOnlyKeys("pinned", "c");
        assertThat(t.put("d", 1000, 0, "pinned")).isEqualTo(ExpiringTable.Outcome.REPLACED);
        assertThat(t.entries()).containsOnlyKeys("pinned", "d");
    }

    @Test
    void expiredEntriesLeaveRoomBeforeAnythingIsReplaced() {
        ExpiringTable<String> t = new ExpiringTable<>(1);
        t.put("a", 100, 0, null);
        assertThat(t.put("b", 150, 100, null)).isEqualTo(ExpiringTable.Outcome.ADDED);
        assertThat(t.entries()).containsOnlyKeys("b");
        assertThat(t.capacity()).isEqualTo(1);
    }
}
