package net.v6mostly.dns64;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Per-client shares and the optional per-client rate (as Unbound's {@code ip-ratelimit}): one
 * client is held to its share while another still gets in, refusals are counted under their own
 * names, and the tables never hold more than the global limit's worth of clients.
 */
class ClientLimitsTest {
    static final InetAddress A = InetAddress.ofLiteral("192.0.2.10");
    static final InetAddress B = InetAddress.ofLiteral("2001:db8::b");

    @Test
    void aClientGetsItsShareAndNoMoreWhileAnotherStillGetsIn() {
        ClientShares shares = new ClientShares(3);
        for (int i = 0; i < 3; i++) {
            assertThat(shares.tryAcquire(A)).isTrue();
        }
        assertThat(shares.tryAcquire(A)).isFalse();
        assertThat(shares.held(A)).isEqualTo(3);
        assertThat(shares.tryAcquire(B)).isTrue();
        shares.release(A);
        assertThat(shares.tryAcquire(A)).isTrue();
    }

    @Test
    void clientsHoldingNothingLeaveNoEntry() {
        ClientShares shares = new ClientShares(2);
        for (int i = 0; i < 10_000; i++) {
            InetAddress c = InetAddress.ofLiteral("198.18." + (i >>> 8) + "." + (i & 0xFF));
            assertThat(shares.tryAcquire(c)).isTrue();
            shares.release(c);
        }
        assertThat(shares.clients()).isZero();
    }

    @Test
    void rateLimitCountsPerClientPerSecond() {
        long[] now = {5_000_000_000L};
        RateLimiter r = new RateLimiter(3, () -> now[0]);
        assertThat(r.allow(A)).isTrue();
        assertThat(r.allow(A)).isTrue();
        assertThat(r.allow(A)).isTrue();
        assertThat(r.allow(A)).as("the fourth in the same second").isFalse();
        assertThat(r.allow(B)).as("another client has its own count").isTrue();
        now[0] += 999_999_999L;   // 5.999... s: still the same second
        assertThat(r.allow(A)).isFalse();
        now[0] += 1;              // the next second
        assertThat(r.allow(A)).isTrue();
    }

    @Test
    void rateLimitOffAllowsEverything() {
        RateLimiter r = new RateLimiter(0, () -> 0);
        for (int i = 0; i < 100_000; i++) {
            assertThat(r.allow(A)).isTrue();
        }
    }

    @Test
    void admissionCountsEachRefusalUnderItsReason() {
        Dns64Counters counters = new Dns64Counters(line -> { });
        Dns64Settings s = Dns64ResolverTest.settings().limits(16, 3)
                .abuse(new AbuseLimits(4, 2, 5, Duration.ofSeconds(60), 36)).build();
        Admission adm = new Admission(s, counters, () -> 0);
        assertThat(adm.enter(A)).isTrue();
        assertThat(adm.enter(A)).isTrue();
        assertThat(adm.enter(A)).as("A's share of in-flight is 2").isFalse();
        assertThat(counters.get(Dns64Stat.CLIENT_IN_FLIGHT_LIMIT)).isEqualTo(1);
        assertThat(adm.enter(B)).as("B still gets the third global slot").isTrue();
        InetAddress c = InetAddress.ofLiteral("192.0.2.99");
        assertThat(adm.enter(c)).as("the global max-in-flight of 3 is taken").isFalse();
        assertThat(counters.get(Dns64Stat.OVERLOAD_DROPPED)).isEqualTo(1);
        adm.exit(A);
        assertThat(adm.enter(c)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(adm.withinRate(B)).isTrue();
        }
        assertThat(adm.withinRate(B)).isFalse();
        assertThat(counters.get(Dns64Stat.RATE_LIMITED)).isEqualTo(1);
    }
}
