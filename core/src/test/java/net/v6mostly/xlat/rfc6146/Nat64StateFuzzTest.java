package net.v6mostly.xlat.rfc6146;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import net.v6mostly.addr.Ipv4;

/**
 * Jazzer target: the NAT64 state engine (RFC 6146 §3.5) behind {@link FilteringAndUpdating}, driven
 * by random tuples of three protocols, TCP flags, ICMP errors, static entries, time steps and expiry
 * sweeps, with small pools, quotas and caps so every refusal is reachable; a "burst" step draws many
 * tuples from one seeded generator so that short inputs reach them too.
 */
class Nat64StateFuzzTest {
    static final int POOL = Ipv4.parse("192.0.2.1");
    static final int[] REMOTES = {Ipv4.parse("198.51.100.7"), Ipv4.parse("203.0.113.9"), POOL};
    static final long[] PREFIXES = {0x20010db800010000L, 0x20010db800010001L, 0x20010db800020000L,
        0x20010db8ffff0000L};
    static final int[] PREFIX_LENGTHS = {48, 64, 72, 128};
    static final int MAX_PORTS = 6;
    static final int MAX_SESSIONS = 9;
    static final int MAX_BIBS = 14;
    static final int MAX_TOTAL_SESSIONS = 20;

    /**
     * Invariants after every step: each lookup is counted under exactly one lookup stat, and one that
     * passes names a pool4 transport address owned by the entry it used; dynamic BIB entries and
     * sessions never exceed the global caps and equal what the caps count; no subscriber exceeds
     * its quotas and each one's counts equal its entries'; every BIB entry is in the (T, t) index
     * under its own port (reverse index) and held by a live host of a live subscriber; hosts and
     * subscribers exist only while they hold an entry; the mapping log shows exactly the entries that
     * exist (one bib-create without bib-delete each).
     */
    @FuzzTest(maxDuration = "10s")
    void stateKeepsCapsQuotasAndIndexesConsistent(FuzzedDataProvider data) {
        boolean expireAll = data.consumeInt(0, 7) == 0; // two full sweeps: the costliest part, 1 run in 8
        int prefixLength = data.pickValue(PREFIX_LENGTHS);
        Pool4 pool = new Pool4(new int[] {POOL}, new Pool4.PortRange(2000, 2015), new Pool4.PortRange(2000, 2015),
                new Pool4.PortRange(0, 15));
        Nat64Config c = Nat64Config.defaults(pool).withLogging(data.consumeBoolean(), 5)
                .withHostLimits(MAX_PORTS, MAX_SESSIONS).withSubscribers(prefixLength, MAX_BIBS, MAX_TOTAL_SESSIONS)
                .withAddressDependentFiltering(data.consumeBoolean());
        if (data.consumeBoolean()) {
            c = c.withBlocks(4, 2);
        }
        Map<String, Integer> log = new HashMap<>();
        Nat64State s = new Nat64State(c, e -> logged(log, e));
        FilteringAndUpdating filter = new FilteringAndUpdating(s);
        SessionSweeper sweeper = new SessionSweeper(s);
        Nat64Worker w = new Nat64Worker();
        Nat64Worker sw = new Nat64Worker();
        Tuple t = new Tuple();
        long now = 1_000;
        long lookups = 0;
        for (int step = 0; step < 200 && data.remainingBytes() > 0; step++) {
            switch (data.consumeInt(0, 15)) {
                case 0, 1, 2, 3, 4 -> {
                    fill(t, data);
                    lookups += out(s, filter, w, t, now);
                }
                case 5 -> { // a burst of flows from few bytes, so caps and quotas are reached in short inputs
                    int n = data.consumeInt(1, 64);
                    SplittableRandom random = new SplittableRandom(data.consumeLong());
                    for (int k = 0; k < n; k++) {
                        fill(t, random);
                        lookups += out(s, filter, w, t, now);
                    }
                }
                case 6, 7, 8, 9 -> {
                    fill(t, data);
                    t.addr4 = data.consumeBoolean() ? POOL : data.consumeInt();
                    t.port4 = data.consumeInt(0, 65535) % 24 + (t.protocol == Protocol.ICMP ? 0 : 1996);
                    Nat64Stat r = filter.update46(w, t, now);
                    lookups++;
                    if (r.passes()) {
                        assertThat(s.bib6[t.protocol.ordinal()].get(new Bib.Probe().set(w.hi, w.lo, w.port6)))
                                .isNotNull();
                    }
                }
                case 10, 11 -> now += data.consumeLong(0, 3 * 3600_000L);
                case 12, 13 -> sweeper.sweep(now, data.consumeInt(1, 2048), sw, ExpiryListener.NONE);
                case 14 -> staticEntry(s, data, now);
                default -> sweeper.sweepAll(now, sw, ExpiryListener.NONE); // costly: one value in 16
            }
            checkInvariants(s, c, w, lookups, log);
        }
        if (expireAll) {
            sweeper.sweepAll(now + 365L * 24 * 3600_000, sw, ExpiryListener.NONE); // ESTABLISHED -> TRANS
            sweeper.sweepAll(now + 366L * 24 * 3600_000, sw, ExpiryListener.NONE);
            checkInvariants(s, c, w, lookups, log);
            assertThat(s.subscriberCount()).as("all dynamic state expired").isZero();
            assertThat(s.sessionTotal()).isZero();
        }
    }

    /** One IPv6 packet's lookup; returns 1 (one lookup). */
    static int out(Nat64State s, FilteringAndUpdating filter, Nat64Worker w, Tuple t, long now) {
        Nat64Stat r = filter.update64(w, t, now);
        if (r.passes()) {
            assertOwned(s, t.protocol, w.addr4, w.port4);
        }
        return 1;
    }

    static void fill(Tuple t, SplittableRandom r) {
        t.protocol = Protocol.values()[r.nextInt(3)];
        t.hi = PREFIXES[r.nextInt(PREFIXES.length)];
        t.lo = r.nextInt(8) * 0x0101_0000_0000_0001L;
        t.port6 = r.nextInt(8) + 1000;
        t.remote4 = REMOTES[r.nextInt(REMOTES.length)];
        t.remotePort = r.nextInt(4) + 53;
        t.tcpFlags = r.nextInt(256);
        t.icmpError = r.nextInt(8) == 0;
    }

    static void fill(Tuple t, FuzzedDataProvider data) {
        t.protocol = data.pickValue(Protocol.values());
        t.hi = data.pickValue(PREFIXES);
        t.lo = data.consumeInt(0, 7) * 0x0101_0000_0000_0001L;
        t.port6 = data.consumeInt(0, 7) + 1000;
        t.remote4 = data.pickValue(REMOTES);
        t.remotePort = data.consumeInt(0, 3) + 53;
        t.tcpFlags = data.consumeInt(0, 255);
        t.icmpError = data.consumeInt(0, 7) == 0;
    }

    static void staticEntry(Nat64State s, FuzzedDataProvider data, long now) {
        Protocol p = data.pickValue(Protocol.values());
        long hi = data.pickValue(PREFIXES);
        int port6 = data.consumeInt(0, 3) + 80;
        if (data.consumeBoolean()) {
            try {
                s.addStatic(p, hi, 99, port6, POOL, data.consumeInt(0, 3) + (data.consumeBoolean() ? 2000 : 80), now);
            } catch (IllegalArgumentException taken) {
                // refused as documented: the port or the IPv6 side is taken
            }
        } else {
            s.removeStatic(p, hi, 99, port6, now);
        }
    }

    static void logged(Map<String, Integer> log, MappingEvent e) {
        if (e.kind() == MappingEvent.Kind.BIB_CREATE || e.kind() == MappingEvent.Kind.BIB_DELETE) {
            String key = e.protocol() + " " + e.hi() + " " + e.lo() + " " + e.port6() + " " + e.addr4() + " " + e.port4();
            int open = log.merge(key, e.kind() == MappingEvent.Kind.BIB_CREATE ? 1 : -1, Integer::sum);
            assertThat(open).as("create/delete alternate for " + key).isBetween(0, 1);
            if (open == 0) {
                log.remove(key);
            }
        }
    }

    static void assertOwned(Nat64State s, Protocol p, int addr4, int port4) {
        Bib owner = s.pool.owner(p.ordinal(), s.pool.indexOf(addr4), port4);
        assertThat(owner).as("the (T, t) a passing lookup names is owned").isNotNull();
    }

    static void checkInvariants(Nat64State s, Nat64Config c, Nat64Worker w, long lookups, Map<String, Integer> log) {
        long counted = 0;
        for (Nat64Stat st : Nat64Stat.values()) {
            if (st.ordinal() < Nat64Stat.SESSION_EXPIRED.ordinal()) {
                counted += w.counters().get(st);
            }
        }
        check(counted == lookups, "one lookup stat per lookup: %d stats for %d lookups", counted, lookups);
        int dynamic = 0;
        int sessions = 0;
        Map<Subscriber, int[]> perSub = new HashMap<>();
        Set<Host> hosts = new HashSet<>();
        for (int p = 0; p < 3; p++) {
            for (Bib b : s.bib6[p].values()) {
                check(!b.dead, "a dead BIB entry is still indexed");
                check(s.pool.owner(p, s.pool.indexOf(b.addr4), b.port4) == b, "reverse index");
                int n = 0;
                for (Session x = b.sessions; x != null; x = x.next) {
                    n++;
                }
                check(n == b.sessionCount, "session count %d, list %d", b.sessionCount, n);
                sessions += n;
                if (b.isStatic) {
                    continue;
                }
                dynamic++;
                check(!b.host.dead && !b.host.subscriber.dead, "a live entry of a dead host or subscriber");
                check(s.subs.hosts.get(new Host.HostProbe().set(b.hi, b.lo)) == b.host, "host index");
                hosts.add(b.host);
                int[] counts = perSub.computeIfAbsent(b.host.subscriber, k -> new int[2]);
                counts[0]++;
                counts[1] += n;
            }
        }
        check(dynamic <= c.maxBibEntries() && dynamic == s.dynamicBibTotal(), "BIB cap %d, total %d, counted %d",
                c.maxBibEntries(), s.dynamicBibTotal(), dynamic);
        check(sessions <= c.maxSessions() && sessions == s.sessionTotal(), "session cap %d, total %d, counted %d",
                c.maxSessions(), s.sessionTotal(), sessions);
        check(s.hostCount() == hosts.size(), "hosts only while they hold an entry: %d, %d", s.hostCount(),
                hosts.size());
        check(s.subscriberCount() == perSub.size(), "subscribers only while they hold an entry: %d, %d",
                s.subscriberCount(), perSub.size());
        for (Map.Entry<Subscriber, int[]> e : perSub.entrySet()) {
            Subscriber sub = e.getKey();
            check(s.subs.subscribers.get(new Subscriber.Probe().set(sub.hi, sub.lo)) == sub, "subscriber index");
            check(sub.bibs == e.getValue()[0] && sub.bibs <= c.maxPortsPerHost(), "subscriber BIB quota %d: %d, %d",
                    c.maxPortsPerHost(), sub.bibs, e.getValue()[0]);
            check(sub.sessions.get() == e.getValue()[1] && sub.sessions.get() <= c.maxSessionsPerHost(),
                    "subscriber session quota %d: %d, %d", c.maxSessionsPerHost(), sub.sessions.get(), e.getValue()[1]);
        }
        check(log.size() == dynamic + staticCount(s), "the log shows exactly the entries that exist: %d lines, %d"
                + " entries", log.size(), dynamic + staticCount(s));
    }

    /**
     * A plain check for the invariants run after every step: AssertJ's assertion objects, thousands
     * per execution, were most of the target's time (152 executions/s).
     */
    private static void check(boolean holds, String what, Object... args) {
        if (!holds) {
            throw new AssertionError(String.format(what, args));
        }
    }

    static int staticCount(Nat64State s) {
        int n = 0;
        for (int p = 0; p < 3; p++) {
            for (Bib b : s.bib6[p].values()) {
                n += b.isStatic ? 1 : 0;
            }
        }
        return n;
    }
}
