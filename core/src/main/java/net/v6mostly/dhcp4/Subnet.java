package net.v6mostly.dhcp4;

import java.util.List;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;

/**
 * One served subnet: where its clients are (an interface, or relays whose giaddr lies in the
 * prefix, RFC 2131 §4.3.1), the server identifier it answers with (option 54), its pools and
 * reservations, lease time, the options it hands out and its Option 108 setting (RFC 8925 §3.3).
 *
 * @param interfaceName receiving interface for directly attached clients, or null for relayed only
 * @param v6OnlyWait V6ONLY_WAIT in seconds sent in option 108, or {@link #V6ONLY_OFF}
 */
public record Subnet(String name, Ipv4Prefix prefix, String interfaceName, int serverId, List<Pool> pools,
        List<Reservation> reservations, long leaseSeconds, int[] routers, int[] dns, String domain, int mtu,
        List<ClasslessRoute> routes, long v6OnlyWait) {
    /** Option 108 is not sent in this scope. */
    public static final long V6ONLY_OFF = -1;

    public Subnet {
        pools = List.copyOf(pools);
        reservations = List.copyOf(reservations);
        routes = List.copyOf(routes);
        routers = routers.clone();
        dns = dns.clone();
        if (leaseSeconds < 1 || leaseSeconds > 0xFFFF_FFFEL) {
            throw new IllegalArgumentException("lease time must be 1..4294967294 seconds (RFC 2132 §9.2)");
        }
        for (Pool p : pools) {
            if (!prefix.contains(p.first()) || !prefix.contains(p.last())) {
                throw new IllegalArgumentException("pool " + p + " is not inside " + prefix);
            }
        }
        for (Reservation r : reservations) {
            if (r.address() != 0 && !prefix.contains(r.address())) {
                throw new IllegalArgumentException("reserved address " + Ipv4.format(r.address()) + " is not inside " + prefix);
            }
        }
    }

    /** The subnet mask (option 1). */
    public int mask() {
        return Ipv4.mask(prefix.length());
    }

    /** The Option 108 value for {@code pool} (its own or the subnet's), or {@link #V6ONLY_OFF}. */
    public long v6OnlyWait(Pool pool) {
        return pool == null || pool.v6OnlyWait() == Pool.INHERIT ? v6OnlyWait : pool.v6OnlyWait();
    }

    /** The pool holding {@code address}, or null. */
    public Pool poolOf(int address) {
        for (Pool p : pools) {
            if (p.contains(address)) {
                return p;
            }
        }
        return null;
    }

    /** The reservation for a client, or null. */
    public Reservation reservationFor(byte[] clientId, byte[] hw) {
        for (Reservation r : reservations) {
            if (r.matches(clientId, hw)) {
                return r;
            }
        }
        return null;
    }

    /** Whether {@code address} is reserved for some client. */
    public boolean isReserved(int address) {
        for (Reservation r : reservations) {
            if (r.address() == address) {
                return true;
            }
        }
        return false;
    }
}
