package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import org.junit.jupiter.api.Test;

/** check-config: every reader error and every cross-component check, one test each. */
class ConfigCheckTest {
    private static final String BASE = GatewaySectionTest.BASE;
    private static final Predicate<String> LAN0 = "lan0"::equals;

    static List<Finding> check(String text) throws ConfigException {
        return ConfigCheck.check(ConfigFile.parse("gw.toml", text), LAN0, Optional.empty());
    }

    static List<String> lines(List<Finding> findings) {
        return findings.stream().map(Finding::toString).toList();
    }

    @Test
    void theBaseFileIsClean() throws Exception {
        assertThat(check(BASE)).isEmpty();
    }

    @Test
    void everyUnknownTableIsReportedNotJustTheFirst() throws Exception {
        assertThat(lines(check(BASE + "[dsn64]\n[metircs]\n"))).containsExactly(
                "error: gw.toml:22: unknown table or key 'dsn64' (did you mean 'dns64'?); known tables: siit, metrics,"
                        + " dns64, ra, dhcp4, nat64, clat, pref64, gateway, logging [unknown-table]",
                "error: gw.toml:23: unknown table or key 'metircs' (did you mean 'metrics'?); known tables: siit,"
                        + " metrics, dns64, ra, dhcp4, nat64, clat, pref64, gateway, logging [unknown-table]");
    }

    @Test
    void anErrorInOneTableDoesNotHideTheOthers() throws Exception {
        String bad = BASE.replace("upstreams = [\"198.51.100.53\"]", "upstreams = [\"resolver.example\"]")
                .replace("server-id = \"192.0.2.1\"", "server-id = \"192.0.2.300\"")
                + "[metrics]\nlisten = \"localhost\"\n";
        List<String> l = lines(check(bad));
        assertThat(l).hasSize(3);
        assertThat(l.get(0)).startsWith("error: gw.toml:23: [metrics] listen: expected \"address:port\"");
        assertThat(l.get(1)).startsWith("error: gw.toml:6: [dns64] upstreams: not an IP address (names are not"
                + " allowed here): 'resolver.example'");
        assertThat(l.get(2)).startsWith("error: gw.toml:19: [dhcp4] subnet[1] server-id: ");
        assertThat(l).allMatch(s -> s.endsWith("[parse]"));
    }

    @Test
    void everyBadInterfaceAndSubnetEntryIsReported() throws Exception {
        String bad = BASE.replace("name = \"lan0\"\nprefix = [{ prefix = \"2001:db8:1::/64\" }]",
                "name = \"lan0\"\nmtu = 1000\nprefix = [{ prefix = \"2001:db8:1::/64\" }]\n[[ra.interface]]\n"
                        + "name = \"lan1\"\nhop-limit = 300")
                + "[[dhcp4.subnet]]\nprefix = \"198.51.100.0/24\"\n";
        List<String> l = lines(check(bad));
        assertThat(l).containsExactly(
                "error: gw.toml:12: [ra] interface[1] mtu: must be 1280..65535 (RFC 8200 §5), not 1000 [parse]",
                "error: gw.toml:16: [ra] interface[2] hop-limit: must be 0..255 (RFC 4861 §4.2), not 300 [parse]",
                "error: gw.toml:27: [dhcp4] subnet[2]: a subnet needs server-id: this server's address on it"
                        + " (option 54, RFC 2132 §9.7) [parse]");
    }

    @Test
    void aMissingPref64IsAnError() throws Exception {
        assertThat(lines(check(BASE.replace("[pref64]\nprefixes = [\"2001:db8:64::/96\"]\n", ""))))
                .anyMatch(s -> s.startsWith("error: gw.toml: no [pref64] table"));
    }

    @Test
    void pref64LifetimeShorterThanTheRouterLifetimeWarnsRfc8781Section41() throws Exception {
        List<Finding> f = check(BASE.replace("name = \"lan0\"", "name = \"lan0\"\nrouter-lifetime = 9000"));
        assertThat(lines(f)).containsExactly("warning: gw.toml:11: [ra] interface[1]: PREF64 lifetime 1800 s is"
                + " shorter than the router lifetime 9000 s; hosts may drop the NAT64 prefix while the router is"
                + " still their default (RFC 8781 §4.1) [pref64-lifetime]");
    }

    @Test
    void aPref64ThatIsNotA96WarnsForAndroid() throws Exception {
        List<Finding> f = check(BASE.replace("2001:db8:64::/96", "2001:db8:64::/64"));
        assertThat(lines(f)).containsExactly("warning: gw.toml:2: [pref64] prefixes: 2001:db8:64::/64 is a /64:"
                + " Android uses a PREF64 from the RA only when it is a /96; its CLAT falls back to DNS64 discovery"
                + " (RFC 7050) otherwise [android-pref64-length]");
    }

    @Test
    void aV6onlyWaitBelow300WarnsRfc8925Section34() throws Exception {
        List<Finding> f = check(BASE.replace("v6only-wait = 1800", "v6only-wait = 200"));
        assertThat(lines(f)).containsExactly("warning: gw.toml:20: [dhcp4] subnet[1] v6only-wait: 200 s is below"
                + " MIN_V6ONLY_WAIT; clients will wait 300 s anyway (RFC 8925 §3.2) [v6only-wait]");
    }

    @Test
    void interfacesMustExist() throws Exception {
        List<Finding> f = ConfigCheck.check(ConfigFile.parse("gw.toml", BASE), n -> false, Optional.empty());
        assertThat(lines(f)).containsExactly(
                "error: gw.toml:11: [ra] interface[1] name: no interface 'lan0' on this machine (ip link show)"
                        + " [interface-exists]",
                "error: gw.toml:18: [dhcp4] subnet[1] interface: no interface 'lan0' on this machine (ip link show)"
                        + " [interface-exists]");
        assertThat(ConfigCheck.check(ConfigFile.parse("gw.toml", BASE), null, Optional.empty())).isEmpty();
        String relayed = BASE.replace("[dhcp4]\n", "[dhcp4]\ninterfaces = [\"up9\"]\n");
        assertThat(lines(ConfigCheck.check(ConfigFile.parse("gw.toml", relayed), n -> !n.equals("up9"), Optional.empty())))
                .anyMatch(l -> l.startsWith("error: gw.toml:") && l.endsWith("[dhcp4] interfaces: no interface 'up9' on"
                        + " this machine (ip link show) [interface-exists]"));
    }

    @Test
    void anRaInterfaceWithoutADhcp4SubnetWarns() throws Exception {
        List<Finding> f = check(BASE.replace("[dhcp4]", "[[ra.interface]]\nname = \"lan0\"\n[dhcp4]")
                .replace("[[ra.interface]]\nname = \"lan0\"\n[dhcp4]", "[[ra.interface]]\nname = \"lan9\"\n[dhcp4]"));
        assertThat(lines(f)).contains("warning: gw.toml:15: [ra] interface[2] name: 'lan9' gets RAs but no"
                + " [[dhcp4.subnet]] serves it: IPv4-only devices there get no address [ra-without-dhcp4]");
    }

    @Test
    void aSubnetSendingOption108WhereNoRaAdvertisesWarns() throws Exception {
        List<Finding> f = check(BASE.replace("interface = \"lan0\"", "interface = \"lan9\""));
        assertThat(lines(f)).contains("warning: gw.toml:18: [dhcp4] subnet[1] interface: subnet 192.0.2.0/24 sends"
                + " option 108 on 'lan9' but no [[ra.interface]] advertises there: IPv6-only hosts get no IPv6"
                + " configuration [dhcp4-without-ra]");
    }

    @Test
    void option108WithoutPref64OrDns64Warns() throws Exception {
        String noDns64 = BASE.replaceAll("(?s)\\[dns64\\].*?\\n\\n", "").replace("prefix = [{ prefix = \"2001:db8:1::/64\" }]",
                "prefix = [{ prefix = \"2001:db8:1::/64\" }]\npref64 = [{ lifetime = 0 }]");
        assertThat(lines(check(noDns64))).containsExactly("warning: gw.toml:14: [dhcp4] subnet[1] interface:"
                + " subnet 192.0.2.0/24 sends option 108 but the RA on 'lan0' has no PREF64 and there is no [dns64]:"
                + " IPv6-only hosts cannot find the NAT64 [option108-without-pref64]");
    }

    @Test
    void anRaWithoutAnRdnssTheDns64CanFillWarns() throws Exception {
        List<Finding> f = check(BASE.replace("listen = [\"[2001:db8:1::1]:53\", \"127.0.0.1:53\"]",
                "listen = [\"[::]:53\"]"));
        assertThat(lines(f)).containsExactly("warning: gw.toml:11: [ra] interface[1]: the RA on 'lan0' carries no"
                + " RDNSS: [dns64] listen has no IPv6 address on port 53 to advertise (a wildcard or loopback is not"
                + " one); listen on the router's address, e.g. \"[2001:db8:1::1]:53\" [rdnss-is-dns64]");
    }

    @Test
    void anRdnssThatIsNotTheDns64Warns() throws Exception {
        List<Finding> f = check(BASE.replace("prefix = [{ prefix = \"2001:db8:1::/64\" }]",
                "prefix = [{ prefix = \"2001:db8:1::/64\" }]\nrdnss = [{ addresses = [\"2001:db8:1::53\"] }]"));
        assertThat(lines(f)).containsExactly("warning: gw.toml:13: [ra] interface[1] rdnss: 2001:db8:1::53 is not a"
                + " [dns64] listen address: hosts using it bypass the gateway's DNS64 [rdnss-is-dns64]");
    }

    @Test
    void lanHostsOutsideDns64AllowClientsWarn() throws Exception {
        List<Finding> f = check(BASE.replace("allow-clients = [\"2001:db8:1::/64\"]", "allow-clients = []"));
        assertThat(lines(f)).containsExactly("warning: gw.toml:12: [ra] interface[1] prefix: hosts in"
                + " 2001:db8:1::/64 are not in [dns64] allow-clients: DNS64 answers them REFUSED [dns64-allows-lan]");
    }

    @Test
    void dns64PrefixesMustEqualNat64Prefixes() throws Exception {
        ConfigFile file = ConfigFile.parse("gw.toml", BASE);
        Nat64Plan nat64 = nat64("pool6 = [\"64:ff9b::/96\"]\npool4 = [\"203.0.113.0/28\"]\n",
                List.of(Rfc6052Prefix.parse("64:ff9b::/96")), List.of(Ipv4Prefix.parse("203.0.113.0/28")));
        assertThat(lines(ConfigCheck.check(file, LAN0, Optional.of(nat64)))).containsExactly(
                "error: nat.toml:2: [nat64] pool6: 64:ff9b::/96 is not among [pref64] prefixes 2001:db8:64::/96: one"
                        + " PREF64 feeds RA, DNS64 and NAT64 [pref64-nat64]",
                "error: nat.toml:2: [nat64] pool6: NAT64 translates [64:ff9b::/96] but DNS64 synthesizes into"
                        + " [2001:db8:64::/96]: synthesized addresses would lead nowhere (or NAT64 prefixes go unused)"
                        + " [dns64-nat64-prefixes]");
        Nat64Plan agreeing = nat64("pool6 = [\"2001:db8:64::/96\"]\n", List.of(Rfc6052Prefix.parse("2001:db8:64::/96")),
                List.of(Ipv4Prefix.parse("203.0.113.0/28")));
        assertThat(ConfigCheck.check(file, LAN0, Optional.of(agreeing))).isEmpty();
    }

    @Test
    void pool4MustNotOverlapDhcp4Pools() throws Exception {
        ConfigFile file = ConfigFile.parse("gw.toml", BASE);
        List<Rfc6052Prefix> pool6 = List.of(Rfc6052Prefix.parse("2001:db8:64::/96"));
        Nat64Plan overlapping = nat64("pool4 = [\"192.0.2.144/28\"]\n", pool6, List.of(Ipv4Prefix.parse("192.0.2.144/28")));
        assertThat(lines(ConfigCheck.check(file, LAN0, Optional.of(overlapping)))).containsExactly(
                "error: nat.toml:2: [nat64] pool4: 192.0.2.144/28 overlaps DHCPv4 pool 192.0.2.100-192.0.2.150 of"
                        + " subnet 192.0.2.0/24: NAT64 and DHCPv4 would hand out the same addresses [pool4-dhcp4]");
        Nat64Plan inSubnet = nat64("pool4 = [\"192.0.2.240/28\"]\n", pool6, List.of(Ipv4Prefix.parse("192.0.2.240/28")));
        assertThat(lines(ConfigCheck.check(file, LAN0, Optional.of(inSubnet)))).containsExactly(
                "warning: nat.toml:2: [nat64] pool4: 192.0.2.240/28 lies in DHCPv4 subnet 192.0.2.0/24 (192.0.2.0/24),"
                        + " outside its pools: make sure no host there uses it [pool4-dhcp4]");
        Nat64Plan apart = nat64("pool4 = [\"203.0.113.0/28\"]\n", pool6, List.of(Ipv4Prefix.parse("203.0.113.0/28")));
        assertThat(ConfigCheck.check(file, LAN0, Optional.of(apart))).isEmpty();
    }

    // [nat64] in the file itself: check-config builds the plan and runs the same cross checks

    /** The gateway's NAT64 table, admitting the LAN's sources (one line more than GatewaySectionTest's). */
    private static final String NAT64 = GatewaySectionTest.NAT64.replace("[nat64]\n",
            "[nat64]\nallow6-sources = [\"2001:db8:1::/48\"]\n");

    @Test
    void aNat64TableWithItsRoutesIsClean() throws Exception {
        assertThat(check(BASE + NAT64)).isEmpty();
    }

    @Test
    void aFileNat64Pool6OutsidePref64IsLocated() throws Exception {
        List<String> l = lines(check(BASE + NAT64.replace("[nat64]\n", "[nat64]\npool6 = \"64:ff9b::/96\"\n")
                .replace("routes = [\"2001:db8:64::/96\"", "routes = [\"64:ff9b::/96\"")));
        assertThat(l).containsExactly(
                "error: gw.toml:23: [nat64] pool6: 64:ff9b::/96 is not among [pref64] prefixes 2001:db8:64::/96: one"
                        + " PREF64 feeds RA, DNS64 and NAT64 [pref64-nat64]",
                "error: gw.toml:23: [nat64] pool6: NAT64 translates [64:ff9b::/96] but DNS64 synthesizes into"
                        + " [2001:db8:64::/96]: synthesized addresses would lead nowhere (or NAT64 prefixes go unused)"
                        + " [dns64-nat64-prefixes]");
    }

    @Test
    void aFileNat64Pool4InADhcp4PoolIsLocated() throws Exception {
        List<String> l = lines(check(BASE + NAT64.replace("203.0.113.64/30", "192.0.2.144/30")));
        assertThat(l).containsExactly("error: gw.toml:24: [nat64] pool4: 192.0.2.144/30 overlaps DHCPv4 pool"
                + " 192.0.2.100-192.0.2.150 of subnet 192.0.2.0/24: NAT64 and DHCPv4 would hand out the same addresses"
                + " [pool4-dhcp4]");
    }

    @Test
    void pool6AndPool4WithoutARouteOntoTheTunWarn() throws Exception {
        List<String> l = lines(check(BASE + NAT64.replace("routes = [\"2001:db8:64::/96\", \"203.0.113.64/30\"]",
                "routes = [\"203.0.113.64/31\"]")));
        assertThat(l).containsExactly(
                "warning: gw.toml:27: [nat64.tun] routes: no route of pool6 2001:db8:64::/96 onto the TUN nat64: IPv6"
                        + " hosts' packets to it never reach the NAT64 (add \"2001:db8:64::/96\" to [nat64.tun] routes,"
                        + " or route it yourself) [nat64-tun-routes]",
                "warning: gw.toml:27: [nat64.tun] routes: no route of pool4 203.0.113.64/30 onto the TUN nat64:"
                        + " replies from the IPv4 internet never reach the NAT64 (add \"203.0.113.64/30\" to [nat64.tun]"
                        + " routes, or route it yourself) [nat64-tun-routes]");
        // a covering route is enough: 203.0.113.0/24 covers the /30
        assertThat(check(BASE + NAT64.replace("\"203.0.113.64/30\"]\n", "\"203.0.113.0/24\"]\n"))).isEmpty();
    }

    @Test
    void aNat64WithoutTunTableWarnsAtTheTable() throws Exception {
        List<String> l = lines(check(BASE + "[nat64]\npool4 = [\"203.0.113.64/30\"]\ndeny4 = [\"10.0.0.0/8\"]\n"));
        assertThat(l).hasSize(3);
        assertThat(l.subList(0, 2)).allMatch(x -> x.startsWith("warning: gw.toml:22: [nat64]: no route of pool")
                && x.endsWith("[nat64-tun-routes]"));
        assertThat(l.get(2)).isEqualTo("warning: gw.toml:22: [nat64]: the TUN nat64 is not brought up (up = true):"
                + " until it is, routes onto it fail and the gateway counts the NAT64 as down, withdrawing option 108 and"
                + " PREF64 [nat64-tun-up]");
    }

    /** DESIGN.md §6: only allowed IPv6 sources use the NAT64; without either list, check-config says so. */
    @Test
    void aNat64WithNeitherAllow6SourcesNorDeny4Warns() throws Exception {
        List<String> l = lines(check(BASE + GatewaySectionTest.NAT64));
        assertThat(l).containsExactly("warning: gw.toml:22: [nat64]: neither allow6-sources nor deny4 is set: any IPv6"
                + " source that can route to pool6, the WAN included, may use the NAT64, and it reaches every IPv4"
                + " network, management networks included (set allow6-sources = [\"<LAN prefix>\"] and deny4 ="
                + " [\"<management networks>\"]) [nat64-policy]");
        assertThat(check(BASE + GatewaySectionTest.NAT64.replace("[nat64]\n", "[nat64]\ndeny4 = [\"10.9.0.0/16\"]\n")))
                .as("either list is a policy").isEmpty();
    }

    @Test
    void aTunLeftDownWarnsAtItsKey() throws Exception {
        List<String> l = lines(check(BASE + NAT64.replace("up = true", "up = false")));
        assertThat(l).containsExactly("warning: gw.toml:26: [nat64.tun] up: the TUN nat64 is not brought up (up = true):"
                + " until it is, routes onto it fail and the gateway counts the NAT64 as down, withdrawing option 108 and"
                + " PREF64 [nat64-tun-up]");
    }

    @Test
    void aTunNamedLikeTheLanIsAnError() throws Exception {
        List<String> l = lines(check(BASE + NAT64 + "name = \"lan0\"\n"));
        assertThat(l).containsExactly("error: gw.toml:28: [nat64.tun] name: the NAT64's TUN device 'lan0' is also a"
                + " LAN interface of [ra] or [dhcp4]: the NAT64 needs a device of its own (name = \"nat64\")"
                + " [nat64-tun-name]");
    }

    @Test
    void aMalformedNat64TableIsAParseFindingAndTheRestIsStillChecked() throws Exception {
        List<String> l = lines(check(BASE.replace("server-id = \"192.0.2.1\"", "server-id = \"192.0.2.300\"")
                + NAT64.replace("[nat64]\n", "[nat64]\nudp-timeout = 10\n")));
        assertThat(l).hasSize(2);
        assertThat(l).anyMatch(x -> x.startsWith("error: gw.toml:23: [nat64] udp-timeout: ") && x.endsWith("[parse]"));
        assertThat(l).anyMatch(x -> x.startsWith("error: gw.toml:19: [dhcp4] subnet[1] server-id: "));
    }

    @Test
    void aNat64AloneIsAGateway() throws Exception {
        assertThat(check("[pref64]\nprefixes = [\"2001:db8:64::/96\"]\n" + NAT64)).isEmpty();
    }

    private static Nat64Plan nat64(String body, List<Rfc6052Prefix> pool6, List<Ipv4Prefix> pool4) throws Exception {
        ConfigSection s = ConfigFile.parse("nat.toml", "[nat64]\n" + body).section("nat64").orElseThrow();
        return new Nat64Plan(s, pool6, pool4);
    }
}
