package net.v6mostly.xlat.rfc6146;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;

/** Shared addresses for the state engine tests (documentation ranges only). */
final class Fixtures {
    static final Ipv6Address H1 = Ipv6Address.parse("2001:db8:1::1");
    /** In H1's /64: the same subscriber by default. */
    static final Ipv6Address H2 = Ipv6Address.parse("2001:db8:1::2");
    /** Another /64: another subscriber. */
    static final Ipv6Address OTHER_SUBSCRIBER = Ipv6Address.parse("2001:db8:2::1");
    static final int P1 = Ipv4.parse("192.0.2.1");
    static final int P2 = Ipv4.parse("192.0.2.2");
    static final int SERVER = Ipv4.parse("198.51.100.7");
    static final int SERVER2 = Ipv4.parse("203.0.113.9");
    static final long MIN = 60_000;

    private Fixtures() {
    }

    static Nat64Config config(int... pool) {
        return Nat64Config.defaults(Pool4.of(pool)).withLogging(false, 42);
    }

    static Nat64Stat out(Nat64State s, Nat64Worker w, Protocol p, Ipv6Address h, int sport, int dst, int dport,
            int flags, long now) {
        return s.lookup64(w, p, h.hi(), h.lo(), sport, dst, dport, flags, now);
    }
}
