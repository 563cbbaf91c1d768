package net.v6mostly.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab's addressing plan, in documentation and benchmarking ranges only (RFC 5737, RFC 3849):
 *
 * <pre>
 *   internet  198.51.100.10 (IPv4-only web "v4.lab.example"), 2001:db8:ffff::10 (IPv6 web
 *             "v6.lab.example"), 198.51.100.53 / 2001:db8:ffff::53 (authoritative DNS of lab.example)
 *      | up-inet 198.51.100.2/24, 2001:db8:ffff::2/64
 *      | up-gw   198.51.100.1/24, 2001:db8:ffff::1/64
 *   gateway   v6mostly gateway: RA + PREF64, DHCPv4 + 108, DNS64, NAT64 (pool4 203.0.113.0/28)
 *      | lan-br  192.0.2.1/24, 2001:db8:1::1/64 (a bridge)
 *   LAN       IPv4-only, dual-stack, IPv6-only capable (+ N more), printer 192.0.2.50
 * </pre>
 *
 * The NAT64 prefix is the network-specific 2001:db8:64::/96: RFC 6052 §3.1 forbids the well-known
 * prefix for non-global IPv4 addresses, and every IPv4 address here is non-global.
 *
 * @param tag short text in every namespace name, so two labs (or a lab and a test) never collide
 * @param extraIpv6Only the number of additional IPv6-only devices ({@code --devices N})
 * @param hostile whether a hostile LAN host joins the bridge ({@code --hostile}, {@link HostileLan})
 */
public record LabPlan(String tag, int extraIpv6Only, boolean hostile) {
    public static final String PREF64 = "2001:db8:64::/96";
    public static final String POOL4 = "203.0.113.0/28";
    /** The NAT64's pool4 address (routed to the gateway from the internet with the rest of {@link #POOL4}). */
    public static final String POOL4_ADDRESS = "203.0.113.1";
    public static final String GW_UP4 = "198.51.100.1";
    public static final String INET_UP4 = "198.51.100.2";
    public static final String GW_UP6 = "2001:db8:ffff::1";
    public static final String INET_UP6 = "2001:db8:ffff::2";
    public static final String WEB4 = "198.51.100.10";
    public static final String WEB6 = "2001:db8:ffff::10";
    public static final String DNS4 = "198.51.100.53";
    public static final String DNS6 = "2001:db8:ffff::53";
    public static final String LAN_GW4 = "192.0.2.1";
    public static final String LAN_GW6 = "2001:db8:1::1";
    public static final String LAN_PREFIX6 = "2001:db8:1::/64";
    public static final String DHCP_POOL = "192.0.2.100-192.0.2.199";
    public static final String PRINTER4 = "192.0.2.50";
    public static final String ZONE = "lab.example";
    public static final String WEB4_NAME = "v4." + ZONE;
    public static final String WEB6_NAME = "v6." + ZONE;
    public static final String PRINTER_NAME = "printer." + ZONE;
    /** The body each web server answers with, so a check knows which server it reached. */
    public static final String WEB4_BODY = "v6mostly lab: IPv4-only web server";
    public static final String WEB6_BODY = "v6mostly lab: IPv6 web server";
    public static final String PRINTER_BODY = "v6mostly lab: IPv4-only printer";
    /** The hostile LAN host's fixed addresses: in the LAN, outside the DHCP pool. */
    public static final String HOSTILE4 = "192.0.2.66";
    public static final String HOSTILE6 = "2001:db8:1::66";

    public LabPlan {
        if (!tag.matches("[a-z0-9]{1,4}")) {
            throw new IllegalArgumentException("lab tag must be 1-4 lowercase letters or digits: " + tag);
        }
        if (extraIpv6Only < 0 || extraIpv6Only > 50) {
            throw new IllegalArgumentException("--devices must be between 0 and 50, not " + extraIpv6Only);
        }
    }

    /** The plan of the ordinary lab (no hostile host). */
    public LabPlan(String tag, int extraIpv6Only) {
        this(tag, extraIpv6Only, false);
    }

    public String internetNs() {
        return "v6lab" + tag + "-inet";
    }

    public String gatewayNs() {
        return "v6lab" + tag + "-gw";
    }

    /** Every LAN device, in the order the lab reports them. */
    public List<Device> devices() {
        List<Device> all = new ArrayList<>();
        all.add(new Device(Device.Kind.IPV4_ONLY, "v4only", ns("v4only"), iface("v4only"), null));
        all.add(new Device(Device.Kind.DUAL_STACK, "dual", ns("dual"), iface("dual"), null));
        all.add(new Device(Device.Kind.IPV6_ONLY, "v6only", ns("v6only"), iface("v6only"), null));
        for (int i = 1; i <= extraIpv6Only; i++) {
            all.add(new Device(Device.Kind.IPV6_ONLY, "v6only" + i, ns("v6o" + i), iface("v6o" + i), null));
        }
        all.add(new Device(Device.Kind.PRINTER, "printer", ns("printer"), iface("printer"), PRINTER4));
        return all;
    }

    /** The hostile LAN host ({@code --hostile}): fixed addresses, no DHCP client, no checks of its own. */
    public Device hostileHost() {
        return new Device(Device.Kind.HOSTILE, "hostile", ns("hostile"), iface("hostile"), HOSTILE4);
    }

    /** Every host on the LAN bridge: the devices, and the hostile host when there is one. */
    public List<Device> lanHosts() {
        List<Device> all = new ArrayList<>(devices());
        if (hostile) {
            all.add(hostileHost());
        }
        return all;
    }

    /**
     * A device's interface name, with the tag: dhcpcd keeps its pid file and control socket per
     * interface name in the one /run of all namespaces, so two labs must not share a name.
     */
    private String iface(String name) {
        return "e" + tag + "-" + name;
    }

    private String ns(String name) {
        return "v6lab" + tag + "-" + name;
    }

    /** Every namespace the lab creates, for set-up and for clean-up. */
    public List<String> namespaces() {
        List<String> all = new ArrayList<>(List.of(internetNs(), gatewayNs()));
        lanHosts().forEach(d -> all.add(d.ns()));
        return all;
    }
}
