package net.v6mostly.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.dhcp4.Pool;
import net.v6mostly.dhcp4.Subnet;
import net.v6mostly.dns64.Dns64Settings;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.Pref64Option;
import net.v6mostly.ndp.RaInterfaceSettings;

/**
 * The checks across components that {@code check-config} adds to each table's own validation,
 * one method per check, each returning its located findings. They look at the records the
 * readers built and go back to the file only to name the line.
 */
final class CrossChecks {
    private CrossChecks() {
    }

    /**
     * Android's CLAT takes the NAT64 prefix from the RA only when it is a /96 (a warning: other
     * lengths are valid RFC 6052 prefixes, but those clients then fall back to RFC 7050 discovery).
     */
    static List<Finding> androidPref64Length(ConfigFile file, SharedPref64 pref64) {
        List<Finding> out = new ArrayList<>();
        for (Rfc6052Prefix p : pref64.prefixes()) {
            if (p.prefix().length() != 96) {
                out.add(Finding.warning("android-pref64-length", new ConfigException(file.name(), pref64.line(),
                        pref64.source(), p + " is a /" + p.prefix().length() + ": Android uses a PREF64 from the RA"
                        + " only when it is a /96; its CLAT falls back to DNS64 discovery (RFC 7050) otherwise")));
            }
        }
        return out;
    }

    /** Every interface the RA and the DHCPv4 server name must exist on this machine. */
    static List<Finding> interfacesExist(ConfigFile file, RaConfig ra, Dhcp4Section.Settings dhcp4,
            Predicate<String> exists) throws ConfigException {
        List<Finding> out = new ArrayList<>();
        if (ra != null) {
            List<ConfigSection> tables = raInterfaces(file);
            for (int i = 0; i < ra.interfaces().size(); i++) {
                String name = ra.interfaces().get(i).name();
                if (!exists.test(name)) {
                    out.add(Finding.error("interface-exists", tables.get(i).error("name", "no interface '" + name
                            + "' on this machine (ip link show)")));
                }
            }
        }
        if (dhcp4 != null) {
            ConfigSection section = file.require(Dhcp4Section.NAME, "");
            for (String name : section.strings("interfaces")) {
                if (!exists.test(name)) {
                    out.add(Finding.error("interface-exists", section.error("interfaces", "no interface '" + name
                            + "' on this machine (ip link show)")));
                }
            }
            List<ConfigSection> tables = dhcpSubnets(file);
            for (int i = 0; i < dhcp4.config().subnets().size(); i++) {
                String name = dhcp4.config().subnets().get(i).interfaceName();
                if (name != null && !exists.test(name)) {
                    out.add(Finding.error("interface-exists", tables.get(i).error("interface", "no interface '" + name
                            + "' on this machine (ip link show)")));
                }
            }
        }
        return out;
    }

    /**
     * On an IPv6-mostly LAN the RA and the DHCPv4 server serve the same interfaces: an RA
     * interface without a DHCPv4 subnet leaves IPv4-only devices without a lease; a subnet sending
     * option 108 where no RA advertises PREF64 sends IPv6-only hosts to a network that tells them of
     * no NAT64 (unless DNS64 stands in).
     */
    static List<Finding> sameInterfaces(ConfigFile file, RaConfig ra, Dhcp4Section.Settings dhcp4, boolean dns64)
            throws ConfigException {
        List<Finding> out = new ArrayList<>();
        if (ra == null || dhcp4 == null) {
            return out;
        }
        Set<String> served = new HashSet<>();
        dhcp4.config().subnets().forEach(s -> served.add(s.interfaceName()));
        List<ConfigSection> raTables = raInterfaces(file);
        for (int i = 0; i < ra.interfaces().size(); i++) {
            String name = ra.interfaces().get(i).name();
            if (!served.contains(name)) {
                out.add(Finding.warning("ra-without-dhcp4", raTables.get(i).error("name", "'" + name + "' gets RAs"
                        + " but no [[dhcp4.subnet]] serves it: IPv4-only devices there get no address")));
            }
        }
        List<ConfigSection> subnets = dhcpSubnets(file);
        for (int i = 0; i < dhcp4.config().subnets().size(); i++) {
            Subnet s = dhcp4.config().subnets().get(i);
            if (s.interfaceName() == null || !sends108(s)) {
                continue;
            }
            RaInterfaceSettings r = ra.interfaces().stream().filter(x -> x.name().equals(s.interfaceName()))
                    .findFirst().orElse(null);
            boolean pref64 = r != null && r.advertisement().options().stream()
                    .anyMatch(o -> o instanceof Pref64Option p && p.lifetimeSeconds() > 0);
            if (r == null) {
                out.add(Finding.warning("dhcp4-without-ra", subnets.get(i).error("interface", "subnet " + s.name()
                        + " sends option 108 on '" + s.interfaceName() + "' but no [[ra.interface]] advertises"
                        + " there: IPv6-only hosts get no IPv6 configuration")));
            } else if (!pref64 && !dns64) {
                out.add(Finding.warning("option108-without-pref64", subnets.get(i).error("interface", "subnet "
                        + s.name() + " sends option 108 but the RA on '" + s.interfaceName() + "' has no PREF64 and"
                        + " there is no [dns64]: IPv6-only hosts cannot find the NAT64")));
            }
        }
        return out;
    }

    /**
     * The RA's RDNSS should be the gateway's DNS64 (so hosts get synthesized AAAA records): warn
     * when DNS64 has no address an RDNSS can carry, or when an RA names other resolvers.
     */
    static List<Finding> rdnssIsDns64(ConfigFile file, RaConfig ra, Dns64Settings dns64) throws ConfigException {
        List<Finding> out = new ArrayList<>();
        if (ra == null || dns64 == null) {
            return out;
        }
        List<Ipv6Address> usable = GatewaySection.rdnssAddresses(dns64);
        List<ConfigSection> tables = raInterfaces(file);
        for (int i = 0; i < ra.interfaces().size(); i++) {
            RaInterfaceSettings r = ra.interfaces().get(i);
            List<Ipv6Address> advertised = new ArrayList<>();
            r.advertisement().options().stream().filter(o -> o instanceof NdpOption.Rdnss)
                    .forEach(o -> advertised.addAll(((NdpOption.Rdnss) o).servers()));
            if (advertised.isEmpty() && usable.isEmpty()) {
                out.add(Finding.warning("rdnss-is-dns64", tables.get(i).error(null, "the RA on '" + r.name()
                        + "' carries no RDNSS: [dns64] listen has no IPv6 address on port 53 to advertise (a wildcard"
                        + " or loopback is not one); listen on the router's address, e.g. \"[2001:db8:1::1]:53\"")));
            }
            for (Ipv6Address a : advertised) {
                if (!usable.contains(a)) {
                    out.add(Finding.warning("rdnss-is-dns64", tables.get(i).error("rdnss", a + " is not a [dns64]"
                            + " listen address: hosts using it bypass the gateway's DNS64")));
                }
            }
        }
        return out;
    }

    /** DNS64 must answer the hosts the RA configures: each PIO prefix inside {@code allow-clients}. */
    static List<Finding> dns64AllowsLan(ConfigFile file, RaConfig ra, Dns64Settings dns64) throws ConfigException {
        List<Finding> out = new ArrayList<>();
        if (ra == null || dns64 == null) {
            return out;
        }
        List<ConfigSection> tables = raInterfaces(file);
        for (int i = 0; i < ra.interfaces().size(); i++) {
            for (NdpOption o : ra.interfaces().get(i).advertisement().options()) {
                if (o instanceof NdpOption.PrefixInformation pio && pio.autonomous()
                        && !dns64.allowClients().contains(inet(pio.prefix().address()))) {
                    out.add(Finding.warning("dns64-allows-lan", tables.get(i).error("prefix", "hosts in "
                            + pio.prefix() + " are not in [dns64] allow-clients: DNS64 answers them REFUSED")));
                }
            }
        }
        return out;
    }

    /** DNS64 synthesizes into exactly the prefixes NAT64 translates (RFC 6147 §5.2, RFC 6146 §3.5). */
    static List<Finding> dns64EqualsNat64(Dns64Settings dns64, SharedPref64 pref64, Nat64Plan nat64) {
        List<Finding> out = new ArrayList<>();
        if (nat64 == null) {
            return out;
        }
        for (Rfc6052Prefix p : nat64.pool6()) {
            if (!pref64.contains(p)) {
                out.add(Finding.error("pref64-nat64", nat64.section().error("pool6", p + " is not among " + pref64
                        + ": one PREF64 feeds RA, DNS64 and NAT64")));
            }
        }
        if (dns64 != null && !new HashSet<>(dns64.prefixes()).equals(new HashSet<>(nat64.pool6()))) {
            out.add(Finding.error("dns64-nat64-prefixes", nat64.section().error("pool6", "NAT64 translates "
                    + nat64.pool6() + " but DNS64 synthesizes into " + dns64.prefixes() + ": synthesized addresses"
                    + " would lead nowhere (or NAT64 prefixes go unused)")));
        }
        return out;
    }

    /**
     * NAT64's pool4 (RFC 6146 §3.5.1.1) must not hand out addresses the DHCPv4 server leases
     * (error), and normally lies outside the LAN subnets too (warning).
     */
    static List<Finding> pool4OutsideDhcp(Dhcp4Section.Settings dhcp4, Nat64Plan nat64) {
        List<Finding> out = new ArrayList<>();
        if (nat64 == null || dhcp4 == null) {
            return out;
        }
        for (Ipv4Prefix p4 : nat64.pool4()) {
            for (Subnet s : dhcp4.config().subnets()) {
                Pool hit = s.pools().stream().filter(p -> overlaps(p, p4)).findFirst().orElse(null);
                if (hit != null) {
                    out.add(Finding.error("pool4-dhcp4", nat64.section().error("pool4", p4 + " overlaps DHCPv4 pool "
                            + hit + " of subnet " + s.name() + ": NAT64 and DHCPv4 would hand out the same addresses")));
                } else if (s.prefix().overlaps(p4)) {
                    out.add(Finding.warning("pool4-dhcp4", nat64.section().error("pool4", p4 + " lies in DHCPv4 subnet "
                            + s.prefix() + " (" + s.name() + "), outside its pools: make sure no host there uses it")));
                }
            }
        }
        return out;
    }

    static boolean overlaps(Pool pool, Ipv4Prefix prefix) {
        long first = Integer.toUnsignedLong(prefix.address());
        long last = first + (1L << (32 - prefix.length())) - 1;
        return Integer.toUnsignedLong(pool.first()) <= last && first <= Integer.toUnsignedLong(pool.last());
    }

    private static boolean sends108(Subnet s) {
        return s.v6OnlyWait() >= 0 || s.pools().stream().anyMatch(p -> s.v6OnlyWait(p) >= 0);
    }

    private static InetAddress inet(Ipv6Address a) {
        byte[] raw = new byte[16];
        for (int i = 0; i < 8; i++) {
            raw[i] = (byte) (a.hi() >>> (56 - 8 * i));
            raw[8 + i] = (byte) (a.lo() >>> (56 - 8 * i));
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes: cannot happen
        }
    }

    private static List<ConfigSection> raInterfaces(ConfigFile file) throws ConfigException {
        return file.require(RaSection.NAME, "").tables("interface", "");
    }

    private static List<ConfigSection> dhcpSubnets(ConfigFile file) throws ConfigException {
        return file.require(Dhcp4Section.NAME, "").tables("subnet", "");
    }
}
