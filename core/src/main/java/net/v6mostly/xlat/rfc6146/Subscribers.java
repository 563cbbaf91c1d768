package net.v6mostly.xlat.rfc6146;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may create state, and how much (RFC 6888 REQ-4, REQ-5, REQ-11): the subscribers (IPv6
 * prefixes of {@link Nat64Config#subscriberPrefixLength()} bits) with their quotas, the hosts (IPv6
 * addresses, for paired pooling) and the global caps on dynamic BIB entries and on sessions. A
 * refusal here drops the packet with the ICMP answer of its {@link Nat64Stat} and never removes
 * existing state to make room (REQ-11 d).
 *
 * <p>Records exist only while they hold a BIB entry: {@link #retire} removes a host and a
 * subscriber the moment their last entry goes, so memory follows the mappings, never the number
 * of addresses or prefixes ever seen. Every count is changed under the lock order of
 * {@link Subscriber}; the global counts are atomics that never pass their cap.
 */
final class Subscribers {
    final ConcurrentHashMap<Object, Subscriber> subscribers = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Object, Host> hosts = new ConcurrentHashMap<>();
    /** Dynamic BIB entries (static ones are the operator's and count against nothing). */
    final AtomicInteger bibs = new AtomicInteger();
    /** Sessions, those of static BIB entries included: any IPv4 peer can open those. */
    final AtomicInteger sessions = new AtomicInteger();
    private final long maskHi;
    private final long maskLo;

    /** Subscribers of {@code prefixLength} bits; fixed for the life of the tables. */
    Subscribers(int prefixLength) {
        this.maskHi = Subscriber.maskHi(prefixLength);
        this.maskLo = Subscriber.maskLo(prefixLength);
    }

    /** The subscriber of address (hi, lo), created if none; may be dead: check under its monitor. */
    Subscriber subscriber(Subscriber.Probe probe, long hi, long lo) {
        long h = hi & maskHi;
        long l = lo & maskLo;
        Subscriber s = subscribers.get(probe.set(h, l));
        if (s == null) {
            Subscriber fresh = new Subscriber(h, l);
            Subscriber raced = subscribers.putIfAbsent(fresh, fresh);
            s = raced != null ? raced : fresh;
        }
        return s;
    }

    /**
     * The host of address (hi, lo), created if none. Caller holds {@code sub}'s monitor, under which
     * hosts are created and retired, so the host returned is alive and belongs to {@code sub}.
     */
    Host host(Host.HostProbe probe, Subscriber sub, long hi, long lo) {
        Host h = hosts.get(probe.set(hi, lo));
        if (h == null) {
            h = new Host(hi, lo, sub);
            hosts.put(h, h);
        }
        return h;
    }

    /** Drops {@code host} and {@code sub} if they hold no BIB entry; caller holds both monitors. */
    void retire(Subscriber sub, Host host) {
        if (host.totalBibs() == 0 && !host.dead) {
            host.dead = true;
            hosts.remove(host, host);
        }
        if (sub.bibs == 0 && !sub.dead) {
            sub.dead = true;
            subscribers.remove(sub, sub);
        }
    }

    /**
     * Takes one session for {@code bib} from its subscriber's quota and the global cap.
     *
     * @return null when admitted, else the refusal ({@code v6}: of an IPv6 packet)
     */
    Nat64Stat admitSession(Bib bib, Nat64Config c, boolean v6) {
        Subscriber sub = bib.host == null ? null : bib.host.subscriber;
        if (sub != null && !sub.tryAddSession(c.maxSessionsPerHost())) {
            return v6 ? Nat64Stat.HOST_SESSION_LIMIT_64 : Nat64Stat.HOST_SESSION_LIMIT_46;
        }
        if (!Subscriber.tryAdd(sessions, c.maxSessions())) {
            if (sub != null) {
                sub.sessions.decrementAndGet();
            }
            return v6 ? Nat64Stat.SESSION_LIMIT_64 : Nat64Stat.SESSION_LIMIT_46;
        }
        return null;
    }

    /** Gives back what {@link #admitSession} took, when a session of {@code bib} goes. */
    void sessionGone(Bib bib) {
        sessions.decrementAndGet();
        if (bib.host != null) {
            bib.host.subscriber.sessions.decrementAndGet();
        }
    }
}
