package net.v6mostly.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.xlat.rfc6877.ClatAddresses;
import net.v6mostly.xlat.rfc6877.HostState;
import net.v6mostly.linux.InterfaceAddress4;
import net.v6mostly.linux.InterfaceAddress6;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.linux.NetlinkException;
import net.v6mostly.linux.Rtnetlink;
import net.v6mostly.linux.RtnetlinkAddress;
import net.v6mostly.linux.RtnetlinkRoute;
import net.v6mostly.linux.Sysctl;

/**
 * The host's side of a CLAT (RFC 6877 §6.3) on Linux, over rtnetlink and {@code /proc/sys}:
 *
 * <ul>
 * <li>reads what the claton rule needs (IPv4 default routes, DHCPv4-leased addresses, the IPv6
 *     default route) and the uplink's own addresses;</li>
 * <li>runs Duplicate Address Detection for the CLAT address with the kernel's own DAD (RFC 4862
 *     §5.4): the address is added to the uplink without IFA_F_NODAD, watched until it is no longer
 *     tentative or is marked DADFAILED, then removed again;</li>
 * <li>claims it afterwards with a proxy neighbour entry on the uplink (the kernel answers Neighbor
 *     Solicitations for it and defends it, with {@code proxy_ndp} on) and a /128 route into the TUN
 *     device, so packets for it are forwarded to the translator rather than delivered locally;</li>
 * <li>adds and removes the IPv4 default route through the TUN device, with a metric above what
 *     DHCP clients use so a native default route wins while both exist;</li>
 * <li>in CE-router mode, NATs LAN prefixes into the CLAT's IPv4 address with nftables.</li>
 * </ul>
 *
 * <p>Forwarding: packets between the uplink and the TUN device are forwarded by the kernel, so
 * {@code net.ipv6.conf.all.forwarding} must be 1, and Linux answers proxy NS only on forwarding
 * interfaces. A forwarding interface ignores RAs unless {@code accept_ra} is 2, so that is set on
 * the uplink first (the kernel then also keeps the RA-learned default route). {@link #close}
 * restores every value it changed.
 */
public final class ClatHost implements AutoCloseable {
    private static final Ipv4Prefix DEFAULT4 = new Ipv4Prefix(0, 0);
    private static final int TABLE_MAIN = 254;
    private static final int RTN_UNICAST = 1;

    private final String uplink;
    private final String tun;
    private final int metric;
    private final Rtnetlink nl;
    private final Map<String, String> changed = new LinkedHashMap<>();
    private boolean ceRouter;

    /** Opens rtnetlink for {@code uplink} and {@code tun}; routes through the TUN get {@code metric}. */
    public ClatHost(String uplink, String tun, int metric) throws LinuxException {
        this.uplink = uplink;
        this.tun = tun;
        this.metric = metric;
        try {
            this.nl = Rtnetlink.open();
        } catch (NetlinkException e) {
            throw new LinuxException(e.getMessage());
        }
    }

    /** The uplink's MTU. */
    public int uplinkMtu() throws LinuxException {
        return call(() -> nl.link(uplink).mtu());
    }

    /** The uplink's interface index. */
    public int uplinkIndex() throws LinuxException {
        return call(() -> nl.ifindex(uplink));
    }

    /** Sets accept_ra 2 and proxy_ndp 1 on the uplink, then IPv6 forwarding on; remembers the old values. */
    public void enableForwarding() throws LinuxException {
        set("net/ipv6/conf/" + uplink + "/accept_ra", "2");
        set("net/ipv6/conf/" + uplink + "/proxy_ndp", "1");
        set("net/ipv6/conf/all/forwarding", "1");
    }

    private void set(String key, String value) throws LinuxException {
        String old = Sysctl.read(key);
        if (!old.equals(value)) {
            changed.putIfAbsent(key, old);
            Sysctl.write(key, value);
        }
    }

    /**
     * CE-router mode (RFC 6877 §6.3 without a dedicated prefix): IPv4 forwarding on, and the LAN
     * prefixes NATed to {@code clat4} as they leave through the TUN device ({@link Nftables}).
     */
    public void enableCeRouter(List<Ipv4Prefix> lan, int clat4) throws LinuxException {
        set("net/ipv4/ip_forward", "1");
        Nftables.replaceTable(nftTable(), Nftables.ceRouterRuleset(nftTable(), tun, lan, clat4));
        ceRouter = true;
    }

    /**
     * CE-router mode with a dedicated /64 (RFC 6877 §6.3): IPv4 forwarding on and the /64 routed
     * into the TUN device; the translator maps the LAN into it 1:1, so there is no NAT44.
     */
    public void enableDedicatedPrefix(Ipv6Prefix slash64) throws LinuxException {
        set("net/ipv4/ip_forward", "1");
        call(() -> {
            nl.replaceRoute(slash64, tun);
            return null;
        });
    }

    private String nftTable() {
        return "v6mostly_clat_" + tun.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** The routing facts of the claton rule. */
    public HostState hostState() throws LinuxException {
        return call(() -> {
            int up = nl.ifindex(uplink);
            int tunIndex = nl.ifindex(tun);
            boolean route4 = false;
            boolean route6 = false;
            for (RtnetlinkRoute r : nl.allRoutes()) {
                if (r.table() != TABLE_MAIN || r.type() != RTN_UNICAST) {
                    continue;
                }
                if (r instanceof RtnetlinkRoute.V4 v4 && v4.destination().length() == 0 && r.outputIndex() != tunIndex) {
                    route4 = true;
                } else if (r instanceof RtnetlinkRoute.V6 v6 && v6.destination().length() == 0
                        && (r.outputIndex() == up || r.outputIndex() == 0)) { // 0: a multipath route
                    route6 = true;
                }
            }
            boolean lease = false;
            for (RtnetlinkAddress a : nl.addresses(uplink)) {
                if (a.address() instanceof InterfaceAddress4 v4 && !a.has(RtnetlinkAddress.IFA_F_PERMANENT)
                        && !LINK_LOCAL4.contains(v4.address()) && !ClatAddresses.SERVICE_CONTINUITY.contains(v4.address())) {
                    lease = true;
                }
            }
            return new HostState(route4, lease, route6);
        });
    }

    private static final Ipv4Prefix LINK_LOCAL4 = Ipv4Prefix.parse("169.254.0.0/16");

    /** The uplink's global-scope IPv6 addresses other than {@code except} (the CLAT address). */
    public List<Ipv6Address> uplinkGlobals(Ipv6Address except) throws LinuxException {
        return call(() -> {
            List<Ipv6Address> out = new ArrayList<>();
            for (RtnetlinkAddress a : nl.addresses(uplink)) {
                if (a.address() instanceof InterfaceAddress6 v6 && a.scope() == 0 && !v6.address().equals(except)) {
                    out.add(v6.address());
                }
            }
            return out;
        });
    }

    /** The uplink's link-local address (the source of our Router Solicitation), or null. */
    public Ipv6Address uplinkLinkLocal() throws LinuxException {
        return call(() -> {
            for (RtnetlinkAddress a : nl.addresses(uplink)) {
                if (a.address() instanceof InterfaceAddress6 v6 && (v6.address().hi() >>> 54) == (0xFE80L >>> 6)
                        && !a.has(RtnetlinkAddress.IFA_F_TENTATIVE)) {
                    return v6.address();
                }
            }
            return null;
        });
    }

    /** Starts DAD for {@code address}: adds it to the uplink as a tentative /128. */
    public void startDad(Ipv6Address address) throws LinuxException {
        call(() -> {
            nl.addAddressWithDad(uplink, new InterfaceAddress6(address, 128));
            return null;
        });
    }

    /**
     * The outcome of DAD for {@code address}: null while it runs, true when the address is unique,
     * false when DAD failed. A finished probe's address is removed from the uplink again.
     */
    public Boolean dadResult(Ipv6Address address) throws LinuxException {
        return call(() -> {
            for (RtnetlinkAddress a : nl.addresses(uplink)) {
                if (a.address() instanceof InterfaceAddress6 v6 && v6.address().equals(address)) {
                    if (a.has(RtnetlinkAddress.IFA_F_DADFAILED)) {
                        nl.deleteAddress(uplink, v6);
                        return false;
                    }
                    if (a.has(RtnetlinkAddress.IFA_F_TENTATIVE)) {
                        return null;
                    }
                    nl.deleteAddress(uplink, v6);
                    return true;
                }
            }
            return false; // removed under us (DAD failure removes it when accept_dad > 1)
        });
    }

    /** Takes {@code address} for the CLAT: proxy ND on the uplink, a /128 route into the TUN device. */
    public void claim(Ipv6Address address) throws LinuxException {
        call(() -> {
            nl.addProxyNeighbour(uplink, address);
            nl.replaceRoute(new Ipv6Prefix(address.hi(), address.lo(), 128), tun);
            return null;
        });
    }

    /** Gives {@code address} up (both parts; absence is fine). */
    public void release(Ipv6Address address) {
        try {
            nl.deleteProxyNeighbour(uplink, address);
        } catch (NetlinkException e) {
            // not there
        }
        try {
            nl.deleteRoute(new Ipv6Prefix(address.hi(), address.lo(), 128), tun);
        } catch (NetlinkException e) {
            // not there
        }
    }

    /** Adds or removes the IPv4 default route through the TUN device. */
    public void defaultRoute(boolean present) throws LinuxException {
        try {
            if (present) {
                nl.replaceRoute(DEFAULT4, tun, metric);
            } else {
                nl.deleteRoute(DEFAULT4, tun, metric);
            }
        } catch (NetlinkException e) {
            if (present || e.errno() != 3) { // ESRCH: already gone
                throw new LinuxException(e.getMessage());
            }
        }
    }

    /** Configures the TUN link: MTU, up, the CLAT IPv4 address in 192.0.0.0/29. */
    public void setUpTun(int mtu, int clat4) throws LinuxException {
        // the TUN needs IPv6 only as a route target: no link-local, so the kernel sends no RS or MLD
        // into the translator (they would come back as ICMPv6 errors); the device dies with us
        Sysctl.write("net/ipv6/conf/" + tun + "/addr_gen_mode", "1");
        Sysctl.write("net/ipv6/conf/" + tun + "/router_solicitations", "0");
        call(() -> {
            nl.setMtu(tun, mtu);
            nl.setLinkUp(tun, true);
            nl.replaceAddress(tun, new InterfaceAddress4(clat4, 29));
            return null;
        });
    }

    /** Restores the sysctls changed by {@link #enableForwarding} and closes rtnetlink. */
    @Override
    public void close() {
        if (ceRouter) {
            try {
                Nftables.deleteTable(nftTable());
            } catch (LinuxException ignored) {
                // best effort on the way out
            }
        }
        List<Map.Entry<String, String>> undo = new ArrayList<>(changed.entrySet());
        java.util.Collections.reverse(undo);
        for (Map.Entry<String, String> e : undo) {
            try {
                Sysctl.write(e.getKey(), e.getValue());
            } catch (LinuxException ignored) {
                // best effort on the way out
            }
        }
        try {
            nl.close();
        } catch (NetlinkException ignored) {
            // closing
        }
    }

    @FunctionalInterface
    private interface NetlinkCall<T> {
        T run() throws NetlinkException;
    }

    private static <T> T call(NetlinkCall<T> c) throws LinuxException {
        try {
            return c.run();
        } catch (NetlinkException e) {
            throw new LinuxException(e.getMessage());
        }
    }
}
