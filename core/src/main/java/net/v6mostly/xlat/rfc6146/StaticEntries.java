package net.v6mostly.xlat.rfc6146;

import net.v6mostly.addr.Ipv4;

/**
 * Static BIB entries (RFC 6146 §3.1, "manually configured"): port forwarding to an IPv6 server.
 * They never expire and count against no subscriber quota nor the global BIB cap (the operator
 * bounds them); their sessions do count against the global session cap, since any IPv4 peer can
 * open them. Lock order as in {@link Nat64State}.
 */
final class StaticEntries {
    private StaticEntries() {
    }

    static void add(Nat64State state, Protocol proto, long hi, long lo, int port6, int addr4, int port4, long now) {
        int p = proto.ordinal();
        int a = state.pool.indexOf(addr4);
        if (a < 0) {
            throw new IllegalArgumentException("static BIB entry: " + Ipv4.format(addr4) + " is not in pool4");
        }
        Bib bib = new Bib(proto, hi, lo, port6, addr4, port4, null, true);
        Pool4.Slots s = state.pool.slots(p, a);
        synchronized (s) {
            Pool4.PortRange r = state.pool.range(proto);
            boolean inRange = port4 >= r.first() && port4 <= r.last();
            if (s.owners[port4] != null || inRange && !s.ports.take(port4)) {
                throw new IllegalArgumentException("static BIB entry: " + Ipv4.format(addr4) + "#" + port4 + " ("
                        + proto.label() + ") is already taken");
            }
            if (state.bib6[p].putIfAbsent(bib, bib) != null) {
                if (inRange) {
                    s.ports.release(port4);
                }
                throw new IllegalArgumentException("static BIB entry: the IPv6 side already has a BIB entry");
            }
            Pool4.setOwner(s, port4, bib);
        }
        state.logBib(MappingEvent.Kind.BIB_CREATE, bib, now);
    }

    static boolean remove(Nat64State state, Protocol proto, long hi, long lo, int port6, long now) {
        int p = proto.ordinal();
        Bib bib = state.bib6[p].get(new Bib.Probe().set(hi, lo, port6));
        if (bib == null || !bib.isStatic) {
            return false;
        }
        int a = state.pool.indexOf(bib.addr4);
        Pool4.Slots s = state.pool.slots(p, a);
        synchronized (bib) {
            while (bib.sessions != null) {
                SessionSweeper.unlink(state, bib, bib.sessions, now);
            }
            bib.dead = true;
        }
        synchronized (s) {
            state.bib6[p].remove(bib, bib);
            Pool4.setOwner(s, bib.port4, null);
            Pool4.PortRange r = state.pool.range(proto);
            if (bib.port4 >= r.first() && bib.port4 <= r.last()) {
                s.ports.release(bib.port4);
            }
        }
        state.logBib(MappingEvent.Kind.BIB_DELETE, bib, now);
        return true;
    }
}
