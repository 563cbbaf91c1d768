package net.v6mostly.xlat.rfc6877;

/**
 * What the host's routing tables say, as the CLAT's on/off rule needs it.
 *
 * @param ipv4DefaultRoute  an IPv4 default route exists whose output interface is not the CLAT's own
 * @param ipv4Lease         the uplink holds an IPv4 address with a finite lifetime (a DHCPv4 lease),
 *                          other than link-local 169.254.0.0/16 and the CLAT's 192.0.0.0/29
 * @param ipv6DefaultRoute  an IPv6 default route exists through the uplink
 */
public record HostState(boolean ipv4DefaultRoute, boolean ipv4Lease, boolean ipv6DefaultRoute) {
    /** An IPv6-only host with a default router: the state in which the CLAT turns on. */
    public static final HostState IPV6_ONLY = new HostState(false, false, true);
}
