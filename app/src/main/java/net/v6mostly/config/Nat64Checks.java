package net.v6mostly.config;

import java.util.ArrayList;
import java.util.List;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.ndp.RaInterfaceSettings;

/**
 * The {@code check-config} findings that concern the gateway's {@code [nat64]} on its own
 * terms: whether the kernel will hand its packets to the NAT64 (routes of pool6 and pool4 onto its
 * TUN, RFC 6146 §3.5: the NAT64 sees only what is routed to it), whether that TUN is brought up,
 * and whether it collides with an interface the RA or the DHCPv4 server serves.
 */
final class Nat64Checks {
    private Nat64Checks() {
    }

    /**
     * A warning for pool6 or a pool4 prefix that no {@code [nat64.tun] routes} entry covers:
     * without a route onto the TUN, packets to it never reach the NAT64 (unless routed by hand).
     */
    static List<Finding> tunRoutes(Nat64Plan plan, Nat64Section nat64) throws ConfigException {
        List<Finding> out = new ArrayList<>();
        List<Ipv6Prefix> routes6 = new ArrayList<>();
        List<Ipv4Prefix> routes4 = new ArrayList<>();
        for (String r : nat64.tun().routes()) {
            if (r.contains(":")) {
                routes6.add(Ipv6Prefix.parse(r));
            } else {
                routes4.add(Ipv4Prefix.parse(r));
            }
        }
        ConfigSection at = plan.section().table(TunSection.NAME).orElse(plan.section());
        String key = at == plan.section() ? null : "routes";
        for (var p6 : plan.pool6()) {
            Ipv6Prefix p = p6.prefix();
            if (routes6.stream().noneMatch(r -> r.length() <= p.length() && r.contains(p.hi(), p.lo()))) {
                out.add(Finding.warning("nat64-tun-routes", at.error(key, "no route of pool6 " + p6 + " onto the TUN "
                        + nat64.tun().name() + ": IPv6 hosts' packets to it never reach the NAT64 (add \"" + p6
                        + "\" to [nat64.tun] routes, or route it yourself)")));
            }
        }
        for (Ipv4Prefix p : plan.pool4()) {
            if (routes4.stream().noneMatch(r -> r.length() <= p.length() && r.contains(p.address()))) {
                out.add(Finding.warning("nat64-tun-routes", at.error(key, "no route of pool4 " + p + " onto the TUN "
                        + nat64.tun().name() + ": replies from the IPv4 internet never reach the NAT64 (add \"" + p
                        + "\" to [nat64.tun] routes, or route it yourself)")));
            }
        }
        return out;
    }

    /**
     * A warning for {@code [nat64.tun] up = false} (the default): the TUN stays down until brought
     * up by hand, IPv4 routes onto it cannot be added, and the gateway counts the NAT64 as down
     * (option 108 and PREF64 withdrawn) meanwhile.
     */
    static List<Finding> tunUp(Nat64Plan plan, Nat64Section nat64) throws ConfigException {
        if (nat64.tun().up()) {
            return List.of();
        }
        ConfigSection at = plan.section().table(TunSection.NAME).orElse(plan.section());
        return List.of(Finding.warning("nat64-tun-up", at.error(at == plan.section() ? null : "up", "the TUN "
                + nat64.tun().name() + " is not brought up (up = true): until it is, routes onto it fail and the gateway"
                + " counts the NAT64 as down, withdrawing option 108 and PREF64")));
    }

    /**
     * A warning when {@code [nat64]} has neither {@code deny4} nor {@code allow6-sources}: the NAT64
     * then translates for any IPv6 source that can route to pool6 (the WAN included) and reaches
     * every IPv4 network behind it, management networks included (DESIGN.md §6).
     */
    static List<Finding> sourcePolicy(Nat64Plan plan, Nat64Section nat64) {
        if (!nat64.xlat().deny4().isEmpty() || !nat64.xlat().allow6Sources().isEmpty()) {
            return List.of();
        }
        return List.of(Finding.warning("nat64-policy", plan.section().error(null, "neither allow6-sources nor deny4"
                + " is set: any IPv6 source that can route to pool6, the WAN included, may use the NAT64, and it"
                + " reaches every IPv4 network, management networks included (set allow6-sources = [\"<LAN"
                + " prefix>\"] and deny4 = [\"<management networks>\"])")));
    }

    /** An error when the TUN device the NAT64 creates has the name of an interface the RA or DHCPv4 serves. */
    static List<Finding> tunName(Nat64Plan plan, Nat64Section nat64, RaConfig ra, Dhcp4Section.Settings dhcp4)
            throws ConfigException {
        List<String> served = new ArrayList<>();
        if (ra != null) {
            ra.interfaces().stream().map(RaInterfaceSettings::name).forEach(served::add);
        }
        if (dhcp4 != null) {
            dhcp4.config().subnets().forEach(s -> served.add(s.interfaceName()));
        }
        List<Finding> out = new ArrayList<>();
        String name = nat64.tun().name();
        if (served.contains(name)) {
            ConfigSection at = plan.section().table(TunSection.NAME).orElse(plan.section());
            out.add(Finding.error("nat64-tun-name", at.error(at == plan.section() ? null : "name", "the NAT64's TUN"
                    + " device '" + name + "' is also a LAN interface of [ra] or [dhcp4]: the NAT64 needs a device of"
                    + " its own (name = \"nat64\")")));
        }
        return out;
    }
}
