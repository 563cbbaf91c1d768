package net.v6mostly.xlat.rfc6146;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;


/**
 * The state engine of a stateful NAT64 (RFC 6146 §3.5, "Filtering and Updating Binding and Session
 * Information"): BIB and session tables for TCP, UDP and ICMP query, pool4 allocation, the TCP state
 * machine, filtering, static entries and mapping logs. Pure: no packets, no clock; the pipeline
 * passes the tuple it extracted (§3.4) and {@code now}, and gets back a {@link Nat64Stat} plus the
 * translated transport address in its {@link Nat64Worker}.
 *
 * <h2>Concurrency</h2>
 * Shared by all worker threads on purpose (DESIGN.md §3.6):
 * <ul>
 *   <li>(X', x) → BIB: one {@link ConcurrentHashMap} per protocol whose keys are the entries
 *       themselves; a lookup passes the worker's mutable {@link Bib.Probe}, so no boxing and no
 *       allocation. (T, t) → BIB: {@link Pool4}'s dense owner arrays, read with acquire loads.
 *   <li>Sessions hang off their BIB entry and are guarded by its monitor: each BIB entry is a lock
 *       stripe, so flows of different hosts and ports never contend; an uncontended monitor is a
 *       single CAS.
 *   <li>Creating or removing a BIB entry holds the subscriber's monitor, then the IPv6 host's,
 *       then the entry's, then the pool4 slots' (always in that order). {@link Subscribers} keeps
 *       the per-subscriber quotas and the global caps.
 * </ul>
 * Expiry is {@link SessionSweeper}'s, run by one thread with a budget per call.
 */
public final class Nat64State {
    /** Swapped whole by {@link #reconfigure}; every lookup reads it once or twice (plain loads on x86). */
    volatile Nat64Config config;
    final Pool4 pool;
    /** {@code config.timeouts()}, kept apart for the sweeper; swapped with it. */
    volatile Timeouts timeouts;
    final PortAllocator ports;
    final MappingLogSink log;
    final HeldSyns held;
    final FragmentMemory fragments = new FragmentMemory();
    final HeldFragments heldFragments = new HeldFragments();
    @SuppressWarnings("unchecked")
    final ConcurrentHashMap<Object, Bib>[] bib6 = new ConcurrentHashMap[3];
    /** Subscribers, hosts and the global caps (RFC 6888 REQ-4, REQ-5). */
    final Subscribers subs;

    /** Creates empty tables. */
    public Nat64State(Nat64Config config, MappingLogSink log) {
        this.config = config;
        this.pool = config.pool4();
        this.timeouts = config.timeouts();
        long secret = config.secret() != 0 ? config.secret() : new SecureRandom().nextLong();
        this.ports = new PortAllocator(pool, secret, config.blockSize(), config.maxBlocksPerHost());
        this.log = log;
        this.held = new HeldSyns(config.maxHeldSyns());
        this.subs = new Subscribers(config.subscriberPrefixLength());
        for (int p = 0; p < 3; p++) {
            bib6[p] = new ConcurrentHashMap<>(1024);
        }
    }

    // ------------------------------------------------------------------------------------ 6 → 4

    /**
     * An IPv6 packet from (X', x) = (src6, srcPort) to (Y', y) whose Pref64 part the pipeline has
     * already stripped to (dst4, dstPort) (RFC 6146 §3.5.1 first half, §3.5.2, §3.5.3). Finds or
     * creates the BIB entry and session and refreshes the session's lifetime.
     *
     * @param tcpFlags TCP flags byte ({@link TcpStateMachine#SYN} etc.), ignored for UDP and ICMP
     * @return a passing stat with {@code w.addr4}/{@code w.port4} set, or the refusal
     */
    public Nat64Stat lookup64(Nat64Worker w, Protocol proto, long hi, long lo, int srcPort, int dst4, int dstPort,
            int tcpFlags, long now) {
        int p = proto.ordinal();
        long remote = Session.remote(dst4, proto == Protocol.ICMP ? 0 : dstPort);
        boolean syn = (tcpFlags & TcpStateMachine.SYN) != 0;
        w.state = TcpState.CLOSED;
        while (true) {
            Bib bib = bib6[p].get(w.probe.set(hi, lo, srcPort));
            if (bib == null) {
                if (proto == Protocol.TCP && !syn) {
                    return w.count(Nat64Stat.TCP_NO_STATE_64);
                }
                Nat64Stat refused = createBib(w, p, hi, lo, srcPort, syn ? dst4 : 0, syn ? dstPort : -1, now);
                if (refused != null) {
                    return w.count(refused);
                }
                bib = w.created;
            }
            synchronized (bib) {
                if (bib.dead) {
                    continue; // removed by the sweep between the lookup and the lock
                }
                w.addr4 = bib.addr4;
                w.port4 = bib.port4;
                Session s = live(bib, remote, now, w);
                if (s != null) {
                    refresh(s, proto, true, tcpFlags, now, w);
                    return w.count(Nat64Stat.MAPPED_64);
                }
                if (proto == Protocol.TCP && !syn) {
                    return w.count(Nat64Stat.TCP_BIB_ONLY_64);
                }
                Nat64Stat refused = subs.admitSession(bib, config, true);
                if (refused != null) {
                    return w.count(refused);
                }
                s = newSession(bib, remote, now);
                if (proto != Protocol.TCP) {
                    s.expiresAt = now + timeouts.simple(proto);
                    return w.count(Nat64Stat.MAPPED_64);
                }
                if (held.release(bib.addr4, bib.port4, dst4, dstPort)) {
                    // §3.5.2.2 V4 INIT: the IPv6 SYN of a simultaneous open
                    setTcp(s, TcpState.ESTABLISHED, timeouts.tcpEstablished(), now, w);
                    return w.count(Nat64Stat.SIMULTANEOUS_OPEN_64);
                }
                // §3.5.2.2 CLOSED: an IPv6 SYN creates the session in V6 INIT with TCP_TRANS
                setTcp(s, TcpState.V6_INIT, timeouts.tcpTransitory(), now, w);
                return w.count(Nat64Stat.MAPPED_64);
            }
        }
    }

    /**
     * Creates the BIB entry for (X', x) under its subscriber's and host's monitors, within the
     * subscriber's quota and the global cap; null and {@code w.created} on success.
     */
    private Nat64Stat createBib(Nat64Worker w, int p, long hi, long lo, int srcPort, int synDst4, int synDstPort,
            long now) {
        while (true) {
            Subscriber sub = subs.subscriber(w.subscriberProbe, hi, lo);
            synchronized (sub) {
                if (sub.dead) {
                    continue; // its last entry went between the lookup and the lock
                }
                Host host = subs.host(w.hostProbe, sub, hi, lo);
                synchronized (host) {
                    Nat64Stat refused = null;
                    Bib existing = bib6[p].get(w.probe.set(hi, lo, srcPort));
                    if (existing != null) {
                        w.created = existing; // another worker created it first
                    } else if (sub.bibs >= config.maxPortsPerHost()) {
                        refused = Nat64Stat.HOST_PORT_LIMIT_64;
                    } else if (!Subscriber.tryAdd(subs.bibs, config.maxBibEntries())) {
                        refused = Nat64Stat.BIB_LIMIT_64;
                    } else if ((refused = allocateBib(w, host, p, srcPort, synDst4, synDstPort, now)) != null) {
                        subs.bibs.decrementAndGet();
                    }
                    subs.retire(sub, host);
                    return refused;
                }
            }
        }
    }

    private Nat64Stat allocateBib(Nat64Worker w, Host host, int p, int srcPort, int synDst4, int synDstPort,
            long now) {
        int a = ports.pairedAddress(host, p);
        if (a < 0) {
            return Nat64Stat.POOL4_EXHAUSTED_64;
        }
        int port = -1;
        if (synDstPort >= 0 && held.size() > 0) {
            // §3.5.2.2 simultaneous open: the IPv6 SYN takes the port the held IPv4 SYN was sent to
            int wanted = held.portFor(pool.address(a), synDst4, synDstPort);
            if (wanted >= 0 && ports.takeExact(p, a, wanted)) {
                port = wanted;
            }
        }
        if (port < 0) {
            port = ports.allocate(host, p, a, srcPort, blockLog(host, p, now));
        }
        if (port == PortAllocator.BLOCK_LIMIT) {
            return Nat64Stat.HOST_BLOCK_LIMIT_64;
        }
        if (port < 0) {
            return Nat64Stat.POOL4_EXHAUSTED_64;
        }
        Bib bib = new Bib(Protocol.of(p), host.hi, host.lo, srcPort, pool.address(a), port, host, false);
        Pool4.setOwner(pool.slots(p, a), port, bib);
        bib6[p].put(bib, bib);
        host.bibs[p]++;
        host.subscriber.bibs++;
        w.created = bib;
        w.count(Nat64Stat.BIB_CREATED);
        logBib(MappingEvent.Kind.BIB_CREATE, bib, now);
        return null;
    }

    // ------------------------------------------------------------------------------------ 4 → 6

    /**
     * An IPv4 packet from (Z, z) = (src4, srcPort) to the pool4 transport address (T, t) = (dst4,
     * dstPort) (RFC 6146 §3.5.1 second half, §3.5.2, §3.5.3). For an ICMP query the Identifier is
     * {@code dstPort} and {@code srcPort} is ignored.
     *
     * @return a passing stat with {@code w.hi}/{@code w.lo}/{@code w.port6} set, or the refusal
     */
    public Nat64Stat lookup46(Nat64Worker w, Protocol proto, int dst4, int dstPort, int src4, int srcPort,
            int tcpFlags, long now) {
        int p = proto.ordinal();
        int srcP = proto == Protocol.ICMP ? 0 : srcPort;
        long remote = Session.remote(src4, srcP);
        boolean syn = proto == Protocol.TCP && (tcpFlags & TcpStateMachine.SYN) != 0;
        w.state = TcpState.CLOSED;
        int a = pool.indexOf(dst4);
        Bib bib = a < 0 ? null : pool.owner(p, a, dstPort);
        if (bib == null) {
            return w.count(noBib(proto, syn, dst4, dstPort, src4, srcP, now));
        }
        synchronized (bib) {
            Session s = bib.dead ? null : live(bib, remote, now, w);
            if (s == null) {
                if (bib.dead || bib.sessionCount == 0 && !bib.isStatic) {
                    // every session expired: the entry is gone in all but memory (§3.5.1)
                    return w.count(noBib(proto, syn, dst4, dstPort, src4, srcP, now));
                }
                if (config.addressDependentFiltering() && !bib.hasSessionWith(src4, now)) {
                    return w.count(syn ? hold(dst4, dstPort, src4, srcP, now) : Nat64Stat.FILTERED_46);
                }
                if (proto == Protocol.TCP && !syn) {
                    copy6(w, bib);
                    return w.count(Nat64Stat.TCP_BIB_ONLY_46);
                }
                Nat64Stat refused = subs.admitSession(bib, config, false);
                if (refused != null) {
                    return w.count(refused);
                }
                s = newSession(bib, remote, now);
                if (proto == Protocol.TCP) {
                    // §3.5.2.2 CLOSED, IPv4 SYN with a BIB entry that filtering lets through:
                    // V4 INIT; lifetime TCP_TRANS as Jool does (the RFC's exact wording not re-read)
                    setTcp(s, TcpState.V4_INIT, timeouts.tcpTransitory(), now, w);
                } else {
                    s.expiresAt = now + timeouts.simple(proto);
                }
            } else {
                refresh(s, proto, false, tcpFlags, now, w);
            }
            copy6(w, bib);
            return w.count(Nat64Stat.MAPPED_46);
        }
    }

    private Nat64Stat noBib(Protocol proto, boolean syn, int dst4, int dstPort, int src4, int srcPort, long now) {
        if (proto != Protocol.TCP) {
            return Nat64Stat.NO_BIB_46;
        }
        return syn ? hold(dst4, dstPort, src4, srcPort, now) : Nat64Stat.TCP_NO_STATE_46;
    }

    /** §3.5.2.2: an unsolicited IPv4 SYN is dropped by policy or held TCP_INCOMING_SYN, never translated. */
    private Nat64Stat hold(int dst4, int dstPort, int src4, int srcPort, long now) {
        if (config.dropExternallyInitiatedTcp()) {
            return Nat64Stat.TCP_EXTERNAL_SYN_DROPPED_46;
        }
        return held.hold(dst4, dstPort, src4, srcPort, now + timeouts.tcpIncomingSyn())
                ? Nat64Stat.TCP_SYN_HELD_46 : Nat64Stat.TCP_SYN_HOLD_FULL_46;
    }

    private static void copy6(Nat64Worker w, Bib bib) {
        w.hi = bib.hi;
        w.lo = bib.lo;
        w.port6 = bib.port6;
    }

    // ------------------------------------------------------------------------------------ sessions

    /** The live session with {@code remote}, dropping it first if its lifetime ran out. Caller holds the monitor. */
    private Session live(Bib bib, long remote, long now, Nat64Worker w) {
        Session s = bib.find(remote);
        if (s == null || s.expiresAt > now) {
            return s;
        }
        if (bib.protocol == Protocol.TCP.ordinal() && s.state == TcpState.ESTABLISHED.ordinal()
                && s.expiresAt + timeouts.tcpTransitory() > now) {
            // the sweep would have moved it to TRANS at expiresAt (§3.5.2.2); do it lazily
            s.state = (byte) TcpState.TRANS.ordinal();
            s.expiresAt += timeouts.tcpTransitory();
            return s;
        }
        SessionSweeper.unlink(this, bib, s, now);
        w.count(Nat64Stat.SESSION_EXPIRED);
        return null;
    }

    private Session newSession(Bib bib, long remote, long now) {
        Session s = bib.add(remote);
        if (config.logSessions()) {
            log.accept(new MappingEvent(now, MappingEvent.Kind.SESSION_CREATE, Protocol.of(bib.protocol), bib.hi,
                    bib.lo, bib.port6, bib.addr4, bib.port4, bib.port4, s.remoteAddress(), s.remotePort()));
        }
        return s;
    }

    private void refresh(Session s, Protocol proto, boolean fromV6, int flags, long now, Nat64Worker w) {
        if (proto != Protocol.TCP) {
            // RFC 4787 REQ-6: outbound refreshes; inbound refresh is allowed and done here too
            s.expiresAt = now + timeouts.simple(proto);
            return;
        }
        int next = TcpStateMachine.onSegment(TcpState.of(s.state), fromV6, flags);
        int timer = TcpStateMachine.timer(next);
        long lifetime = timer == TcpStateMachine.TIMER_EST ? timeouts.tcpEstablished()
                : timer == TcpStateMachine.TIMER_TRANS ? timeouts.tcpTransitory() : -1;
        setTcp(s, TcpStateMachine.state(next), lifetime, now, w);
    }

    private static void setTcp(Session s, TcpState state, long lifetime, long now, Nat64Worker w) {
        s.state = (byte) state.ordinal();
        if (lifetime >= 0) {
            s.expiresAt = now + lifetime;
        }
        w.state = state;
    }

    // ------------------------------------------------------------------------------------ ICMP errors

    /**
     * The state an ICMPv6 error refers to (RFC 6146 §3.5, ICMP error messages): the embedded packet
     * went from (remote4, remotePort) through the NAT64 to (X', x) = (hi, lo, port6). Finds the BIB
     * entry and a live session without creating or refreshing anything.
     *
     * @return {@link Nat64Stat#ICMP_ERROR_MATCHED_64} with {@code w.addr4}/{@code w.port4} set, or
     *         {@link Nat64Stat#ICMP_ERROR_NO_STATE_64}
     */
    public Nat64Stat find64(Nat64Worker w, Protocol proto, long hi, long lo, int port6, int remote4, int remotePort,
            long now) {
        Bib bib = bib6[proto.ordinal()].get(w.probe.set(hi, lo, port6));
        if (bib == null) {
            return w.count(Nat64Stat.ICMP_ERROR_NO_STATE_64);
        }
        synchronized (bib) {
            Session s = bib.dead ? null : bib.find(Session.remote(remote4, proto == Protocol.ICMP ? 0 : remotePort));
            if (s == null || s.expiresAt <= now) {
                return w.count(Nat64Stat.ICMP_ERROR_NO_STATE_64);
            }
            w.addr4 = bib.addr4;
            w.port4 = bib.port4;
            return w.count(Nat64Stat.ICMP_ERROR_MATCHED_64);
        }
    }

    /**
     * The state an ICMPv4 error refers to: the embedded packet went from the pool4 transport
     * address (addr4, port4) to (remote4, remotePort). Finds the BIB entry and a live session
     * without creating or refreshing anything.
     *
     * @return {@link Nat64Stat#ICMP_ERROR_MATCHED_46} with {@code w.hi}/{@code w.lo}/{@code w.port6}
     *         set, or {@link Nat64Stat#ICMP_ERROR_NO_STATE_46}
     */
    public Nat64Stat find46(Nat64Worker w, Protocol proto, int addr4, int port4, int remote4, int remotePort,
            long now) {
        int a = pool.indexOf(addr4);
        Bib bib = a < 0 ? null : pool.owner(proto.ordinal(), a, port4);
        if (bib == null) {
            return w.count(Nat64Stat.ICMP_ERROR_NO_STATE_46);
        }
        synchronized (bib) {
            Session s = bib.dead ? null : bib.find(Session.remote(remote4, proto == Protocol.ICMP ? 0 : remotePort));
            if (s == null || s.expiresAt <= now) {
                return w.count(Nat64Stat.ICMP_ERROR_NO_STATE_46);
            }
            copy6(w, bib);
            return w.count(Nat64Stat.ICMP_ERROR_MATCHED_46);
        }
    }

    // ------------------------------------------------------------------------------------ static

    /**
     * Adds a static BIB entry (port forwarding to an IPv6 server, RFC 6146 §3.1 "manually
     * configured"): never expires, counts against no host quota.
     *
     * @throws IllegalArgumentException when the address is not in pool4 or either side is taken
     */
    public void addStatic(Protocol proto, long hi, long lo, int port6, int addr4, int port4) {
        addStatic(proto, hi, lo, port6, addr4, port4, 0);
    }

    /** {@link #addStatic(Protocol, long, long, int, int, int)}, logged at {@code now} (wall-clock ms). */
    public void addStatic(Protocol proto, long hi, long lo, int port6, int addr4, int port4, long now) {
        StaticEntries.add(this, proto, hi, lo, port6, addr4, port4, now);
    }

    /**
     * Removes a static BIB entry and its sessions (a reload that dropped it from the configuration).
     *
     * @return false when (X', x) has no static entry
     */
    public boolean removeStatic(Protocol proto, long hi, long lo, int port6, long now) {
        return StaticEntries.remove(this, proto, hi, lo, port6, now);
    }

    // ------------------------------------------------------------------------------------ status

    /**
     * A BIB entry as an operator reads it ({@code v6mostly nat64 bib}).
     *
     * @param sessions sessions hanging off it, live or not yet swept
     */
    public record BibEntry(Protocol protocol, long hi, long lo, int port6, int addr4, int port4, boolean isStatic,
            int sessions) {
    }

    /**
     * A session as an operator reads it ({@code v6mostly nat64 sessions}).
     *
     * @param state TCP state (CLOSED for UDP and ICMP)
     * @param expiresAt wall-clock ms at which it ends unless refreshed
     */
    public record SessionEntry(Protocol protocol, long hi, long lo, int port6, int addr4, int port4, int remote4,
            int remotePort, TcpState state, long expiresAt) {
    }

    /** Up to {@code limit} BIB entries of {@code proto} (slow: for status pages). */
    public java.util.List<BibEntry> bibEntries(Protocol proto, int limit) {
        java.util.List<BibEntry> out = new java.util.ArrayList<>();
        for (Bib b : bib6[proto.ordinal()].values()) {
            if (out.size() >= limit) {
                break;
            }
            synchronized (b) {
                if (!b.dead) {
                    out.add(new BibEntry(proto, b.hi, b.lo, b.port6, b.addr4, b.port4, b.isStatic, b.sessionCount));
                }
            }
        }
        return out;
    }

    /** Up to {@code limit} sessions of {@code proto} (slow: for status pages). */
    public java.util.List<SessionEntry> sessionEntries(Protocol proto, int limit) {
        java.util.List<SessionEntry> out = new java.util.ArrayList<>();
        for (Bib b : bib6[proto.ordinal()].values()) {
            synchronized (b) {
                for (Session s = b.dead ? null : b.sessions; s != null && out.size() < limit; s = s.next) {
                    out.add(new SessionEntry(proto, b.hi, b.lo, b.port6, b.addr4, b.port4, s.remoteAddress(),
                            s.remotePort(), proto == Protocol.TCP ? TcpState.of(s.state) : TcpState.CLOSED,
                            s.expiresAt));
                }
            }
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    /** What first fragments decided, for the fragments after them (shared by the pipelines). */
    public FragmentMemory fragments() {
        return fragments;
    }

    /** Fragments waiting for their first fragment (shared by the pipelines). */
    public HeldFragments heldFragments() {
        return heldFragments;
    }

    /** The pool4 in use. */
    public Pool4 pool4() {
        return pool;
    }

    /** The configuration in force. */
    public Nat64Config config() {
        return config;
    }

    /**
     * Applies new timeouts, per-subscriber limits and global caps (lowered caps refuse new state
     * until enough expires; nothing is removed), filtering, the externally-initiated-TCP policy and
     * session logging at once, keeping every mapping (SIGHUP). A session's current lifetime stands;
     * the new timeouts apply from its next packet. What the tables are built with cannot change
     * here: the pool4 object and its port ranges ({@link Pool4#update} changes its addresses), the
     * port-block size and count, the held-SYN table size, the subscriber prefix length.
     *
     * @throws IllegalArgumentException naming what needs a restart
     */
    public void reconfigure(Nat64Config next) {
        Nat64Config now = config;
        for (Protocol p : Protocol.values()) {
            if (!now.pool4().range(p).equals(next.pool4().range(p))) {
                throw new IllegalArgumentException("the " + p.label() + " port range");
            }
        }
        if (now.blockSize() != next.blockSize() || now.maxBlocksPerHost() != next.maxBlocksPerHost()) {
            throw new IllegalArgumentException("port-block-size or max-blocks-per-host");
        }
        if (now.maxHeldSyns() != next.maxHeldSyns()) {
            throw new IllegalArgumentException("max-held-syns");
        }
        if (now.subscriberPrefixLength() != next.subscriberPrefixLength()) {
            throw new IllegalArgumentException("subscriber-prefix-length");
        }
        Nat64Config merged = new Nat64Config(now.pool4(), next.timeouts(), next.addressDependentFiltering(),
                next.maxPortsPerHost(), next.maxSessionsPerHost(), now.blockSize(), now.maxBlocksPerHost(),
                next.dropExternallyInitiatedTcp(), now.maxHeldSyns(), next.logSessions(), now.secret(),
                now.subscriberPrefixLength(), next.maxBibEntries(), next.maxSessions());
        timeouts = merged.timeouts();
        config = merged;
    }

    /** Number of BIB entries of {@code proto} (slow: for status and tests). */
    public int bibCount(Protocol proto) {
        return bib6[proto.ordinal()].size();
    }

    /** Number of sessions of {@code proto}, live or not yet swept (slow: walks the table). */
    public int sessionCount(Protocol proto) {
        int n = 0;
        for (Bib b : bib6[proto.ordinal()].values()) {
            synchronized (b) {
                n += b.sessionCount;
            }
        }
        return n;
    }

    /** Number of IPv6 hosts (addresses) holding BIB entries. */
    public int hostCount() {
        return subs.hosts.size();
    }

    /** Number of subscribers (IPv6 prefixes, RFC 6888 REQ-4) holding BIB entries. */
    public int subscriberCount() {
        return subs.subscribers.size();
    }

    /** Dynamic BIB entries, all protocols, as the global cap counts them (cheap). */
    public int dynamicBibTotal() {
        return subs.bibs.get();
    }

    /** Sessions, all protocols, as the global cap counts them (cheap). */
    public int sessionTotal() {
        return subs.sessions.get();
    }

    /** The pool4 address paired with an IPv6 host, or 0 when it holds none. */
    public int pairedAddress(long hi, long lo) {
        Host h = subs.hosts.get(new Host.HostProbe().set(hi, lo));
        if (h == null) {
            return 0;
        }
        synchronized (h) {
            return h.addrIndex < 0 ? 0 : pool.address(h.addrIndex);
        }
    }

    /** Unsolicited IPv4 SYNs currently held. */
    public int heldSyns() {
        return held.size();
    }

    // ------------------------------------------------------------------------------------ logging

    void logBib(MappingEvent.Kind kind, Bib bib, long now) {
        log.accept(new MappingEvent(now, kind, Protocol.of(bib.protocol), bib.hi, bib.lo, bib.port6, bib.addr4,
                bib.port4, bib.port4, 0, -1));
    }

    PortAllocator.BlockEvents blockLog(Host host, int p, long now) {
        return new PortAllocator.BlockEvents() {
            @Override
            public void blockAllocated(int addrIndex, int first, int last) {
                log.accept(new MappingEvent(now, MappingEvent.Kind.BLOCK_ALLOC, Protocol.of(p), host.hi, host.lo, -1,
                        pool.address(addrIndex), first, last, 0, -1));
            }

            @Override
            public void blockReleased(int addrIndex, int first, int last) {
                log.accept(new MappingEvent(now, MappingEvent.Kind.BLOCK_RELEASE, Protocol.of(p), host.hi, host.lo,
                        -1, pool.address(addrIndex), first, last, 0, -1));
            }
        };
    }
}
