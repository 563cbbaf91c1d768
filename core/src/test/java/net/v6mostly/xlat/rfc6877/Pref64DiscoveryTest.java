package net.v6mostly.xlat.rfc6877;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.Pref64Option;

/** RFC 9872 §3.1 source order, RFC 8781 §4.1 lifetimes, RFC 7050 §3 caching — all on an injected clock. */
class Pref64DiscoveryTest {
    static final long S = 1_000_000_000L;
    static final Rfc6052Prefix A = Rfc6052Prefix.parse("2001:db8:64::/96");
    static final Rfc6052Prefix B = Rfc6052Prefix.parse("2001:db8:46::/96");
    static final List<Ipv6Address> DNS_A = List.of(Ipv6Address.parse("2001:db8:64::c000:aa"));

    static List<NdpOption> pref64(Rfc6052Prefix p, int lifetime) {
        return List.of(new Pref64Option(p.prefix(), lifetime));
    }

    static Pref64Discovery discovery() {
        return new Pref64Discovery(null, true, 0, 2 * S);
    }

    @Test
    void raPrefixLivesForItsLifetimeAndIsRefreshed() {
        Pref64Discovery d = discovery();
        d.onRouterAdvertisement(pref64(A, 600), 0);
        assertThat(d.current(599 * S)).hasValueSatisfying(p -> {
            assertThat(p.prefix()).isEqualTo(A);
            assertThat(p.source()).isEqualTo(Pref64Source.ROUTER_ADVERTISEMENT);
        });
        assertThat(d.current(600 * S)).as("expired at its lifetime").isEmpty();
        d.onRouterAdvertisement(pref64(A, 600), 500 * S);
        assertThat(d.current(1099 * S)).isPresent();
    }

    @Test
    void lifetimeZeroWithdrawsThePrefix() {
        Pref64Discovery d = discovery();
        d.onRouterAdvertisement(pref64(A, 600), 0);
        d.onRouterAdvertisement(pref64(A, 0), S);
        assertThat(d.current(S)).isEmpty();
    }

    @Test
    void aNewPrefixTakesOverFromOneThatRunsDown() {
        Pref64Discovery d = discovery();
        d.onRouterAdvertisement(pref64(A, 1800), 0);
        // the router renumbers: A still advertised but shortening, B new with the full lifetime
        d.onRouterAdvertisement(List.of(new Pref64Option(A.prefix(), 64), new Pref64Option(B.prefix(), 1800)), 10 * S);
        assertThat(d.current(10 * S).orElseThrow().prefix()).isEqualTo(B);
        // and when the RA drops A silently, B is still the choice
        d.onRouterAdvertisement(pref64(B, 1800), 20 * S);
        assertThat(d.current(20 * S).orElseThrow().prefix()).isEqualTo(B);
    }

    @Test
    void twoPrefixesWithEqualLifetimesDoNotFlap() {
        Pref64Discovery d = discovery();
        d.onRouterAdvertisement(pref64(A, 600), 0);
        assertThat(d.current(0).orElseThrow().prefix()).isEqualTo(A);
        for (int i = 1; i < 5; i++) {
            d.onRouterAdvertisement(List.of(new Pref64Option(B.prefix(), 600), new Pref64Option(A.prefix(), 600)), i * S);
            assertThat(d.current(i * S).orElseThrow().prefix()).isEqualTo(A);
        }
    }

    @Test
    void aConfiguredPrefixOverridesBoth() {
        Rfc6052Prefix mine = Rfc6052Prefix.parse("64:ff9b::/96");
        Pref64Discovery d = new Pref64Discovery(mine, true, 0, 0);
        d.onRouterAdvertisement(pref64(A, 600), 0);
        assertThat(d.current(0).orElseThrow()).isEqualTo(new Pref64(mine, Pref64Source.CONFIGURED, Long.MAX_VALUE));
        assertThat(d.rfc7050Due(100 * S)).isFalse();
    }

    @Test
    void rfc7050OnlyWhileNoRaCarriesAPrefixAndAfterTheDelay() {
        Pref64Discovery d = discovery();
        assertThat(d.rfc7050Due(S)).as("waits for an RA first").isFalse();
        assertThat(d.rfc7050Due(2 * S)).isTrue();
        d.onRouterAdvertisement(pref64(A, 600), 2 * S);
        assertThat(d.rfc7050Due(3 * S)).as("RFC 9872 §3.1: not while an RA carries PREF64").isFalse();
        assertThat(d.rfc7050Due(602 * S)).as("the RA prefix expired").isTrue();
    }

    @Test
    void rfc7050AnswerIsCachedForItsTtlAndRefreshedTenSecondsBefore() {
        Pref64Discovery d = discovery();
        d.onRfc7050Answer(DNS_A, 60, 2 * S);
        assertThat(d.current(2 * S).orElseThrow()).isEqualTo(new Pref64(A, Pref64Source.RFC7050, 62 * S));
        assertThat(d.rfc7050Due(51 * S)).isFalse();
        assertThat(d.rfc7050Due(52 * S)).as("TTL 60 s, re-query 10 s before").isTrue();
        d.onRfc7050Failure(52 * S);
        assertThat(d.current(61 * S)).as("a failed refresh keeps the cached answer until its TTL").isPresent();
        assertThat(d.current(62 * S)).isEmpty();
    }

    @Test
    void anRaPrefixWinsOverTheRfc7050One() {
        Pref64Discovery d = discovery();
        d.onRfc7050Answer(DNS_A, 600, 2 * S);
        d.onRouterAdvertisement(pref64(B, 600), 3 * S);
        assertThat(d.current(3 * S).orElseThrow().source()).isEqualTo(Pref64Source.ROUTER_ADVERTISEMENT);
    }

    @Test
    void failuresBackOffExponentiallyToAMinute() {
        Pref64Discovery d = discovery();
        long now = 2 * S;
        long[] waits = new long[8];
        for (int i = 0; i < waits.length; i++) {
            assertThat(d.rfc7050Due(now)).isTrue();
            d.onRfc7050Failure(now);
            long next = now;
            while (!d.rfc7050Due(next)) {
                next += S;
            }
            waits[i] = (next - now) / S;
            now = next;
        }
        assertThat(waits).containsExactly(1, 2, 4, 8, 16, 32, 60, 60);
    }

    @Test
    void anAnswerWithoutWkaMeansNoDns64() {
        Pref64Discovery d = discovery();
        d.onRfc7050Answer(DNS_A, 600, 2 * S);
        d.onRfc7050Answer(List.of(Ipv6Address.parse("2001:db8::1")), 600, 3 * S);
        assertThat(d.current(3 * S)).isEmpty();
    }

    @Test
    void advertisedListsValidRaPrefixes() {
        Pref64Discovery d = discovery();
        d.onRouterAdvertisement(List.of(new Pref64Option(A.prefix(), 64), new Pref64Option(B.prefix(), 1800)), 0);
        assertThat(d.advertised(0)).containsKeys(Ipv6Prefix.parse("2001:db8:64::/96"), B.prefix());
        assertThat(d.advertised(100 * S)).containsOnlyKeys(B.prefix());
    }

    /** A /96 with bits 64..71 set: what the parser admits (a valid PLC) and RFC 6052 §2.2 forbids. */
    static final Ipv6Prefix NONZERO_U = Ipv6Prefix.parse("2001:db8:64:0:ff00::/96");

    @Test
    void aPrefixWithANonZeroUOctetIsIgnoredAndCounted() {
        net.v6mostly.stats.Counters<ClatStat> c = new net.v6mostly.stats.Counters<>(ClatStat.class);
        Pref64Discovery d = new Pref64Discovery(null, true, 0, 2 * S, c);
        d.onRouterAdvertisement(List.of(new Pref64Option(NONZERO_U, 600), new Pref64Option(A.prefix(), 600)), 0);
        assertThat(c.get(ClatStat.PREF64_NONZERO_U_OCTET)).isEqualTo(1);
        assertThat(c.get(ClatStat.PREF64_OPTION)).as("the valid option of the same RA is taken").isEqualTo(1);
        assertThat(d.current(S).orElseThrow().prefix()).isEqualTo(A);
        assertThat(d.advertised(S)).containsOnlyKeys(A.prefix());
    }

    static Rfc6052Prefix numbered(int i) {
        return new Rfc6052Prefix(new Ipv6Prefix(0x2001_0db8_0000_0000L | i, 0, 96));
    }

    @Test
    void theRaPrefixTableIsBoundedAndNeverLosesThePrefixInUse() {
        net.v6mostly.stats.Counters<ClatStat> c = new net.v6mostly.stats.Counters<>(ClatStat.class);
        Pref64Discovery d = new Pref64Discovery(null, true, 0, 2 * S, c);
        d.onRouterAdvertisement(pref64(A, 1800), 0);
        assertThat(d.current(0).orElseThrow().prefix()).isEqualTo(A);
        // a hostile host advertises thousands of prefixes with short lifetimes: refused once full
        for (int i = 1; i <= 5000; i++) {
            d.onRouterAdvertisement(pref64(numbered(i), 64), S);
        }
        assertThat(d.advertised(S)).hasSize(Pref64Discovery.MAX_RA_PREFIXES).containsKey(A.prefix());
        assertThat(c.get(ClatStat.PREF64_TABLE_FULL)).isEqualTo(5000 - (Pref64Discovery.MAX_RA_PREFIXES - 1));
        assertThat(d.current(S).orElseThrow().prefix()).as("in use, and it lives longest").isEqualTo(A);
        // longer-lived newcomers replace the soonest-expiring entries, never A while it is in use
        for (int i = 6000; i < 6000 + 3 * Pref64Discovery.MAX_RA_PREFIXES; i++) {
            d.onRouterAdvertisement(pref64(numbered(i), 600), 2 * S);
        }
        assertThat(d.advertised(2 * S)).hasSize(Pref64Discovery.MAX_RA_PREFIXES).containsKey(A.prefix());
        assertThat(c.get(ClatStat.PREF64_EVICTED)).isEqualTo(Pref64Discovery.MAX_RA_PREFIXES - 1);
        // refreshing and withdrawing a known prefix still works in a full table
        d.onRouterAdvertisement(pref64(A, 0), 3 * S);
        assertThat(d.advertised(3 * S)).hasSize(Pref64Discovery.MAX_RA_PREFIXES - 1).doesNotContainKey(A.prefix());
    }
}
