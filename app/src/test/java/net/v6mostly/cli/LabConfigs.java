package net.v6mostly.cli;

import java.nio.file.Path;

/**
 * Configuration text that several namespace tests write the same way: the LAN side of a lab
 * gateway and an Unbound resolver that answers from local data only (the DNS64's upstream).
 */
final class LabConfigs {
    private LabConfigs() {
    }

    /**
     * {@code [ra]} and {@code [dhcp4]} of a gateway whose LAN is {@code iface}: RAs every 30 s at
     * most with the PIO 2001:db8:1::/64 (RFC 4861 §6.2.1), and the DHCPv4 subnet "lab"
     * 192.0.2.0/24 with router and server identifier 192.0.2.1 and the pool .100-.150 (RFC 2131),
     * its leases in {@code leases}; {@code subnetExtra} (whole lines) goes into the subnet.
     */
    static String lan(String iface, Path leases, String subnetExtra) {
        return """
                [ra]
                [[ra.interface]]
                name = "%1$s"
                max-interval = 30
                prefix = [{ prefix = "2001:db8:1::/64" }]

                [dhcp4]
                lease-directory = "%2$s"
                [[dhcp4.subnet]]
                name = "lab"
                prefix = "192.0.2.0/24"
                interface = "%1$s"
                server-id = "192.0.2.1"
                routers = ["192.0.2.1"]
                %3$spools = [{ range = "192.0.2.100-192.0.2.150" }]
                """.formatted(iface, leases, subnetExtra);
    }

    /**
     * {@code [ra]} of the provider in the CLAT tests (see {@link NamespaceLab#provider}): RAs on
     * {@code down0} every 4 to 10 s, router lifetime 1800 s, the PIO 2001:db8:1:2::/64 (RFC 4861
     * §6.2.1) and {@code more} (whole lines: RDNSS, PREF64) for the interface.
     */
    static String providerRa(String more) {
        return """
                [ra]
                [[ra.interface]]
                name = "down0"
                max-interval = 10
                min-interval = 4
                router-lifetime = 1800
                prefix = [{ prefix = "2001:db8:1:2::/64" }]
                """ + more;
    }

    /**
     * {@code unbound.conf} for a resolver on {@code address}:{@code port} (IPv4 only, in the
     * foreground, no chroot, no privileges dropped, its directory {@code directory}) that allows
     * {@code access} and answers from {@code localData}: lines, each already indented by two spaces.
     */
    static String unbound(String address, int port, Path directory, String access, String localData) {
        return """
                server:
                  interface: %s
                  port: %d
                  do-daemonize: no
                  use-syslog: no
                  logfile: ""
                  username: ""
                  chroot: ""
                  directory: "%s"
                  pidfile: ""
                  do-ip6: no
                  access-control: %s allow
                  module-config: "iterator"
                """.formatted(address, port, directory, access) + localData;
    }
}
