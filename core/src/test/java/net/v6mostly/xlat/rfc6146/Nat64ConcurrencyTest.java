package net.v6mostly.xlat.rfc6146;

import static net.v6mostly.xlat.TestPackets.pool6;
import static net.v6mostly.xlat.TestPackets.v4;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.wire.Bytes;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.TestPackets;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * Four pipelines over one shared {@link Nat64State}, racing on the same hosts and ports while a
 * sweeper thread walks the tables (DESIGN.md §3.6: tables shared on purpose). Every (X', x) must
 * get exactly one (T, t) whichever thread created it (endpoint-independent mapping, RFC 6146
 * §3.1), and every answer to (T, t) must reach (X', x). Time is frozen, so nothing expires and the
 * sweeper must remove nothing. Bounded: each thread sends a fixed number of packets.
 */
class Nat64ConcurrencyTest {
    private static final int THREADS = 4;
    private static final int PACKETS = 20_000;
    private static final int POOL = v4("203.0.113.1");
    private static final int SERVER = v4("198.51.100.7");

    @Test
    void racingWorkersAgreeOnEveryMapping() throws Exception {
        Nat64State state = new Nat64State(Nat64Config.defaults(Pool4.of(POOL, POOL + 1)).withLogging(false, 3),
                e -> { });
        SiitSettings xlat = SiitSettings.builder().pool6(Rfc6052Prefix.parse("2001:db8:64::/96"))
                .eam(new EamTable(List.of())).ownIpv6(Ipv6Address.parse("2001:db8::1")).icmpErrorsPerSecond(0)
                .build();
        HeldSynPackets held = new HeldSynPackets();
        Map<Long, Integer> mapping = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean sweeping = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Nat64Pipeline> pipelines = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
            Nat64Pipeline p = new Nat64Pipeline(state, held, xlat, true);
            pipelines.add(p);
            int seed = k;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    run(p, seed, mapping);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        Nat64Worker sw = new Nat64Worker();
        Thread sweeper = Thread.ofPlatform().start(() -> {
            SessionSweeper s = new SessionSweeper(state);
            while (sweeping.get()) {
                s.sweep(1_000, 4096, sw, ExpiryListener.NONE);
            }
        });
        start.countDown();
        for (Thread t : workers) {
            assertThat(t.join(java.time.Duration.ofSeconds(60))).as("worker finished").isTrue();
        }
        sweeping.set(false);
        sweeper.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(failure.get()).isNull();
        long translated = pipelines.stream().mapToLong(p -> p.exits().get(Nat64Exit.TRANSLATED_64)
                + p.exits().get(Nat64Exit.TRANSLATED_46)).sum();
        assertThat(translated).as("every packet translated").isEqualTo(2L * THREADS * PACKETS);
        assertThat(sw.counters().get(Nat64Stat.SESSION_EXPIRED)).isZero();
        assertThat(state.bibCount(Protocol.UDP)).isEqualTo(mapping.size());
    }

    /** 8 hosts × 64 ports shared by all threads: out, then the answer back to what came out. */
    private static void run(Nat64Pipeline p, int seed, Map<Long, Integer> mapping) {
        MemorySegment buf = MemorySegment.ofArray(new byte[512]);
        int[] got = new int[3];
        for (int i = 0; i < PACKETS; i++) {
            int host = (i * 7 + seed) % 8 + 1;
            int port = 40000 + (i * 13 + seed * 5) % 64;
            byte[] out6 = TestPackets.udp6(TestPackets.v6("2001:db8:1::" + host), pool6(SERVER), port, 53, new byte[8]);
            MemorySegment.copy(out6, 0, buf, ValueLayout.JAVA_BYTE, 64, out6.length);
            got[0] = -1;
            p.translate(buf, 64, out6.length, 1_000, (side, seg, off, len) -> {
                got[0] = Bytes.i32(seg, off + 12);
                got[1] = Bytes.u16(seg, off + 20);
            }, Offload.NONE);
            if (got[0] == -1) {
                throw new AssertionError("no packet out for host " + host + " port " + port + ": " + p.exits().snapshot());
            }
            long key = (long) host << 16 | port;
            int t = got[0] - POOL << 16 | got[1];
            Integer first = mapping.putIfAbsent(key, t);
            if (first != null && first != t) {
                throw new AssertionError("host " + host + " port " + port + " mapped to two transport addresses");
            }
            byte[] in4 = TestPackets.udp4(SERVER, got[0], 53, got[1], new byte[8]);
            MemorySegment.copy(in4, 0, buf, ValueLayout.JAVA_BYTE, 64, in4.length);
            got[2] = -1;
            p.translate(buf, 64, in4.length, 1_000, (side, seg, off, len) -> {
                if (side == Side.V6) {
                    got[2] = (int) Bytes.i64(seg, off + 32) << 16 | Bytes.u16(seg, off + 42);
                }
            }, Offload.NONE);
            if (got[2] != (host << 16 | port)) {
                throw new AssertionError("the answer to " + got[1] + " did not reach host " + host + " port " + port);
            }
        }
    }
}
