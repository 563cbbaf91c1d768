package net.v6mostly.xlat.rfc6877;

import java.util.List;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;

/**
 * The {@code [clat]} table, validated: {@code v6mostly clat}'s uplink, TUN device and overrides.
 *
 * @param iface              the IPv6-only uplink whose RAs are heard and where the CLAT address lives
 * @param tun                the TUN device's name
 * @param mode               auto (claton), on, off
 * @param pref64             a NAT64 prefix overriding discovery, or null
 * @param ipv6Address        the CLAT IPv6 address, or null to derive one in the uplink's /64
 * @param ipv4Address        the host's IPv4 address behind the CLAT, in 192.0.0.0/29
 * @param rfc7050            whether to fall back to ipv4only.arpa when no RA carries PREF64
 * @param rfc7050DelayMillis how long to wait for an RA before the first ipv4only.arpa query
 * @param dnsServers         resolvers for ipv4only.arpa; empty: RDNSS from RAs, else /etc/resolv.conf
 * @param defaultRouteMetric metric of the IPv4 default route through the TUN device
 * @param mtu                MTU of the TUN device; 0: the uplink's MTU less 20
 * @param workers            translator threads
 * @param lanPrefixes        CE-router mode: IPv4 LAN prefixes NATed into the CLAT address; empty for a host
 * @param lanIpv6Prefix      CE-router mode with a dedicated /64: the LAN prefixes are translated 1:1 into it
 *                           instead of NATed; null for NAT44
 */
public record ClatSettings(String iface, String tun, ClatMode mode, Rfc6052Prefix pref64, Ipv6Address ipv6Address,
        int ipv4Address, boolean rfc7050, int rfc7050DelayMillis, List<String> dnsServers, int defaultRouteMetric,
        int mtu, int workers, List<Ipv4Prefix> lanPrefixes, Ipv6Prefix lanIpv6Prefix) {
    public ClatSettings {
        dnsServers = List.copyOf(dnsServers);
        lanPrefixes = List.copyOf(lanPrefixes);
    }
}
