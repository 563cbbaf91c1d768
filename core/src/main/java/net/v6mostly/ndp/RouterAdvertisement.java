package net.v6mostly.ndp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import net.v6mostly.addr.Ipv6Address;

/**
 * A Router Advertisement (RFC 4861 §4.2), the ICMPv6 message without the IPv6 header.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Cur Hop Limit |M|O|H|Prf|P|Rsv|       Router Lifetime         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Reachable Time                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Retrans Timer                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Options ...
 * </pre>
 *
 * <p>Prf is the default router preference of RFC 4191 §2.2. Times: Router Lifetime in seconds
 * (0 = not a default router), Reachable Time and Retrans Timer in milliseconds (0 = unspecified).
 */
public record RouterAdvertisement(int curHopLimit, boolean managed, boolean other, RouterPreference preference,
        int routerLifetime, long reachableTime, long retransTimer, List<NdpOption> options) {
    /** ICMPv6 type of a Router Advertisement. */
    public static final int TYPE = 134;
    /** Octets before the options. */
    public static final int HEADER = 16;

    public RouterAdvertisement {
        if (curHopLimit < 0 || curHopLimit > 255) {
            throw new IllegalArgumentException("Cur Hop Limit must be 0..255, not " + curHopLimit);
        }
        if (routerLifetime < 0 || routerLifetime > 65535) {
            throw new IllegalArgumentException("Router Lifetime must be 0..65535 s, not " + routerLifetime);
        }
        if (reachableTime < 0 || reachableTime > 3_600_000) {
            throw new IllegalArgumentException("Reachable Time must be 0..3600000 ms (RFC 4861 §6.2.1), not " + reachableTime);
        }
        if (retransTimer < 0 || retransTimer > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("Retrans Timer must be 0..4294967295 ms, not " + retransTimer);
        }
        options = List.copyOf(options);
    }

    /** This advertisement with a different Router Lifetime, e.g. 0 for the final RA (RFC 4861 §6.2.5). */
    public RouterAdvertisement withRouterLifetime(int seconds) {
        return new RouterAdvertisement(curHopLimit, managed, other, preference, seconds, reachableTime, retransTimer,
                options);
    }

    /**
     * This advertisement with every PREF64 option's lifetime set to {@code seconds}: 0 tells hosts
     * to stop using the NAT64 prefix (RFC 8781 §4.1), which the gateway sends while its NAT64 or
     * DNS64 is down. Other options are kept in order.
     */
    public RouterAdvertisement withPref64Lifetime(int seconds) {
        List<NdpOption> changed = new ArrayList<>(options.size());
        for (NdpOption o : options) {
            changed.add(o instanceof Pref64Option p ? new Pref64Option(p.prefix(), seconds) : o);
        }
        return new RouterAdvertisement(curHopLimit, managed, other, preference, routerLifetime, reachableTime,
                retransTimer, changed);
    }

    /** This advertisement with {@code option} appended (e.g. the SLLA known only once the interface is open). */
    public RouterAdvertisement with(NdpOption option) {
        List<NdpOption> more = new ArrayList<>(options);
        more.add(option);
        return new RouterAdvertisement(curHopLimit, managed, other, preference, routerLifetime, reachableTime,
                retransTimer, more);
    }

    /** Size of the message in octets. */
    public int size() {
        return HEADER + NdpOptions.size(options);
    }

    /** The ICMPv6 message with a zero checksum, as a raw ICMPv6 socket takes it (the kernel sums it). */
    public byte[] emit() {
        ByteBuffer out = ByteBuffer.allocate(size());
        out.put((byte) TYPE).put((byte) 0).putShort((short) 0);
        out.put((byte) curHopLimit);
        out.put((byte) ((managed ? 0x80 : 0) | (other ? 0x40 : 0) | preference.bits() << 3));
        out.putShort((short) routerLifetime).putInt((int) reachableTime).putInt((int) retransTimer);
        NdpOptions.emit(options, out);
        return out.array();
    }

    /** The ICMPv6 message with its checksum over the pseudo-header of {@code src -> dst} (RFC 4443 §2.3). */
    public byte[] emit(Ipv6Address src, Ipv6Address dst) {
        byte[] msg = emit();
        int sum = Icmp6.checksum(src, dst, msg);
        msg[2] = (byte) (sum >>> 8);
        msg[3] = (byte) sum;
        return msg;
    }

    /**
     * Parses an RA message (from the ICMPv6 type on).
     *
     * @throws IllegalArgumentException when the message is not a valid RA per RFC 4861 §6.1.2
     *                                  (checksum and IP fields are the caller's)
     */
    public static RouterAdvertisement parse(byte[] msg) {
        if (msg.length < HEADER || (msg[0] & 0xFF) != TYPE || msg[1] != 0) {
            throw new IllegalArgumentException("not a Router Advertisement (RFC 4861 §6.1.2)");
        }
        ByteBuffer b = ByteBuffer.wrap(msg);
        int hop = b.get(4) & 0xFF;
        int flags = b.get(5) & 0xFF;
        int lifetime = b.getShort(6) & 0xFFFF;
        long reachable = b.getInt(8) & 0xFFFF_FFFFL;
        long retrans = b.getInt(12) & 0xFFFF_FFFFL;
        return new RouterAdvertisement(hop, (flags & 0x80) != 0, (flags & 0x40) != 0, RouterPreference.of(flags >>> 3),
                lifetime, Math.min(reachable, 3_600_000), retrans, NdpOptions.parse(msg, HEADER, msg.length));
    }
}
