package net.v6mostly.xlat.rfc6877;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;

/**
 * The CLAT's addresses. IPv4: 192.0.0.1 from the IPv4 Service Continuity Prefix 192.0.0.0/29
 * (RFC 7335), which the host uses as the source of its IPv4 traffic. IPv6: a dedicated address in
 * the uplink's SLAAC /64, distinct from the host's own (RFC 6877 §6.3: "a single IPv6 address ...
 * claimed via NDP and defended with DAD"), with a stable interface identifier in the manner of
 * RFC 7217 §5: {@code F(Prefix, Net_Iface, "clat", DAD_Counter, secret_key)} with SHA-256, so the
 * same host picks the same CLAT address on the same network after a restart, and a new one after
 * each DAD failure (RFC 7217 §6).
 */
public final class ClatAddresses {
    /** The IPv4 Service Continuity Prefix (RFC 7335). */
    public static final Ipv4Prefix SERVICE_CONTINUITY = new Ipv4Prefix(0xC000_0000, 29);
    /** The host's IPv4 address behind the CLAT: 192.0.0.1. */
    public static final int DEFAULT_IPV4 = 0xC000_0001;
    /** The translator's own IPv4 address on the TUN link (source of the ICMPv4 errors it makes): 192.0.0.2. */
    public static final int TRANSLATOR_IPV4 = 0xC000_0002;
    /** Attempts before giving up on a stable address (RFC 7217 §6 IDGEN_RETRIES). */
    public static final int IDGEN_RETRIES = 3;

    private ClatAddresses() {
    }

    /**
     * The CLAT address in {@code prefix} (a /64) for attempt {@code dadCounter}, skipping
     * identifiers RFC 5453 reserves and addresses in {@code taken} (the host's own).
     */
    public static Ipv6Address stable(Ipv6Prefix prefix, String iface, byte[] secret, int dadCounter,
            Collection<Ipv6Address> taken) {
        if (prefix.length() != 64) {
            throw new IllegalArgumentException("the CLAT address is taken from a /64 (RFC 4862 §5.5.3 d), not " + prefix);
        }
        for (int extra = 0; ; extra++) {
            long iid = iid(prefix, iface, secret, dadCounter, extra);
            Ipv6Address a = new Ipv6Address(prefix.hi(), iid);
            if (!reserved(iid) && !taken.contains(a)) {
                return a;
            }
        }
    }

    private static long iid(Ipv6Prefix prefix, String iface, byte[] secret, int dadCounter, int extra) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(8).putLong(prefix.hi()).array());
            sha.update(iface.getBytes(StandardCharsets.UTF_8));
            sha.update("clat".getBytes(StandardCharsets.US_ASCII));
            sha.update(ByteBuffer.allocate(8).putInt(dadCounter).putInt(extra).array());
            sha.update(secret);
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** RFC 5453 §3: the Subnet-Router Anycast IID (0) and the reserved subnet anycast range. */
    static boolean reserved(long iid) {
        return iid == 0 || Long.compareUnsigned(iid, 0xFDFF_FFFF_FFFF_FF80L) >= 0 && Long.compareUnsigned(iid,
                0xFDFF_FFFF_FFFF_FFFFL) <= 0;
    }

    /** Whether {@code v4} may be the CLAT's IPv4 address: inside 192.0.0.0/29, not its first or last. */
    public static void checkIpv4(int v4) {
        if (!SERVICE_CONTINUITY.contains(v4) || v4 == TRANSLATOR_IPV4) {
            throw new IllegalArgumentException("the CLAT IPv4 address must lie in 192.0.0.0/29 (RFC 7335) and not be "
                    + Ipv4.format(TRANSLATOR_IPV4) + ", not " + Ipv4.format(v4));
        }
    }
}
