package net.v6mostly.xlat.rfc6146;

import static net.v6mostly.xlat.rfc6146.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv6Address;

/**
 * RFC 6888 REQ-4 ("A CGN MUST support limiting the number of external ports ... that are assigned
 * per subscriber"), REQ-5 (state memory per subscriber and in total) and REQ-11 (a refusal drops
 * the packet, answers ICMP, and never deletes existing mappings to make room). A subscriber is an
 * IPv6 prefix of {@code subscriber-prefix-length} bits, so addresses rotated within it (RFC 8981)
 * share one quota.
 */
class SubscriberLimitsTest {
    static final long SUB_A = 0x20010db800010000L; // 2001:db8:1::/64
    final Nat64Worker w = new Nat64Worker();

    static Nat64Stat udp(Nat64State s, Nat64Worker w, long hi, long lo, int sport, int dport, long now) {
        return s.lookup64(w, Protocol.UDP, hi, lo, sport, SERVER, dport, 0, now);
    }

    @Test
    void tenThousandSourcesInOneSlash64HitTheSubscriberLimitWhileAnotherSubscriberStillMaps_rfc6888_req4() {
        Nat64State s = new Nat64State(config(P1).withHostLimits(1000, 2000), MappingLogSink.NONE);
        int mapped = 0;
        for (int i = 1; i <= 10_000; i++) {
            if (udp(s, w, SUB_A, i, 5000, 53, 0) == Nat64Stat.MAPPED_64) {
                mapped++;
            }
        }
        assertThat(mapped).isEqualTo(1000);
        assertThat(w.counters().get(Nat64Stat.HOST_PORT_LIMIT_64)).isEqualTo(9000);
        assertThat(Nat64Stat.HOST_PORT_LIMIT_64.icmpType()).isEqualTo(1);
        assertThat(Nat64Stat.HOST_PORT_LIMIT_64.icmpCode()).isEqualTo(3);
        assertThat(s.subscriberCount()).isEqualTo(1);
        assertThat(s.hostCount()).as("refused addresses leave no record behind").isEqualTo(1000);
        assertThat(udp(s, w, OTHER_SUBSCRIBER.hi(), OTHER_SUBSCRIBER.lo(), 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(s.subscriberCount()).isEqualTo(2);
        // REQ-11 d: the mappings held are kept and keep working
        assertThat(udp(s, w, SUB_A, 1, 5000, 54, 1)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(s.bibCount(Protocol.UDP)).isEqualTo(1001);
    }

    @Test
    void sessionsCountPerSubscriberOverAllItsAddressesAndBothDirections_rfc6888_req5() {
        Nat64State s = new Nat64State(config(P1).withHostLimits(100, 4), MappingLogSink.NONE);
        assertThat(udp(s, w, SUB_A, 1, 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(udp(s, w, SUB_A, 2, 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(udp(s, w, SUB_A, 3, 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        int port = w.port4;
        assertThat(s.lookup46(w, Protocol.UDP, P1, port, SERVER2, 7000, 0, 1)).as("4th session, from IPv4")
                .isEqualTo(Nat64Stat.MAPPED_46);
        assertThat(s.lookup46(w, Protocol.UDP, P1, port, SERVER2, 7001, 0, 1))
                .isEqualTo(Nat64Stat.HOST_SESSION_LIMIT_46);
        assertThat(udp(s, w, SUB_A, 4, 5000, 53, 1)).as("a new BIB entry, but no session left")
                .isEqualTo(Nat64Stat.HOST_SESSION_LIMIT_64);
        assertThat(udp(s, w, OTHER_SUBSCRIBER.hi(), OTHER_SUBSCRIBER.lo(), 5000, 53, 1))
                .isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(s.sessionTotal()).isEqualTo(5);
    }

    @Test
    void theGlobalBibCapRefusesEverySubscriberOnceReachedAndCountsIt_rfc6888_req5_req11() {
        Nat64State s = new Nat64State(config(P1).withSubscribers(64, 5, 100), MappingLogSink.NONE);
        for (int i = 0; i < 5; i++) {
            assertThat(udp(s, w, SUB_A + i, 1, 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        }
        for (int i = 5; i < 1005; i++) {
            assertThat(udp(s, w, SUB_A + i, 1, 5000, 53, 0)).isEqualTo(Nat64Stat.BIB_LIMIT_64);
        }
        assertThat(w.counters().get(Nat64Stat.BIB_LIMIT_64)).isEqualTo(1000);
        assertThat(Nat64Stat.BIB_LIMIT_64.icmpType()).isEqualTo(1);
        assertThat(Nat64Stat.BIB_LIMIT_64.icmpCode()).isEqualTo(3);
        assertThat(s.dynamicBibTotal()).isEqualTo(5);
        assertThat(s.subscriberCount()).as("1000 refused prefixes leave no record").isEqualTo(5);
        assertThat(s.hostCount()).isEqualTo(5);
        assertThat(udp(s, w, SUB_A, 1, 5000, 54, 1)).as("existing entries still gain sessions")
                .isEqualTo(Nat64Stat.MAPPED_64);
    }

    @Test
    void theGlobalSessionCapCountsStaticEntriesSessionsToo_rfc6888_req5() {
        Nat64State s = new Nat64State(config(P1).withSubscribers(64, 100, 3), MappingLogSink.NONE);
        s.addStatic(Protocol.TCP, H1.hi(), H1.lo(), 80, P1, 80);
        int syn = TcpStateMachine.SYN;
        assertThat(s.lookup46(w, Protocol.TCP, P1, 80, SERVER, 40000, syn, 0)).isEqualTo(Nat64Stat.MAPPED_46);
        assertThat(s.lookup46(w, Protocol.TCP, P1, 80, SERVER, 40001, syn, 0)).isEqualTo(Nat64Stat.MAPPED_46);
        assertThat(udp(s, w, SUB_A, 1, 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(s.lookup46(w, Protocol.TCP, P1, 80, SERVER, 40002, syn, 0)).isEqualTo(Nat64Stat.SESSION_LIMIT_46);
        assertThat(udp(s, w, SUB_A, 1, 5000, 54, 0)).isEqualTo(Nat64Stat.SESSION_LIMIT_64);
        assertThat(Nat64Stat.SESSION_LIMIT_46.icmpType()).isEqualTo(3);
        assertThat(Nat64Stat.SESSION_LIMIT_46.icmpCode()).isEqualTo(13);
        assertThat(s.sessionTotal()).isEqualTo(3);
        assertThat(s.sessionCount(Protocol.TCP) + s.sessionCount(Protocol.UDP)).isEqualTo(3);
    }

    @Test
    void recordsGoWithTheirLastMappingSoMemoryFollowsMappingsNotSubscribersSeen() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        for (int i = 0; i < 2000; i++) {
            assertThat(udp(s, w, SUB_A + i % 200, i, 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        }
        assertThat(s.subscriberCount()).isEqualTo(200);
        assertThat(s.hostCount()).isEqualTo(2000);
        new SessionSweeper(s).sweepAll(10 * MIN, new Nat64Worker(), ExpiryListener.NONE);
        assertThat(s.subscriberCount()).isZero();
        assertThat(s.hostCount()).isZero();
        assertThat(s.dynamicBibTotal()).isZero();
        assertThat(s.sessionTotal()).isZero();
        assertThat(s.bibCount(Protocol.UDP)).isZero();
    }

    @Test
    void thePrefixLengthDecidesWhoIsOneSubscriber() {
        Nat64State per128 = new Nat64State(config(P1).withHostLimits(1, 10).withSubscribers(128, 100, 100),
                MappingLogSink.NONE);
        assertThat(udp(per128, w, H1.hi(), H1.lo(), 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(udp(per128, w, H2.hi(), H2.lo(), 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        Nat64State per48 = new Nat64State(config(P1).withHostLimits(1, 10).withSubscribers(48, 100, 100),
                MappingLogSink.NONE);
        Ipv6Address a = Ipv6Address.parse("2001:db8:1:1::1");
        Ipv6Address b = Ipv6Address.parse("2001:db8:1:ffff::1");
        assertThat(udp(per48, w, a.hi(), a.lo(), 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(udp(per48, w, b.hi(), b.lo(), 5000, 53, 0)).isEqualTo(Nat64Stat.HOST_PORT_LIMIT_64);
        Nat64State per72 = new Nat64State(config(P1).withHostLimits(1, 10).withSubscribers(72, 100, 100),
                MappingLogSink.NONE);
        assertThat(udp(per72, w, SUB_A, 0x00ff_0000_0000_0001L, 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(udp(per72, w, SUB_A, 0x00aa_0000_0000_0002L, 5000, 53, 0)).as("same first 72 bits")
                .isEqualTo(Nat64Stat.HOST_PORT_LIMIT_64);
        assertThat(udp(per72, w, SUB_A, 0x01ff_0000_0000_0001L, 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
    }

    @Test
    void limitsAreValidatedAndThePrefixLengthNeedsARestart() {
        assertThatThrownBy(() -> config(P1).withSubscribers(0, 1, 1)).hasMessageContaining("subscriber-prefix-length");
        assertThatThrownBy(() -> config(P1).withSubscribers(129, 1, 1)).hasMessageContaining("subscriber-prefix-length");
        assertThatThrownBy(() -> config(P1).withSubscribers(64, 0, 1)).hasMessageContaining("max-bib-entries");
        assertThatThrownBy(() -> config(P1).withSubscribers(64, 1, 0)).hasMessageContaining("max-sessions");
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        assertThatThrownBy(() -> s.reconfigure(config(P1).withSubscribers(56, 10, 10)))
                .hasMessage("subscriber-prefix-length");
        assertThat(udp(s, w, SUB_A, 1, 5000, 53, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        s.reconfigure(config(P1).withSubscribers(64, 1, 10));
        assertThat(udp(s, w, SUB_A, 1, 5000, 54, 0)).as("lowered caps keep what exists")
                .isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(udp(s, w, SUB_A, 2, 5000, 53, 0)).isEqualTo(Nat64Stat.BIB_LIMIT_64);
    }
}
