package net.v6mostly.xlat.rfc6146;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv4;

/**
 * Memory per session, measured: heap before and after 500 000 UDP sessions of 500 subscribers (one
 * /64 each), each session with its own BIB entry (the worst case: one flow per source port), including both indexes. The pool4 owner
 * arrays are allocated before the first reading (they are per address, not per session).
 * Arithmetic (compressed oops): Session 32 + Bib 56 + ConcurrentHashMap node 32 + its table slot
 * ~8 + owner slot 4 ≈ 132 bytes.
 */
class SessionMemoryTest {
    static final int HOSTS = 500;
    static final int PER_HOST = 1000;

    @Test
    void aSessionWithItsBibAndIndexesCostsAtMost200Bytes() {
        int[] pool = new int[16];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = Ipv4.parse("192.0.2.0") + i;
        }
        Nat64State s = new Nat64State(Nat64Config.defaults(Pool4.of(pool)).withLogging(false, 7),
                MappingLogSink.NONE);
        Nat64Worker w = new Nat64Worker();
        long before = used();
        for (int h = 0; h < HOSTS; h++) {
            for (int p = 0; p < PER_HOST; p++) {
                Nat64Stat r = s.lookup64(w, Protocol.UDP, 0x20010db800000000L + h, 1, 10000 + p, 0xC6336407, 53, 0, 0);
                assertThat(r).isEqualTo(Nat64Stat.MAPPED_64);
            }
        }
        long after = used();
        double perSession = (after - before) / (double) (HOSTS * PER_HOST);
        System.out.printf("nat64 memory: %.1f bytes per session (%d sessions)%n", perSession, HOSTS * PER_HOST);
        assertThat(s.sessionCount(Protocol.UDP)).isEqualTo(HOSTS * PER_HOST);
        assertThat(perSession).isLessThanOrEqualTo(200);
    }

    private static long used() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return m.getHeapMemoryUsage().getUsed();
    }
}
