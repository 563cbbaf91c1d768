package net.v6mostly.xlat.rfc6877;

import java.util.Optional;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;

/**
 * One evaluation of the CLAT engine: what the host should have configured right now.
 *
 * @param reason  on or off, and why
 * @param pref64  the NAT64 prefix in use, if any
 * @param clat6   the CLAT IPv6 address (chosen, perhaps still under DAD), or null
 * @param dad     the state of its Duplicate Address Detection
 * @param slaac64 the /64 the address was taken from, or null when configured or none
 * @param clat4   the host's IPv4 address behind the CLAT
 * @param host    the routing facts the decision used
 */
public record ClatState(ClatReason reason, Optional<Pref64> pref64, Ipv6Address clat6, ClatDecision.Dad dad,
        Ipv6Prefix slaac64, int clat4, HostState host) {

    /** Whether the CLAT translates. */
    public boolean on() {
        return reason.on();
    }
}
