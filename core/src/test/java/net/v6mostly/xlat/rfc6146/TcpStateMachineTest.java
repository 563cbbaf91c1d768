package net.v6mostly.xlat.rfc6146;

import static net.v6mostly.xlat.rfc6146.Fixtures.*;
import static net.v6mostly.xlat.rfc6146.TcpState.*;
import static net.v6mostly.xlat.rfc6146.TcpStateMachine.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6146 §3.5.2.2, one row per transition, and every TCP timer with an injected clock. */
class TcpStateMachineTest {
    static final boolean V6 = true;

    @ParameterizedTest(name = "{0}: {1} {2} {3} -> {4} timer {5}")
    @CsvSource({
        "V4 INIT: an IPv6 SYN establishes,            V4_INIT, true,  2, ESTABLISHED, 1",
        "V4 INIT: an IPv4 SYN retransmission waits,   V4_INIT, false, 2, V4_INIT, 0",
        "V6 INIT: an IPv4 SYN establishes,            V6_INIT, false, 2, ESTABLISHED, 1",
        "V6 INIT: an IPv6 SYN refreshes TCP_TRANS,    V6_INIT, true,  2, V6_INIT, 2",
        "V6 INIT: other packets change nothing,       V6_INIT, true,  16, V6_INIT, 0",
        "ESTABLISHED: IPv4 FIN,                       ESTABLISHED, false, 1, V4_FIN_RCV, 1",
        "ESTABLISHED: IPv6 FIN,                       ESTABLISHED, true,  1, V6_FIN_RCV, 1",
        "ESTABLISHED: RST goes to TRANS,              ESTABLISHED, true,  4, TRANS, 2",
        "ESTABLISHED: data refreshes TCP_EST,         ESTABLISHED, false, 16, ESTABLISHED, 1",
        "V4 FIN RCV: IPv6 FIN closes both,            V4_FIN_RCV, true,  1, V4_FIN_V6_FIN_RCV, 2",
        "V4 FIN RCV: other packets refresh TCP_EST,   V4_FIN_RCV, false, 16, V4_FIN_RCV, 1",
        "V6 FIN RCV: IPv4 FIN closes both,            V6_FIN_RCV, false, 1, V4_FIN_V6_FIN_RCV, 2",
        "V6 FIN RCV: other packets refresh TCP_EST,   V6_FIN_RCV, true, 16, V6_FIN_RCV, 1",
        "V4+V6 FIN RCV: nothing but the timer,        V4_FIN_V6_FIN_RCV, true, 16, V4_FIN_V6_FIN_RCV, 0",
        "TRANS: a non-RST packet re-establishes,      TRANS, false, 16, ESTABLISHED, 1",
        "TRANS: RST leaves it transitory,             TRANS, true, 4, TRANS, 0",
    })
    void transitions(String sentence, TcpState from, boolean fromV6, int flags, TcpState to, int timer) {
        int r = onSegment(from, fromV6, flags);
        assertThat(state(r)).as(sentence).isEqualTo(to);
        assertThat(timer(r)).as(sentence).isEqualTo(timer);
    }

    @Test
    void onlyEstablishedGetsASecondChanceOnExpiry() {
        for (TcpState s : TcpState.values()) {
            assertThat(onExpiry(s)).isEqualTo(s == ESTABLISHED ? Expiry.TO_TRANS : Expiry.DELETE);
        }
    }

    final Nat64Worker w = new Nat64Worker();
    final Nat64Worker sw = new Nat64Worker();

    @Test
    void ipv6SynOpensV6InitWhichDiesAfterTcpTransWithoutAnswer() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        SessionSweeper sweeper = new SessionSweeper(s);
        assertThat(out(s, w, Protocol.TCP, H1, 40000, SERVER, 80, SYN, 0)).isEqualTo(Nat64Stat.MAPPED_64);
        assertThat(w.state).isEqualTo(V6_INIT);
        sweeper.sweepAll(4 * MIN - 1, sw, ExpiryListener.NONE);
        assertThat(s.sessionCount(Protocol.TCP)).isEqualTo(1);
        sweeper.sweepAll(4 * MIN, sw, ExpiryListener.NONE);
        assertThat(s.bibCount(Protocol.TCP)).isZero();
    }

    @Test
    void establishedSurvivesTcpTransIdleThenMovesToTransAfterTcpEstAndIsProbed() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        SessionSweeper sweeper = new SessionSweeper(s);
        out(s, w, Protocol.TCP, H1, 40000, SERVER, 80, SYN, 0);
        int port = w.port4;
        assertThat(s.lookup46(w, Protocol.TCP, P1, port, SERVER, 80, SYN | 0x10, 1)).isEqualTo(Nat64Stat.MAPPED_46);
        assertThat(w.state).isEqualTo(ESTABLISHED);
        List<String> probes = new ArrayList<>();
        ExpiryListener l = new ExpiryListener() {
            @Override
            public void tcpProbe(long hi, long lo, int port6, int addr4, int port4, int remote4, int remotePort) {
                probes.add(port6 + ">" + remotePort);
            }
        };
        sweeper.sweepAll(1 + 124 * MIN - 1, sw, l);
        assertThat(probes).isEmpty();
        sweeper.sweepAll(1 + 124 * MIN, sw, l);
        assertThat(probes).containsExactly("40000>80");
        sweeper.sweepAll(1 + 128 * MIN - 1, sw, l);
        assertThat(s.sessionCount(Protocol.TCP)).isEqualTo(1);
        sweeper.sweepAll(1 + 128 * MIN, sw, l);
        assertThat(s.sessionCount(Protocol.TCP)).isZero();
    }

    @Test
    void unsolicitedIpv4SynIsHeldSixSecondsThenPortUnreachable() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        SessionSweeper sweeper = new SessionSweeper(s);
        assertThat(s.lookup46(w, Protocol.TCP, P1, 5555, SERVER, 33000, SYN, 0)).isEqualTo(Nat64Stat.TCP_SYN_HELD_46);
        List<Integer> icmp = new ArrayList<>();
        ExpiryListener l = new ExpiryListener() {
            @Override
            public void incomingSynExpired(int addr4, int port4, int remote4, int remotePort) {
                icmp.add(port4);
            }
        };
        sweeper.sweepAll(5_999, sw, l);
        assertThat(icmp).isEmpty();
        sweeper.sweepAll(6_000, sw, l);
        assertThat(icmp).containsExactly(5555);
        assertThat(sw.counters().get(Nat64Stat.TCP_INCOMING_SYN_EXPIRED)).isEqualTo(1);
        assertThat(Nat64Stat.TCP_INCOMING_SYN_EXPIRED.icmpCode()).isEqualTo(3);
    }

    @Test
    void ipv6SynMatchingAHeldIpv4SynIsASimultaneousOpen() {
        Nat64State s = new Nat64State(config(P1).withAddressDependentFiltering(true), MappingLogSink.NONE);
        out(s, w, Protocol.TCP, H1, 40000, SERVER, 80, SYN, 0);
        int port = w.port4;
        // a SYN from a remote the host never contacted is held by address-dependent filtering
        assertThat(s.lookup46(w, Protocol.TCP, P1, port, SERVER2, 90, SYN, 1)).isEqualTo(Nat64Stat.TCP_SYN_HELD_46);
        assertThat(out(s, w, Protocol.TCP, H1, 40000, SERVER2, 90, SYN, 2))
                .isEqualTo(Nat64Stat.SIMULTANEOUS_OPEN_64);
        assertThat(w.state).isEqualTo(ESTABLISHED);
        assertThat(s.heldSyns()).isZero();
    }

    @Test
    void policyMayDropExternallyInitiatedTcp() {
        Nat64State s = new Nat64State(config(P1).withIncomingSyn(true, 10), MappingLogSink.NONE);
        assertThat(s.lookup46(w, Protocol.TCP, P1, 5555, SERVER, 33000, SYN, 0))
                .isEqualTo(Nat64Stat.TCP_EXTERNAL_SYN_DROPPED_46);
        assertThat(s.lookup46(w, Protocol.TCP, P1, 5555, SERVER, 33000, 0x10, 0)).isEqualTo(Nat64Stat.TCP_NO_STATE_46);
    }

    @Test
    void heldSynsAreBounded() {
        Nat64State s = new Nat64State(config(P1).withIncomingSyn(false, 2), MappingLogSink.NONE);
        s.lookup46(w, Protocol.TCP, P1, 1, SERVER, 1, SYN, 0);
        s.lookup46(w, Protocol.TCP, P1, 2, SERVER, 1, SYN, 0);
        assertThat(s.lookup46(w, Protocol.TCP, P1, 3, SERVER, 1, SYN, 0)).isEqualTo(Nat64Stat.TCP_SYN_HOLD_FULL_46);
    }

    @Test
    void ipv6NonSynWithoutStateIsDropped() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        assertThat(out(s, w, Protocol.TCP, H1, 40000, SERVER, 80, 0x10, 0)).isEqualTo(Nat64Stat.TCP_NO_STATE_64);
    }

    @Test
    void finFromBothSidesEndsAfterTcpTrans() {
        Nat64State s = new Nat64State(config(P1), MappingLogSink.NONE);
        out(s, w, Protocol.TCP, H1, 40000, SERVER, 80, SYN, 0);
        int port = w.port4;
        s.lookup46(w, Protocol.TCP, P1, port, SERVER, 80, SYN, 0);
        out(s, w, Protocol.TCP, H1, 40000, SERVER, 80, FIN, 10);
        assertThat(w.state).isEqualTo(V6_FIN_RCV);
        s.lookup46(w, Protocol.TCP, P1, port, SERVER, 80, FIN, 20);
        assertThat(w.state).isEqualTo(V4_FIN_V6_FIN_RCV);
        new SessionSweeper(s).sweepAll(20 + 4 * MIN, sw, ExpiryListener.NONE);
        assertThat(s.bibCount(Protocol.TCP)).isZero();
    }
}
