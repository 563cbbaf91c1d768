package net.v6mostly.xlat.rfc6146;

import net.v6mostly.stats.Counters;

/**
 * One data-path thread's scratch for {@link Nat64State}: the lookup result fields, the
 * allocation-free probe keys and the thread's own counters (one writer per counter array,
 * DESIGN.md §3.6). Never shared between threads.
 */
public final class Nat64Worker {
    /** After a 6→4 lookup that passes: the pool4 address (T). */
    public int addr4;
    /** After a 6→4 lookup that passes: the pool4 port or ICMP Identifier (t). */
    public int port4;
    /** After a 4→6 lookup that passes: first 64 bits of the IPv6 host (X'). */
    public long hi;
    /** After a 4→6 lookup that passes: last 64 bits of X'. */
    public long lo;
    /** After a 4→6 lookup that passes: the IPv6 port or Identifier (x). */
    public int port6;
    /** TCP state of the session after the lookup (CLOSED when none or not TCP). */
    public TcpState state = TcpState.CLOSED;

    final Bib.Probe probe = new Bib.Probe();
    final Host.HostProbe hostProbe = new Host.HostProbe();
    final Subscriber.Probe subscriberProbe = new Subscriber.Probe();
    /** Set by BIB creation for the caller. */
    Bib created;

    private final Counters<Nat64Stat> counters = new Counters<>(Nat64Stat.class);

    /** This thread's counters; read them from any thread. */
    public Counters<Nat64Stat> counters() {
        return counters;
    }

    Nat64Stat count(Nat64Stat stat) {
        counters.increment(stat);
        return stat;
    }
}
