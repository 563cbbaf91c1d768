package net.v6mostly.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Counters (DESIGN.md §3.3, §3.6): one dense slot per Stat constant, one writer, any reader. */
class CountersTest {

    enum TestStat implements Stat {
        TRANSLATED(false, "translated"),
        DROPPED_A(true, "dropped for reason A"),
        ANSWERED(false, "answered with an ICMP error"),
        DROPPED_B(true, "dropped for reason B");

        private final boolean drop;
        private final String explanation;

        TestStat(boolean drop, String explanation) {
            this.drop = drop;
            this.explanation = explanation;
        }

        @Override
        public String explanation() {
            return explanation;
        }

        @Override
        public boolean isDrop() {
            return drop;
        }
    }

    @Test
    void startAtZero() {
        Counters<TestStat> c = new Counters<>(TestStat.class);
        for (TestStat s : TestStat.values()) {
            assertThat(c.get(s)).isZero();
        }
        assertThat(c.drops()).isZero();
    }

    @Test
    void incrementCountsEachStatApart() {
        Counters<TestStat> c = new Counters<>(TestStat.class);
        c.increment(TestStat.TRANSLATED);
        c.increment(TestStat.TRANSLATED);
        c.increment(TestStat.DROPPED_B);
        assertThat(c.get(TestStat.TRANSLATED)).isEqualTo(2);
        assertThat(c.get(TestStat.DROPPED_A)).isZero();
        assertThat(c.get(TestStat.ANSWERED)).isZero();
        assertThat(c.get(TestStat.DROPPED_B)).isEqualTo(1);
    }

    @Test
    void dropsSumsOnlyDropStats() {
        Counters<TestStat> c = new Counters<>(TestStat.class);
        for (int i = 0; i < 5; i++) {
            c.increment(TestStat.TRANSLATED);
        }
        for (int i = 0; i < 3; i++) {
            c.increment(TestStat.DROPPED_A);
        }
        c.increment(TestStat.ANSWERED);
        for (int i = 0; i < 7; i++) {
            c.increment(TestStat.DROPPED_B);
        }
        assertThat(c.drops()).isEqualTo(10);
    }

    @Test
    void snapshotHasEveryConstantInDeclarationOrder() {
        Counters<TestStat> c = new Counters<>(TestStat.class);
        c.increment(TestStat.ANSWERED);
        Map<TestStat, Long> snap = c.snapshot();
        assertThat(List.copyOf(snap.keySet())).containsExactly(TestStat.values());
        assertThat(snap).containsEntry(TestStat.ANSWERED, 1L).containsEntry(TestStat.TRANSLATED, 0L);
        // a snapshot is a copy: later increments do not show in it
        c.increment(TestStat.ANSWERED);
        assertThat(snap.get(TestStat.ANSWERED)).isEqualTo(1L);
        assertThat(c.snapshot().get(TestStat.ANSWERED)).isEqualTo(2L);
    }

    @Test
    void statCarriesNameOrdinalAndExplanation() {
        Stat s = TestStat.DROPPED_B;
        assertThat(s.name()).isEqualTo("DROPPED_B");
        assertThat(s.ordinal()).isEqualTo(3);
        assertThat(s.explanation()).isEqualTo("dropped for reason B");
        assertThat(s.isDrop()).isTrue();
    }

    @Test
    void countersAreIndependent() {
        Counters<TestStat> a = new Counters<>(TestStat.class);
        Counters<TestStat> b = new Counters<>(TestStat.class);
        a.increment(TestStat.TRANSLATED);
        assertThat(b.get(TestStat.TRANSLATED)).isZero();
    }

    /**
     * One writer, one concurrent reader: the reader sees values that never go backwards and never
     * exceed what was written, and after the writer has finished it sees the final count.
     */
    @Test
    void oneWriterManyReadsAreMonotonic() throws InterruptedException {
        Counters<TestStat> c = new Counters<>(TestStat.class);
        int n = 2_000_000;
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong violations = new AtomicLong();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            long last = 0;
            started.countDown();
            while (!done.get()) {
                long v = c.get(TestStat.TRANSLATED);
                if (v < last || v > n) {
                    violations.incrementAndGet();
                }
                last = v;
            }
        });
        reader.start();
        started.await();
        for (int i = 0; i < n; i++) {
            c.increment(TestStat.TRANSLATED);
        }
        done.set(true);
        reader.join();
        assertThat(violations.get()).isZero();
        assertThat(c.get(TestStat.TRANSLATED)).isEqualTo(n);
    }
}
