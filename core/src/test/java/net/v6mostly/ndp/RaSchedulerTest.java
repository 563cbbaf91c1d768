package net.v6mostly.ndp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

/** RFC 4861 §6.2.4–§6.2.6 timing with a fake clock (milliseconds passed in). */
class RaSchedulerTest {
    /** A generator that always returns the top of the range: the longest interval, the longest delay. */
    static final RandomGenerator MAX = new RandomGenerator() {
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }

        @Override
        public long nextLong(long origin, long bound) {
            return bound - 1;
        }
    };

    @Test
    void firstRaImmediatelyThenInitialClampThenPeriodic() {
        RaScheduler s = new RaScheduler(RaIntervals.DEFAULT, MAX);
        assertFalse(s.due(0));
        s.start(1000);
        assertTrue(s.due(1000));
        assertEquals(NdpStat.RA_SENT_INITIAL, s.fire(1000));
        assertEquals(1000 + 16_000, s.nextDue());              // clamped to MAX_INITIAL_RTR_ADVERT_INTERVAL
        assertEquals(NdpStat.RA_SENT_INITIAL, s.fire(17_000));
        assertEquals(33_000, s.nextDue());
        assertEquals(NdpStat.RA_SENT_INITIAL, s.fire(33_000));
        assertEquals(33_000 + 600_000, s.nextDue());           // after the third: MaxRtrAdvInterval
        assertEquals(NdpStat.RA_SENT_PERIODIC, s.fire(633_000));
    }

    @Test
    void unsolicitedIntervalsStayWithinMinAndMax() {
        RaScheduler s = new RaScheduler(new RaIntervals(30, 100), new SplittableRandom(7));
        s.start(0);
        long now = 0;
        List<Long> gaps = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            s.fire(now);
            long next = s.nextDue();
            if (i >= RaScheduler.MAX_INITIAL_RTR_ADVERTISEMENTS - 1) {
                gaps.add(next - now);
            }
            now = next;
        }
        for (long g : gaps) {
            assertTrue(g >= 30_000 && g <= 100_000, "gap " + g);
        }
        assertTrue(gaps.stream().mapToLong(Long::longValue).min().getAsLong() < 40_000);
        assertTrue(gaps.stream().mapToLong(Long::longValue).max().getAsLong() > 90_000);
    }

    @Test
    void solicitationAnsweredWithinMaxRaDelay() {
        RaScheduler s = new RaScheduler(RaIntervals.DEFAULT, MAX);
        s.start(0);
        s.fire(0);
        s.fire(16_000);
        s.fire(32_000);                                        // next unsolicited at 632 000
        assertEquals(NdpStat.RS_RECEIVED, s.solicited(100_000));
        assertEquals(100_500, s.nextDue());                    // MAX_RA_DELAY_TIME
        assertEquals(NdpStat.RA_SENT_SOLICITED, s.fire(100_500));
        assertEquals(100_500 + 600_000, s.nextDue());          // the timer restarts after any multicast RA
    }

    @Test
    void solicitationsRateLimitedToMinDelayBetweenRas() {
        RaScheduler s = new RaScheduler(RaIntervals.DEFAULT, MAX);
        s.start(0);
        s.fire(0);
        s.fire(16_000);
        s.fire(32_000);
        assertEquals(NdpStat.RS_RECEIVED, s.solicited(33_000)); // 1 s after an RA: wait 3 s + delay
        assertEquals(32_000 + 3_000 + 500, s.nextDue());
        assertEquals(NdpStat.RS_ANSWER_MERGED, s.solicited(33_100));
        assertEquals(NdpStat.RA_SENT_SOLICITED, s.fire(35_500));
        assertEquals(NdpStat.RS_RECEIVED, s.solicited(36_000));
        assertTrue(s.nextDue() - 35_500 >= RaScheduler.MIN_DELAY_BETWEEN_RAS_MS);
    }

    @Test
    void solicitationMergesIntoAnUnsolicitedRaDueSooner() {
        RaScheduler s = new RaScheduler(RaIntervals.DEFAULT, MAX);
        s.start(0);
        s.fire(0);                                             // next at 16 000
        assertEquals(NdpStat.RS_ANSWER_MERGED, s.solicited(15_800));
        assertEquals(16_000, s.nextDue());
    }

    @Test
    void reloadSendsPromptlyAndKeepsTheSchedule() {
        RaScheduler s = new RaScheduler(RaIntervals.DEFAULT, MAX);
        s.start(0);
        s.fire(0);
        s.fire(16_000);
        s.fire(32_000);
        s.reload(40_000, RaIntervals.DEFAULT);
        assertEquals(40_000, s.nextDue());
        assertEquals(NdpStat.RA_SENT_RELOAD, s.fire(40_000));
        assertEquals(56_000, s.nextDue());                     // initial clamping again
        s.reload(41_000, RaIntervals.ofMax(30));
        assertEquals(43_000, s.nextDue());                     // MIN_DELAY_BETWEEN_RAS after the last
    }

    @Test
    void intervalDefaultsPerRfc4861Section6_2_1() {
        assertEquals(198, RaIntervals.DEFAULT.min());
        assertEquals(600, RaIntervals.DEFAULT.max());
        assertEquals(1800, RaIntervals.DEFAULT.defaultRouterLifetime());
        assertEquals(1800, RaIntervals.DEFAULT.defaultPref64Lifetime());
        assertEquals(5400, RaIntervals.ofMax(1800).defaultPref64Lifetime());
        assertEquals(4, RaIntervals.ofMax(4).min());
    }
}
