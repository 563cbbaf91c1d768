package net.v6mostly.xlat.rfc6146;

import static net.v6mostly.xlat.rfc6146.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv4;

/** BIB, session, filtering, pooling and limit rules of RFC 6146 §3.5 and RFC 6888, one test per sentence. */
class Nat64StateTest {
    final Nat64Worker w = new Nat64Worker();

    @Test
    void endpointIndependentMappingSameSourceSameMappingForEveryDestination_rfc6146_3_1() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        assertThat(out(s, w, Protocol.UDP, H1, 5000, SERVER, 53, 0, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        int addr = w.addr4;
        int port = w.port4;
        assertThat(out(s, w, Protocol.UDP, H1, 5000, SERVER2, 123, 0, 1)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(w.addr4).isEqualTo(addr);
        assertThat(w.port4).isEqualTo(port);
        assertThat(s.bibCount(Protocol.UDP)).isEqualTo(1);
        assertThat(s.sessionCount(Protocol.UDP)).isEqualTo(2);
    }

    @Test
    void endpointIndependentFilteringLetsAnyRemoteInThroughAnExistingBib_rfc6146_3_5_1() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        out(s, w, Protocol.UDP, H1, 5000, SERVER, 53, 0, 0);
        int port = w.port4;
        assertThat(s.lookup46(w, Protocol.UDP, P1, port, SERVER2, 9999, 0, 10)).isEqualTo(Nat64Stat.MAPPED_46);
        assertThat(w.hi).isEqualTo(H1.hi());
        assertThat(w.lo).isEqualTo(H1.lo());
        assertThat(w.port6).isEqualTo(5000);
    }

    @Test
    void addressDependentFilteringRefusesRemotesTheHostNeverContacted_rfc6146_3_5_1_ifFiltering() {
        Nat64State s = new Nat64State(config(P1).withAddressDependentFiltering(true), MappingLogSink.NONE);
        out(s, w, Protocol.UDP, H1, 5000, SERVER, 53, 0, 0);
        int port = w.port4;
        assertThat(s.lookup46(w, Protocol.UDP, P1, port, SERVER2, 53, 0, 1)).isEqualTo(Nat64Stat.FILTERED_46);
        assertThat(Nat64Stat.FILTERED_46.icmpType()).isEqualTo(3);
        assertThat(Nat64Stat.FILTERED_46.icmpCode()).isEqualTo(13);
        // same address, other port: address-dependent, not address-and-port-dependent
        assertThat(s.lookup46(w, Protocol.UDP, P1, port, SERVER, 5353, 0, 1)).isEqualTo(Nat64Stat.MAPPED_46);
    }

    @Test
    void ipv4PacketWithoutBibEntryIsRefused_rfc6146_3_5_1() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        assertThat(s.lookup46(w, Protocol.UDP, P1, 40000, SERVER, 53, 0, 0)).isEqualTo(Nat64Stat.NO_BIB_46);
        assertThat(s.lookup46(w, Protocol.ICMP, P1, 7, SERVER, 0, 0, 0)).isEqualTo(Nat64Stat.NO_BIB_46);
        assertThat(s.lookup46(w, Protocol.UDP, Ipv4.parse("192.0.2.99"), 40000, SERVER, 53, 0, 0))
                .isEqualTo(Nat64Stat.NO_BIB_46);
        assertThat(w.counters().get(Nat64Stat.NO_BIB_46)).isEqualTo(3);
    }

    @Test
    void icmpQueryIdentifierIsTranslatedLikeAPort_rfc6146_3_5_3() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        assertThat(out(s, w, Protocol.ICMP, H1, 0x1234, SERVER, 0x1234, 0, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        int id4 = w.port4;
        assertThat(s.lookup46(w, Protocol.ICMP, P1, id4, SERVER, 0, 0, 5)).isEqualTo(Nat64Stat.MAPPED_46);
        assertThat(w.port6).isEqualTo(0x1234);
    }

    @Test
    void pairedPoolingGivesOneHostOneAddressForAllProtocols_rfc6888_req2() {
        Nat64State s = new Nat64State(config(P1, P2, Ipv4.parse("192.0.2.3"), Ipv4.parse("192.0.2.4")),
                MappingLogSink.NONE);
        Set<Integer> seen = new HashSet<>();
        for (int port = 1000; port < 1100; port++) {
            out(s, w, Protocol.values()[port % 3], H1, port, SERVER, 80, TcpStateMachine.SYN, 0);
            seen.add(w.addr4);
        }
        assertThat(seen).hasSize(1);
        assertThat(s.pairedAddress(H1.hi(), H1.lo())).isEqualTo(seen.iterator().next());
    }

    @Test
    void sourcePortBelow1024GetsAPortBelow1024WhenTheRangeHasThem_rfc6146_3_5_1_1() {
        Pool4 pool = new Pool4(new int[] {P1}, new Pool4.PortRange(1, 65535), new Pool4.PortRange(1, 65535),
                new Pool4.PortRange(0, 65535));
        Nat64State s = new Nat64State(Nat64Config.defaults(pool), MappingLogSink.NONE);
        out(s, w, Protocol.UDP, H1, 500, SERVER, 53, 0, 0);
        assertThat(w.port4).isBetween(1, 1023);
        out(s, w, Protocol.UDP, H1, 5000, SERVER, 53, 0, 0);
        assertThat(w.port4).isBetween(1024, 65535);
    }

    @Test
    void exhaustionRefusesWithAddressUnreachableAndCountsIt_rfc6146_3_5_1_rfc6888_req11() {
        Pool4 pool = new Pool4(new int[] {P1}, new Pool4.PortRange(2000, 2009), new Pool4.PortRange(2000, 2009),
                new Pool4.PortRange(0, 9));
        Nat64State s = new Nat64State(Nat64Config.defaults(pool), MappingLogSink.NONE);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            assertThat(out(s, w, Protocol.UDP, H1, 3000 + i, SERVER, 53, 0, 0)).isEqualTo(Nat64Stat.MAPPED_64);
            ports.add(w.port4);
        }
        assertThat(ports).hasSize(10);
        assertThat(out(s, w, Protocol.UDP, H1, 4000, SERVER, 53, 0, 0)).isEqualTo(Nat64Stat.POOL4_EXHAUSTED_64);
        assertThat(Nat64Stat.POOL4_EXHAUSTED_64.icmpType()).isEqualTo(1);
        assertThat(Nat64Stat.POOL4_EXHAUSTED_64.icmpCode()).isEqualTo(3);
        assertThat(w.counters().get(Nat64Stat.POOL4_EXHAUSTED_64)).isEqualTo(1);
        // existing mappings are kept (RFC 6888 REQ-11: never delete to make room)
        assertThat(out(s, w, Protocol.UDP, H1, 3000, SERVER2, 53, 0, 1)).isEqualTo(Nat64Stat.MAPPED_64);
    }

    @Test
    void perHostPortAndSessionLimitsHold_rfc6888_req4() {
        Nat64State s = new Nat64State(config(P1).withHostLimits(3, 5), MappingLogSink.NONE);
        for (int i = 0; i < 3; i++) {
            assertThat(out(s, w, Protocol.UDP, H1, 3000 + i, SERVER, 53, 0, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        }
        assertThat(out(s, w, Protocol.UDP, H1, 4000, SERVER, 53, 0, 0)).isEqualTo(Nat64Stat.HOST_PORT_LIMIT_64);
        assertThat(out(s, w, Protocol.UDP, H2, 4000, SERVER, 53, 0, 0)).as("same /64, same subscriber")
                .isEqualTo(Nat64Stat.HOST_PORT_LIMIT_64);
        assertThat(out(s, w, Protocol.UDP, OTHER_SUBSCRIBER, 4000, SERVER, 53, 0, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        out(s, w, Protocol.UDP, H1, 3000, SERVER2, 53, 0, 0);
        out(s, w, Protocol.UDP, H1, 3000, SERVER2, 54, 0, 0);
        assertThat(out(s, w, Protocol.UDP, H1, 3000, SERVER2, 55, 0, 0)).isEqualTo(Nat64Stat.HOST_SESSION_LIMIT_64);
    }

    @Test
    void portBlocksKeepAHostInsideItsBlocksAndAreLogged_rfc7422() {
        List<MappingEvent> events = new ArrayList<>();
        Nat64State s = new Nat64State(config(P1).withBlocks(64, 2), events::add);
        Set<Integer> blocks = new HashSet<>();
        for (int i = 0; i < 128; i++) {
            assertThat(out(s, w, Protocol.UDP, H1, 3000 + i, SERVER, 53, 0, 0)).isEqualTo(Nat64Stat.MAPPED_64);
            blocks.add((w.port4 - 1024) / 64);
        }
        assertThat(blocks).hasSize(2);
        assertThat(out(s, w, Protocol.UDP, H1, 9000, SERVER, 53, 0, 0)).isEqualTo(Nat64Stat.HOST_BLOCK_LIMIT_64);
        assertThat(events.stream().filter(e -> e.kind() == MappingEvent.Kind.BLOCK_ALLOC)).hasSize(2);
        new SessionSweeper(s).sweepAll(10 * MIN, new Nat64Worker(), ExpiryListener.NONE);
        assertThat(events.stream().filter(e -> e.kind() == MappingEvent.Kind.BLOCK_RELEASE)).hasSize(2);
        assertThat(s.hostCount()).isZero();
    }

    @Test
    void staticBibEntryForwardsIpv4ToTheIpv6ServerAndNeverExpires_rfc6146_3_1() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        s.addStatic(Protocol.TCP, H2.hi(), H2.lo(), 80, P1, 8080);
        assertThat(s.lookup46(w, Protocol.TCP, P1, 8080, SERVER, 40000, TcpStateMachine.SYN, 0))
                .isEqualTo(Nat64Stat.MAPPED_46);
        assertThat(w.port6).isEqualTo(80);
        assertThat(w.state).isEqualTo(TcpState.V4_INIT);
        new SessionSweeper(s).sweepAll(100 * 3600_000L, new Nat64Worker(), ExpiryListener.NONE);
        assertThat(s.bibCount(Protocol.TCP)).isEqualTo(1);
        assertThat(s.sessionCount(Protocol.TCP)).isZero();
        assertThatThrownBy(() -> s.addStatic(Protocol.TCP, H1.hi(), H1.lo(), 81, P1, 8080))
                .hasMessageContaining("already taken");
        assertThatThrownBy(() -> s.addStatic(Protocol.TCP, H1.hi(), H1.lo(), 81, SERVER, 8080))
                .hasMessageContaining("not in pool4");
    }

    @Test
    void udpSessionLivesUdpDefaultThenItsBibAndPortAreFreed_rfc6146_3_5_1_and_4() {
        List<MappingEvent> events = new ArrayList<>();
        Nat64State s = new Nat64State(config(P1), events::add);
        SessionSweeper sweeper = new SessionSweeper(s);
        Nat64Worker sw = new Nat64Worker();
        out(s, w, Protocol.UDP, H1, 5000, SERVER, 53, 0, 0);
        int port = w.port4;
        sweeper.sweepAll(5 * MIN - 1, sw, ExpiryListener.NONE);
        assertThat(s.lookup46(w, Protocol.UDP, P1, port, SERVER, 53, 0, 5 * MIN - 1)).isEqualTo(Nat64Stat.MAPPED_46);
        // the inbound packet refreshed it (RFC 4787 REQ-6 allows it)
        sweeper.sweepAll(10 * MIN - 2, sw, ExpiryListener.NONE);
        assertThat(s.bibCount(Protocol.UDP)).isEqualTo(1);
        sweeper.sweepAll(10 * MIN - 1, sw, ExpiryListener.NONE);
        assertThat(s.bibCount(Protocol.UDP)).isZero();
        assertThat(s.hostCount()).isZero();
        assertThat(sw.counters().get(Nat64Stat.BIB_EXPIRED)).isEqualTo(1);
        assertThat(events).extracting(MappingEvent::kind)
                .containsExactly(MappingEvent.Kind.BIB_CREATE, MappingEvent.Kind.BIB_DELETE);
        assertThat(s.lookup46(w, Protocol.UDP, P1, port, SERVER, 53, 0, 11 * MIN)).isEqualTo(Nat64Stat.NO_BIB_46);
    }

    @Test
    void aFreedPortIsNotReallocatedFor120Seconds_rfc6888_req8() {
        Pool4 pool = new Pool4(new int[] {P1}, new Pool4.PortRange(2000, 2000), new Pool4.PortRange(2000, 2000),
                new Pool4.PortRange(0, 0));
        Nat64State s = new Nat64State(Nat64Config.defaults(pool), MappingLogSink.NONE);
        SessionSweeper sweeper = new SessionSweeper(s);
        Nat64Worker sw = new Nat64Worker();
        assertThat(out(s, w, Protocol.UDP, H1, 5000, SERVER, 53, 0, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        long freed = Timeouts.UDP_DEFAULT;
        sweeper.sweepAll(freed, sw, ExpiryListener.NONE);
        assertThat(s.bibCount(Protocol.UDP)).as("the BIB entry expired").isZero();
        // "it SHOULD NOT be reallocated to a new mapping until at least 120 seconds have passed"
        sweeper.sweepAll(freed + 119_999, sw, ExpiryListener.NONE);
        assertThat(out(s, w, Protocol.UDP, H2, 5000, SERVER, 53, 0, freed + 119_999))
                .isEqualTo(Nat64Stat.POOL4_EXHAUSTED_64);
        sweeper.sweepAll(freed + 120_000, sw, ExpiryListener.NONE);
        assertThat(sw.counters().get(Nat64Stat.PORT_HOLD_DOWN_ENDED)).isEqualTo(1);
        assertThat(out(s, w, Protocol.UDP, H2, 5000, SERVER, 53, 0, freed + 120_000)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(w.port4).isEqualTo(2000);
    }

    @Test
    void pool4GrowsAndRetiresAddressesWithoutTouchingMappings() {
        Pool4 pool = Pool4.of(P1);
        Nat64State s = new Nat64State(Nat64Config.defaults(pool), MappingLogSink.NONE);
        assertThat(out(s, w, Protocol.UDP, H1, 5000, SERVER, 53, 0, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        int port = w.port4;
        assertThat(pool.update(new int[] {P2})).isEqualTo("added 192.0.2.2, retired 192.0.2.1 (their mappings stay"
                + " until they expire)");
        assertThat(pool.indexOf(P1)).as("index kept").isZero();
        assertThat(pool.isRetired(0)).isTrue();
        // the existing mapping still works both ways on the retired address
        assertThat(s.lookup46(w, Protocol.UDP, P1, port, SERVER, 53, 0, 1)).isEqualTo(Nat64Stat.MAPPED_46);
        assertThat(out(s, w, Protocol.UDP, H1, 5000, SERVER2, 53, 0, 1)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(w.addr4).isEqualTo(P1);
        // new hosts, and new flows of the host, go to the live address
        assertThat(out(s, w, Protocol.UDP, H2, 5000, SERVER, 53, 0, 1)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(w.addr4).isEqualTo(P2);
        assertThat(out(s, w, Protocol.UDP, H1, 5001, SERVER, 53, 0, 1)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(w.addr4).isEqualTo(P2);
        // the retired address drains: its entry expires and its port is freed as usual
        new SessionSweeper(s).sweepAll(Timeouts.UDP_DEFAULT + 2, new Nat64Worker(), ExpiryListener.NONE);
        assertThat(s.lookup46(w, Protocol.UDP, P1, port, SERVER, 53, 0, Timeouts.UDP_DEFAULT + 2))
                .isEqualTo(Nat64Stat.NO_BIB_46);
        assertThat(pool.update(new int[] {P1, P2})).isEqualTo("added 192.0.2.1");
        assertThat(pool.isRetired(0)).isFalse();
        assertThatThrownBy(() -> pool.update(new int[0])).hasMessageContaining("at least one");
    }

    @Test
    void reconfigureChangesTimeoutsAndLimitsKeepingMappings() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        assertThat(out(s, w, Protocol.UDP, H1, 5000, SERVER, 53, 0, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        int port = w.port4;
        Timeouts longer = new Timeouts(10 * MIN, Timeouts.TCP_EST_MIN, Timeouts.TCP_TRANS_MIN,
                Timeouts.TCP_INCOMING_SYN_MIN, Timeouts.ICMP_MIN);
        s.reconfigure(s.config().withTimeouts(longer).withHostLimits(1, 10));
        assertThat(out(s, w, Protocol.UDP, H1, 5000, SERVER, 53, 0, MIN)).as("the mapping is kept").isEqualTo(
                Nat64Stat.MAPPED_64);
        assertThat(w.port4).isEqualTo(port);
        assertThat(s.lookup46(w, Protocol.UDP, P1, port, SERVER, 53, 0, 10 * MIN))
                .as("refreshed at 1 min with the new 10 min lifetime").isEqualTo(Nat64Stat.MAPPED_46);
        assertThat(out(s, w, Protocol.UDP, H1, 5001, SERVER, 53, 0, 10 * MIN)).as("new port limit: 1")
                .isEqualTo(Nat64Stat.HOST_PORT_LIMIT_64);
        assertThatThrownBy(() -> s.reconfigure(s.config().withBlocks(64, 2))).hasMessageContaining("port-block-size");
    }

    @Test
    void icmpQuerySessionLivesSixtySeconds_rfc6146_3_5_3_and_4() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        out(s, w, Protocol.ICMP, H1, 7, SERVER, 7, 0, 0);
        int id = w.port4;
        assertThat(s.lookup46(w, Protocol.ICMP, P1, id, SERVER, 0, 0, 59_999)).isEqualTo(Nat64Stat.MAPPED_46);
        assertThat(s.lookup46(w, Protocol.ICMP, P1, id, SERVER, 0, 0, 59_999 + 60_000))
                .isEqualTo(Nat64Stat.NO_BIB_46);
    }

    @Test
    void theDataPathSeesExpiryExactlyEvenBeforeTheSweep_rfc6146_3_5_1() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        out(s, w, Protocol.UDP, H1, 5000, SERVER, 53, 0, 0);
        int port = w.port4;
        assertThat(s.lookup46(w, Protocol.UDP, P1, port, SERVER, 53, 0, 5 * MIN)).isEqualTo(Nat64Stat.NO_BIB_46);
    }

    @Test
    void timeoutsBelowTheRfcFloorsAreRefusedWithTheRule_rfc6146_4() {
        assertThatThrownBy(() -> new Timeouts(Timeouts.UDP_MIN - 1, Timeouts.TCP_EST_MIN, Timeouts.TCP_TRANS_MIN,
                Timeouts.TCP_INCOMING_SYN_MIN, Timeouts.ICMP_MIN)).hasMessageContaining("UDP_MIN is 2 minutes");
        assertThatThrownBy(() -> new Timeouts(Timeouts.UDP_MIN, 7200_000, Timeouts.TCP_TRANS_MIN,
                Timeouts.TCP_INCOMING_SYN_MIN, Timeouts.ICMP_MIN)).hasMessageContaining("2 hours 4 minutes");
        assertThatThrownBy(() -> new Timeouts(Timeouts.UDP_MIN, Timeouts.TCP_EST_MIN, 1000,
                Timeouts.TCP_INCOMING_SYN_MIN, Timeouts.ICMP_MIN)).hasMessageContaining("TCP_TRANS");
        assertThatThrownBy(() -> new Timeouts(Timeouts.UDP_MIN, Timeouts.TCP_EST_MIN, Timeouts.TCP_TRANS_MIN, 5999,
                Timeouts.ICMP_MIN)).hasMessageContaining("TCP_INCOMING_SYN");
        assertThatThrownBy(() -> new Timeouts(Timeouts.UDP_MIN, Timeouts.TCP_EST_MIN, Timeouts.TCP_TRANS_MIN,
                Timeouts.TCP_INCOMING_SYN_MIN, 59_999)).hasMessageContaining("RFC 5508 REQ-1");
        assertThat(Timeouts.DEFAULTS.udp()).isEqualTo(5 * MIN);
        assertThat(Timeouts.DEFAULTS.tcpEstablished()).isEqualTo(124 * MIN);
    }

    @Test
    void everyStatExplainsItself() {
        for (Nat64Stat stat : Nat64Stat.values()) {
            assertThat(stat.explanation()).as(stat.name()).contains("RFC");
        }
        assertThat(Nat64Stat.MAPPED_64.passes()).isTrue();
        assertThat(Nat64Stat.POOL4_EXHAUSTED_64.passes()).isFalse();
    }
}
