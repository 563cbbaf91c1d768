package net.v6mostly.xlat.rfc6146;

/**
 * Incremental expiry (RFC 6146 §3.5.1, §3.5.2.2, §3.5.3, §4): each call examines at most
 * {@code budget} pool4 port slots, continuing where the previous call stopped, so one call never
 * holds the data path for long. One thread calls {@link #sweep}; it takes the same per-host and
 * per-BIB monitors as the workers, one entry at a time.
 *
 * <p>Lifetimes are floors: a session is never removed before its {@code expiresAt}, and may outlive
 * it by at most one sweep cycle (all slots / budget per call × call interval). The data path treats
 * a session past its lifetime as gone even before the sweep reaches it, so what a packet sees is
 * exact.
 */
public final class SessionSweeper {
    private final Nat64State state;
    private int protocol;
    private int addrIndex;
    private int port;

    /** A sweeper over {@code state}'s tables; one per state, used by one thread. */
    public SessionSweeper(Nat64State state) {
        this.state = state;
    }

    /**
     * Examines up to {@code budget} slots and expires what is due at {@code now}.
     *
     * @param w the sweeping thread's scratch, whose counters receive the expiry stats
     * @return true when this call completed a full cycle over every slot
     */
    public boolean sweep(long now, int budget, Nat64Worker w, ExpiryListener listener) {
        boolean wrapped = false;
        if (protocol == 0 && addrIndex == 0 && port == 0) {
            int n = state.held.expire(now, listener);
            for (int i = 0; i < n; i++) {
                w.count(Nat64Stat.TCP_INCOMING_SYN_EXPIRED);
            }
            n = state.ports.releaseHeld(now);
            for (int i = 0; i < n; i++) {
                w.count(Nat64Stat.PORT_HOLD_DOWN_ENDED);
            }
        }
        Pool4 pool = state.pool;
        for (int i = 0; i < budget; i++) {
            Bib bib = pool.owner(protocol, addrIndex, port);
            if (bib != null) {
                expire(bib, now, w, listener);
            }
            if (++port == 65536) {
                port = 0;
                if (++addrIndex == pool.size()) {
                    addrIndex = 0;
                    if (++protocol == 3) {
                        protocol = 0;
                        wrapped = true;
                        break;
                    }
                }
            }
        }
        return wrapped;
    }

    /** Sweeps every slot once (tests, shutdown). */
    public void sweepAll(long now, Nat64Worker w, ExpiryListener listener) {
        while (!sweep(now, 1 << 16, w, listener)) {
            // continue until the cycle completes
        }
    }

    private void expire(Bib bib, long now, Nat64Worker w, ExpiryListener listener) {
        Host host = bib.host;
        if (host == null) {
            synchronized (bib) {
                expireSessions(bib, now, w, listener);
            }
            return;
        }
        synchronized (host.subscriber) {
            synchronized (host) {
                synchronized (bib) {
                    if (bib.dead) {
                        return;
                    }
                    expireSessions(bib, now, w, listener);
                    if (bib.sessionCount > 0) {
                        return;
                    }
                    bib.dead = true;
                }
                removeBib(bib, host, now, w);
            }
        }
    }

    private void expireSessions(Bib bib, long now, Nat64Worker w, ExpiryListener listener) {
        Session s = bib.sessions;
        while (s != null) {
            Session next = s.next;
            if (s.expiresAt <= now) {
                if (bib.protocol == Protocol.TCP.ordinal()
                        && TcpStateMachine.onExpiry(TcpState.of(s.state)) == TcpStateMachine.Expiry.TO_TRANS) {
                    s.state = (byte) TcpState.TRANS.ordinal();
                    s.expiresAt = now + state.timeouts.tcpTransitory();
                    w.count(Nat64Stat.TCP_EST_EXPIRED_TO_TRANS);
                    listener.tcpProbe(bib.hi, bib.lo, bib.port6, bib.addr4, bib.port4, s.remoteAddress(),
                            s.remotePort());
                } else {
                    unlink(state, bib, s, now);
                    w.count(Nat64Stat.SESSION_EXPIRED);
                }
            }
            s = next;
        }
    }

    /** Removes {@code s} from {@code bib}; caller holds the BIB's monitor. */
    static void unlink(Nat64State state, Bib bib, Session s, long now) {
        if (bib.sessions == s) {
            bib.sessions = s.next;
        } else {
            Session prev = bib.sessions;
            while (prev.next != s) {
                prev = prev.next;
            }
            prev.next = s.next;
        }
        bib.sessionCount--;
        state.subs.sessionGone(bib);
        if (state.config.logSessions()) {
            state.log.accept(new MappingEvent(now, MappingEvent.Kind.SESSION_DELETE, Protocol.of(bib.protocol),
                    bib.hi, bib.lo, bib.port6, bib.addr4, bib.port4, bib.port4, s.remoteAddress(), s.remotePort()));
        }
    }

    /**
     * Removes a dead dynamic BIB entry from both indexes, frees its port, and retires its host and
     * subscriber if they hold nothing else; caller holds the subscriber's and the host's monitors.
     */
    private void removeBib(Bib bib, Host host, long now, Nat64Worker w) {
        int p = bib.protocol;
        int a = state.pool.indexOf(bib.addr4);
        state.bib6[p].remove(bib, bib);
        Pool4.setOwner(state.pool.slots(p, a), bib.port4, null);
        host.bibs[p]--;
        host.subscriber.bibs--;
        state.subs.bibs.decrementAndGet();
        state.ports.release(host, p, a, bib.port4, state.blockLog(host, p, now), now);
        w.count(Nat64Stat.BIB_EXPIRED);
        state.logBib(MappingEvent.Kind.BIB_DELETE, bib, now);
        state.subs.retire(host.subscriber, host);
    }
}
