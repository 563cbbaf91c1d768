package net.v6mostly.dns64;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the per-client bookkeeping and the fast path's byte walkers (DESIGN.md §6): shares
 * are never exceeded and leave nothing behind, the rate limit never lets more than its rate through
 * in one second, and the wire walkers stay inside any bytes they are given.
 */
class AbusePropertyTest {
    private static InetAddress client(int i) {
        return InetAddress.ofLiteral("198.18.0." + (i & 0xFF));
    }

    /** Any interleaving of takes and gives: no client above its share, and no entry once all is given back. */
    @Property(tries = 300)
    void sharesHoldUnderAnyInterleaving(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 15) Integer> ops,
            @ForAll @IntRange(min = 1, max = 5) int share) {
        ClientShares shares = new ClientShares(share);
        List<InetAddress> taken = new ArrayList<>();
        for (int op : ops) {
            InetAddress c = client(op & 7);
            if (op < 8) {
                boolean got = shares.tryAcquire(c);
                assertThat(got).isEqualTo(taken.stream().filter(c::equals).count() < share);
                if (got) {
                    taken.add(c);
                }
            } else if (taken.remove(c)) {
                shares.release(c);
            }
            assertThat(shares.held(c)).isLessThanOrEqualTo(share);
        }
        taken.forEach(shares::release);
        assertThat(shares.clients()).isZero();
    }

    /** Whatever arrives within one second, one client gets exactly min(sent, rate) through. */
    @Property(tries = 200)
    void rateLetsNoMoreThanItsRateThroughInOneSecond(@ForAll @IntRange(min = 1, max = 50) int rate,
            @ForAll @IntRange(min = 0, max = 200) int sent, @ForAll @IntRange(min = 0, max = 999) int startMillis) {
        long[] now = {7_000_000_000L + startMillis * 1_000_000L};
        RateLimiter r = new RateLimiter(rate, () -> now[0]);
        int allowed = 0;
        for (int i = 0; i < sent; i++) {
            if (r.allow(client(1))) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(Math.min(sent, rate));
    }

    /** The fast path's walkers never read outside the bytes, whatever they are. */
    @Property(tries = 2000)
    void wireWalkersStayInsideAnyBytes(@ForAll @Size(max = 600) byte[] b) {
        int end = WireAnswers.plainQueryEnd(b, b.length);
        assertThat(end).isBetween(-1, b.length);
        int q = b.length >= 12 ? WireAnswers.questionEnd(b, b.length) : -1;
        assertThat(q).isBetween(-1, b.length);
        if (b.length >= 12) {
            int[] ttls = WireAnswers.ttlOffsets(b);
            if (ttls != null) {
                for (int off : ttls) {
                    assertThat(off).isBetween(12, b.length - 4);
                }
            }
        }
    }
}
