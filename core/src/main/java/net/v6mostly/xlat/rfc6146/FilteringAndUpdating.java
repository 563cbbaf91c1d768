package net.v6mostly.xlat.rfc6146;

/**
 * RFC 6146 §3.5, "Filtering and Updating Binding and Session Information": hands the tuple of
 * §3.4 to the shared {@link Nat64State}. Ordinary packets find or create BIB and session state
 * (§3.5.1 UDP, §3.5.2 TCP, §3.5.3 ICMP query); ICMP errors only look up the state their embedded
 * packet belongs to and change nothing.
 */
public final class FilteringAndUpdating {
    private final Nat64State state;

    /** Filtering over {@code state}. */
    public FilteringAndUpdating(Nat64State state) {
        this.state = state;
    }

    /** An IPv6 packet: on success {@code w.addr4}/{@code w.port4} hold (T, t). */
    public Nat64Stat update64(Nat64Worker w, Tuple t, long now) {
        if (t.icmpError) {
            return state.find64(w, t.protocol, t.hi, t.lo, t.port6, t.remote4, t.remotePort, now);
        }
        return state.lookup64(w, t.protocol, t.hi, t.lo, t.port6, t.remote4, t.remotePort, t.tcpFlags, now);
    }

    /** An IPv4 packet: on success {@code w.hi}/{@code w.lo}/{@code w.port6} hold (X', x). */
    public Nat64Stat update46(Nat64Worker w, Tuple t, long now) {
        if (t.icmpError) {
            return state.find46(w, t.protocol, t.addr4, t.port4, t.remote4, t.remotePort, now);
        }
        return state.lookup46(w, t.protocol, t.addr4, t.port4, t.remote4, t.remotePort, t.tcpFlags, now);
    }
}
