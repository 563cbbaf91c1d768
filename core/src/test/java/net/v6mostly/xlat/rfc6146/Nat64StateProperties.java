package net.v6mostly.xlat.rfc6146;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import net.v6mostly.addr.Ipv4;

/**
 * Properties over random traffic on a small pool: a pool4 port is never handed to two BIB entries;
 * per-host limits hold; after every lifetime has passed, every port returns to the pool.
 */
class Nat64StateProperties {
    static final int A = Ipv4.parse("192.0.2.1");
    static final int B = Ipv4.parse("192.0.2.2");

    @Provide
    Arbitrary<List<int[]>> traffic() {
        // {host 0..7, source port, protocol, remote 0..3, time step}
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofSize(5).list().ofMaxSize(300);
    }

    @Property(tries = 60)
    void portsAreExclusiveLimitsHoldAndEverythingReturns(@ForAll("traffic") List<int[]> packets,
            @ForAll boolean blocks) {
        Pool4 pool = new Pool4(new int[] {A, B}, new Pool4.PortRange(2000, 2127), new Pool4.PortRange(2000, 2127),
                new Pool4.PortRange(0, 127));
        Nat64Config c = Nat64Config.defaults(pool).withHostLimits(20, 30).withLogging(false, 3);
        Nat64State s = new Nat64State(blocks ? c.withBlocks(16, 2) : c, MappingLogSink.NONE);
        Nat64Worker w = new Nat64Worker();
        Map<Long, Long> owner = new HashMap<>(); // (proto, addr4, port4) -> (host, port6)
        long now = 0;
        for (int[] p : packets) {
            int host = p[0] % 8;
            int sport = 1000 + p[1] % 40;
            Protocol proto = Protocol.values()[p[2] % 3];
            int remote = 0xC6336400 + p[3] % 4;
            now += p[4] % 20_000;
            Nat64Stat r = s.lookup64(w, proto, 0x20010db8L << 32, host, sport, remote, 80, TcpStateMachine.SYN, now);
            if (r.passes()) {
                long key = (long) proto.ordinal() << 48 | (w.addr4 & 0xFFFFFFFFL) << 16 | w.port4;
                long who = (long) host << 16 | sport;
                Long prev = owner.putIfAbsent(key, who);
                if (prev != null && prev != who) {
                    // only legal if the earlier entry expired and the port was reused
                    assertThat(s.lookup46(w, proto, w.addr4, w.port4, remote, 80, 0x10, now)).isNotNull();
                    assertThat(w.lo).isEqualTo(host);
                    owner.put(key, who);
                }
            }
            if (p[4] % 7 == 0) {
                new SessionSweeper(s).sweep(now, 5000, new Nat64Worker(), ExpiryListener.NONE);
            }
        }
        for (int h = 0; h < 8; h++) {
            int bibs = 0;
            for (Protocol proto : Protocol.values()) {
                for (int sport = 1000; sport < 1040; sport++) {
                    bibs += s.bib6[proto.ordinal()].containsKey(new Bib.Probe().set(0x20010db8L << 32, h, sport)) ? 1 : 0;
                }
            }
            assertThat(bibs).as("BIB entries of host %d", h).isLessThanOrEqualTo(20);
        }
        SessionSweeper sweeper = new SessionSweeper(s);
        sweeper.sweepAll(now + 3 * 3600_000L, w, ExpiryListener.NONE);
        // freed ports come back after the RFC 6888 REQ-8 hold-down
        sweeper.sweepAll(now + 3 * 3600_000L + PortAllocator.HOLD_DOWN, w, ExpiryListener.NONE);
        for (Protocol proto : Protocol.values()) {
            assertThat(s.bibCount(proto)).isZero();
            assertThat(pool.used(proto, 0) + pool.used(proto, 1)).isZero();
        }
        assertThat(s.hostCount()).isZero();
    }
}
