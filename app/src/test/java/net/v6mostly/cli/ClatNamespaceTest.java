package net.v6mostly.cli;

import static net.v6mostly.cli.NamespaceLab.firstLine;
import static net.v6mostly.cli.NamespaceLab.read;
import static net.v6mostly.cli.Netns.in;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import net.v6mostly.ops.Scrape;

/**
 * {@code v6mostly clat} end to end, as root, in three network namespaces: an IPv6-only host running
 * the CLAT on its uplink {@code up0}; a router that advertises the /64, an RDNSS and PREF64 with
 * {@code v6mostly ra}, and is the PLAT (TAYGA in NAT64 mode with a dynamic pool in 198.18.255.0/24,
 * then nftables masquerade to 198.51.100.1); an IPv4-only server 198.51.100.10. Real ping, curl,
 * traceroute and a python AF_INET UDP client cross the CLAT; a DHCPv4 lease from {@code v6mostly
 * dhcp4} (busybox udhcpc) turns it off and its expiry on again; a PREF64 change in the RA is
 * followed; with no PREF64 in the RA, ipv4only.arpa against {@code v6mostly dns64} (RFC 7050)
 * supplies the prefix. Skipped, with the reason, when not root or a tool is missing (failed under CI).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClatNamespaceTest extends NamespaceLabCase {
    private static final String SERVER4 = "198.51.100.10";
    private static final String PREF64_A = "2001:db8:64::/96";
    private static final String PREF64_B = "2001:db8:46::/96";
    private static final String METRICS = "http://127.0.0.1:9464/metrics";
    private static final String LAN6 = "2001:db8:2:300::/64";
    private static final List<String> TOOLS = List.of("ip", "tayga", "nft", "ping", "curl", "traceroute", "python3",
            "udhcpc");

    private final String host = "v6mk" + tag + "h";
    private final String router = "v6mk" + tag + "r";
    private final String server = "v6mk" + tag + "s";
    private final String lan = "v6mk" + tag + "l";
    private Path raConfig;
    private Path clatLog;
    private Process ra;
    private Process tayga;
    private Process clat;

    @BeforeAll
    void setUp() throws Exception {
        openLab("CLAT namespace test", "clat-netns", "v6mk-clat", TOOLS);
        for (String log : List.of("clat.log", "clat2.log", "ra.log", "tayga.log")) {
            lab.dumpAtEnd(log, dir.resolve(log), 0);
        }
        topology();
        plat(PREF64_A);
        raConfig = dir.resolve("ra.toml");
        Files.writeString(raConfig, raToml("pref64 = [{ prefix = \"" + PREF64_A + "\", lifetime = 1800 }]"));
        ra = lab.daemon(router, dir.resolve("ra.log"), "ra", "-c", raConfig.toString());
        lab.httpServer(server, "http.log", SERVER4, 80, dir);
        Files.writeString(dir.resolve("hello.txt"), "hello over 464XLAT\n");
        sh.start(dir.resolve("udpecho.log"), in(server, "timeout", "300", "python3", "-c",
                "import socket\n"
                        + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                        + "s.bind(('" + SERVER4 + "', 7007))\n"
                        + "while True:\n"
                        + "    d, a = s.recvfrom(65535)\n"
                        + "    s.sendto(d + b' from ' + a[0].encode(), a)\n"));
        assertThat(Netns.waitFor(20,
                () -> lab.output(in(host, "ip", "-6", "route", "show", "default")).contains("via fe80")))
                .as("the host configured itself from the RA").isTrue();
        startClat("clat.log");
    }

    @Test
    @Order(1)
    void turnsOnWithThePrefixFromTheRa() throws Exception {
        assertThat(Netns.waitFor(20, () -> info().contains("state=\"on\""))).as(info()).isTrue();
        String info = info();
        lab.report("v6mostly_clat_info", info);
        assertThat(label(info, "source")).isEqualTo("ra");
        assertThat(label(info, "prefix")).isEqualTo(PREF64_A);
        String clat6 = label(info, "clat_ipv6");
        assertThat(clat6).startsWith("2001:db8:1:2:");
        String hostAddresses = lab.output(in(host, "ip", "-6", "address", "show", "dev", "up0"));
        assertThat(hostAddresses).as("the CLAT address is not one of the host's own").doesNotContain(clat6 + "/");
        assertThat(lab.output(in(host, "ip", "-6", "neigh", "show", "proxy"))).contains(clat6);
        assertThat(lab.output(in(host, "ip", "route", "show", "default"))).contains("dev clat0", "metric 2048");
        assertThat(lab.output(in(host, "ip", "link", "show", "clat0"))).contains("mtu 1480");
    }

    @Test
    @Order(2)
    void pingReachesTheIpv4Server() throws Exception {
        String out = lab.ping(20, host, "ping -4 " + SERVER4, "-4", "-c3", "-i0.3", "-W2", SERVER4);
        assertThat(out).contains("3 received");
    }

    @Test
    @Order(3)
    void curlFetchesFromAnIpv4Literal() throws Exception {
        String out = sh.ok(20, in(host, "curl", "-sS", "--max-time", "10", "http://" + SERVER4 + "/hello.txt"));
        lab.report("curl http://" + SERVER4 + "/hello.txt", out.strip());
        assertThat(out).isEqualTo("hello over 464XLAT\n");
    }

    @Test
    @Order(4)
    void anIpv4OnlyUdpAppGetsItsEcho() throws Exception {
        String out = sh.ok(20, in(host, "python3", "-c",
                "import socket\n"
                        + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                        + "s.settimeout(5)\n"
                        + "s.connect(('" + SERVER4 + "', 7007))\n"
                        + "s.send(b'v4 only app')\n"
                        + "print(s.recvfrom(65535)[0].decode(), 'to', s.getsockname()[0])\n"));
        lab.report("AF_INET UDP app", out.strip());
        // the server sees the PLAT's address (NAT44 of TAYGA's pool), the app its own 192.0.0.1
        assertThat(out.strip()).isEqualTo("v4 only app from 198.51.100.1 to 192.0.0.1");
    }

    @Test
    @Order(5)
    void tracerouteShowsTheIpv6HopsAs192008() throws Exception {
        String out = sh.ok(90, in(host, "traceroute", "-4", "-n", "-q1", "-w2", "-m8", SERVER4));
        lab.report("traceroute -4", "\n" + out.strip());
        // IPv6 routers on the path have no IPv4 address: their Time Exceeded comes from 192.0.0.8
        // (draft-ietf-v6ops-icmpext-xlat-v6only-source); the PLAT (TAYGA's 198.18.255.1) shows as itself
        assertThat(out).contains(" 192.0.0.8 ", " 198.18.255.1 ", " " + SERVER4 + " ");
    }

    @Test
    @Order(6)
    void anIpv4OnlyLanDeviceBehindTheCeRouterGetsOut() throws Exception {
        String ping = sh.ok(20, in(lan, "ping", "-4", "-c2", "-i0.3", "-W2", SERVER4));
        lab.report("CE-router mode: ping from the LAN device 198.18.1.2", firstLine(ping, "packets transmitted"));
        assertThat(ping).contains("2 received");
        String out = sh.ok(20, in(lan, "curl", "-sS", "--max-time", "10", "http://" + SERVER4 + "/hello.txt"));
        assertThat(out).isEqualTo("hello over 464XLAT\n");
        String rules = sh.ok(5, in(host, "nft", "list", "table", "ip", "v6mostly_clat_clat0"));
        lab.report("CE-router mode: nftables", rules.lines().filter(l -> l.contains("snat") || l.contains("maxseg"))
                .map(String::strip).toList().toString());
        assertThat(rules).contains("snat to 192.0.0.1");
    }

    @Test
    @Order(7)
    void statusShowsStateAndCounters() throws Exception {
        String out = lab.cli(30, host, "clat", "status");
        lab.report("v6mostly clat status", "\n" + out.strip());
        assertThat(out).contains("state       on (on)", "pref64      " + PREF64_A + " from ra", "TRANSLATED_46",
                "TRANSLATED_64", "RA_ACCEPTED", "TURNED_ON");
    }

    /**
     * Issue 15: a LAN host (fe80::bad, in the router's namespace) sends the
     * RA with router lifetime 0 whose PREF64 /96 has a non-zero u octet (RFC 6052 §2.2), then RAs
     * with 120 distinct short-lived prefixes. The CLAT counts both, keeps its prefix and translates.
     */
    @Test
    @Order(7)
    void hostileRasAreCountedAndTheClatKeepsTranslating() throws Exception {
        String send = """
                import socket, struct
                s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"down0")
                dst = ("ff02::1", 0, 0, socket.if_nametoindex("down0"))
                s.bind(("fe80::bad", 0, 0, socket.if_nametoindex("down0")))
                head = bytes.fromhex("86000000" "40000000" "00000000" "00000000")
                s.sendto(head + bytes.fromhex("26020258" "20010db8" "00640000" "ff000000"), dst)
                for r in range(3):
                    opts = b"".join(bytes.fromhex("26020010") + struct.pack("!IIHH", 0x20010db8, 0x00ee0000, r, i)
                                    for i in range(40))
                    s.sendto(head + opts, dst)
                """;
        // another host on the link: with the router's own address, lifetime 0 would end the host's default route
        lab.ip(router, "address add fe80::bad/64 dev down0 nodad");
        sh.ok(10, in(router, "python3", "-c", send));
        lab.ip(router, "address del fe80::bad/64 dev down0");
        assertThat(Netns.waitFor(10, () -> event("PREF64_NONZERO_U_OCTET") >= 1)).as(events()).isTrue();
        assertThat(Netns.waitFor(10, () -> event("PREF64_TABLE_FULL") > 0)).as(events()).isTrue();
        lab.report("hostile RAs", "PREF64_NONZERO_U_OCTET " + event("PREF64_NONZERO_U_OCTET") + ", PREF64_TABLE_FULL "
                + event("PREF64_TABLE_FULL") + ", INTERNAL_ERROR " + event("INTERNAL_ERROR"));
        assertThat(clat.isAlive()).isTrue();
        assertThat(label(info(), "prefix")).isEqualTo(PREF64_A);
        assertThat(event("INTERNAL_ERROR")).isZero();
        assertThat(sh.ok(15, in(host, "ping", "-4", "-c2", "-W2", SERVER4))).contains("2 received");
    }

    @Test
    @Order(8)
    void aDhcpv4LeaseTurnsItOffAndItsExpiryBackOn() throws Exception {
        Path dhcpConfig = dir.resolve("dhcp4.toml");
        Files.writeString(dhcpConfig, """
                [dhcp4]
                lease-directory = "%s"

                [[dhcp4.subnet]]
                name = "native"
                prefix = "203.0.113.0/24"
                interface = "down0"
                server-id = "203.0.113.1"
                lease-time = 15
                routers = ["203.0.113.1"]
                ipv6-only-preferred = false
                pools = [{ range = "203.0.113.100-203.0.113.150" }]

                [metrics]
                listen = "127.0.0.1:9468"
                """.formatted(dir.resolve("leases")));
        Path dhcpLog = dir.resolve("dhcp4.log");
        lab.daemon(router, dhcpLog, "dhcp4", "-c", dhcpConfig.toString());
        assertThat(Netns.waitFor(30, () -> read(dhcpLog).contains("serving"))).as(read(dhcpLog)).isTrue();
        // the address with its lease time, the default route tied to it by src: both go when the lease expires
        Path script = NamespaceLab.executable(dir.resolve("udhcpc.sh"), """
                #!/bin/sh
                case "$1" in bound|renew)
                  ip addr replace "$ip/24" dev "$interface" valid_lft "$lease" preferred_lft "$lease"
                  ip route replace default via "$router" dev "$interface" src "$ip" ;;
                esac
                """);
        Process udhcpc = sh.start(dir.resolve("udhcpc.log"), in(host, "timeout", "60", "udhcpc", "-f", "-i", "up0",
                "-s", script.toString(), "-t", "5", "-T", "2"));
        assertThat(Netns.waitFor(30, () -> info().contains("state=\"off\""))).as(info()).isTrue();
        String off = info();
        lab.report("with a DHCPv4 lease", label(off, "reason") + "; "
                + lab.output(in(host, "ip", "-4", "route", "show", "default")).strip());
        assertThat(label(off, "reason")).startsWith("native-ipv4-");
        assertThat(lab.output(in(host, "ip", "route", "show", "default"))).doesNotContain("clat0");
        assertThat(sh.run(15, in(host, "ping", "-4", "-c1", "-W2", SERVER4)).ok()).as("native IPv4 works").isTrue();

        for (ProcessHandle p : udhcpc.toHandle().descendants().toList()) { // udhcpc under timeout: our own
            sh.run(5, "kill", "-KILL", Long.toString(p.pid())); // no release, no renewal: the lease runs out
        }
        long start = System.nanoTime();
        assertThat(Netns.waitFor(40, () -> info().contains("state=\"on\""))).as(info()).isTrue();
        lab.report("lease expired (15 s lease)", "CLAT on again after "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s");
        assertThat(lab.output(in(host, "ip", "route", "show", "default"))).contains("dev clat0");
        assertThat(sh.ok(15, in(host, "ping", "-4", "-c2", "-W2", SERVER4))).contains("2 received");
    }

    @Test
    @Order(9)
    void aPref64ChangeInTheRaIsFollowed() throws Exception {
        Files.writeString(raConfig, raToml("pref64 = [{ prefix = \"" + PREF64_B + "\", lifetime = 1800 }]"));
        sh.ok(5, "kill", "-HUP", Long.toString(ra.pid()));
        plat(PREF64_B);
        assertThat(Netns.waitFor(30, () -> label(info(), "prefix").equals(PREF64_B))).as(info()).isTrue();
        lab.report("after the RA's PREF64 changed", label(info(), "prefix") + " from " + label(info(), "source"));
        assertThat(Netns.waitFor(15, () -> lab.succeeds(in(host, "ping", "-4", "-c1", "-W2", SERVER4))))
                .as("traffic follows the new prefix").isTrue();
        assertThat(info()).contains("state=\"on\"");
    }

    @Test
    @Order(10)
    void sigtermUndoesTheHostChanges() throws Exception {
        clat.destroy();
        assertThat(clat.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(clat.exitValue()).isZero();
        assertThat(lab.output(in(host, "ip", "route", "show", "default"))).doesNotContain("clat0");
        assertThat(lab.output(in(host, "ip", "-6", "neigh", "show", "proxy")).strip()).isEmpty();
        assertThat(lab.output(in(host, "sysctl", "-n", "net.ipv6.conf.all.forwarding")).strip()).isEqualTo("0");
        assertThat(lab.output(in(host, "sysctl", "-n", "net.ipv6.conf.up0.accept_ra")).strip()).isEqualTo("1");
        assertThat(lab.output(in(host, "sysctl", "-n", "net.ipv4.ip_forward")).strip()).isEqualTo("0");
        assertThat(lab.output(in(host, "nft", "list", "tables"))).doesNotContain("v6mostly_clat");
        lab.report("SIGTERM", "exit 0; default route, proxy entry, nftables table and sysctls restored");
    }

    @Test
    @Order(11)
    void rfc7050FallbackWhenTheRaCarriesNoPref64() throws Exception {
        Path dnsConfig = dir.resolve("dns64.toml");
        Files.writeString(dnsConfig, """
                [dns64]
                listen = ["[2001:db8:1:2::1]:53"]
                upstreams = ["127.0.0.1:53"]
                prefixes = ["%s"]
                allow-clients = ["2001:db8:1:2::/64"]
                """.formatted(PREF64_B));
        Path dnsLog = dir.resolve("dns64.log");
        lab.daemon(router, dnsLog, "dns64", "-c", dnsConfig.toString());
        assertThat(Netns.waitFor(30, () -> read(dnsLog).contains("listening"))).as(read(dnsLog)).isTrue();
        Files.writeString(raConfig, raToml(""));
        sh.ok(5, "kill", "-HUP", Long.toString(ra.pid()));
        // this time the LAN gets a dedicated /64 (a delegated prefix the router routes to the host)
        sh.ok(5, "ip", "-n", host, "address", "add", "2001:db8:1:2::100/64", "dev", "up0", "nodad");
        sh.ok(5, "ip", "-n", router, "-6", "route", "add", LAN6, "via", "2001:db8:1:2::100", "dev", "down0");
        Thread.sleep(1000);
        startClat("clat2.log", "lan-ipv6-prefix = \"" + LAN6 + "\"\n");
        assertThat(Netns.waitFor(30, () -> info().contains("state=\"on\""))).as(info()).isTrue();
        String info = info();
        lab.report("no PREF64 in the RA", label(info, "prefix") + " from " + label(info, "source"));
        assertThat(label(info, "source")).isEqualTo("rfc7050");
        assertThat(label(info, "prefix")).isEqualTo(PREF64_B);
        assertThat(read(dir.resolve("clat2.log"))).contains("ipv4only.arpa from 2001:db8:1:2::1");
        assertThat(sh.ok(15, in(host, "ping", "-4", "-c2", "-W2", SERVER4))).contains("2 received");
    }

    @Test
    @Order(12)
    void withADedicatedSlash64TheLanIsTranslatedOneToOne() throws Exception {
        assertThat(read(dir.resolve("clat2.log"))).contains("translated into " + LAN6);
        assertThat(lab.output(in(host, "nft", "list", "tables"))).as("no NAT44 in this mode")
                .doesNotContain("v6mostly_clat");
        String ping = sh.ok(20, in(lan, "ping", "-4", "-c2", "-i0.3", "-W2", SERVER4));
        assertThat(ping).contains("2 received");
        String curl = sh.ok(20, in(lan, "curl", "-sS", "--max-time", "10", "http://" + SERVER4 + "/hello.txt"));
        assertThat(curl).isEqualTo("hello over 464XLAT\n");
        // the PLAT saw the LAN host under its own IPv6 address: 198.18.1.2 in the /64's last 32 bits
        String map = sh.ok(5, in(router, "ip", "-6", "route", "get", "2001:db8:2:300::c612:102"));
        lab.report("CE-router mode with " + LAN6, firstLine(ping, "packets transmitted") + "; router: " + map.strip());
        tayga.destroy(); // TAYGA's log is block-buffered: stop it (the last test) to read its assignments
        tayga.waitFor(5, TimeUnit.SECONDS);
        String assigned = firstLine(read(dir.resolve("tayga.log")), "(2001:db8:2:300::c612:102)");
        lab.report("the PLAT (TAYGA) saw the LAN host as", assigned);
        assertThat(assigned).startsWith("assigned new pool address 198.18.255.");
    }

    // ---- setup

    private void topology() throws Exception {
        lab.namespaces(host, router, server, lan);
        lab.provider(router, host, "up0", server, SERVER4);
        lab.ip(router, "address add 203.0.113.1/24 dev down0");
        lab.sysctl(host, "net.ipv6.conf.up0.accept_ra=1");
        lab.ip(host, "link set up0 up");
        // CE-router mode: an IPv4-only LAN device behind the CLAT host
        lab.veth(host, "lan0", lan, "eth0");
        lab.ip(host, "link set lan0 up");
        lab.ip(host, "address add 198.18.1.1/24 dev lan0");
        lab.ip(lan, "link set eth0 up");
        lab.ip(lan, "address add 198.18.1.2/24 dev eth0");
        lab.ip(lan, "route add default via 198.18.1.1");
    }

    /** (Re)starts TAYGA as the PLAT for {@code pref64}: NAT64 with a dynamic pool, NAT44 behind it. */
    private void plat(String pref64) throws Exception {
        if (tayga != null) {
            tayga.destroy();
            tayga.waitFor(5, TimeUnit.SECONDS);
        }
        tayga = lab.taygaPlat(router, pref64, "wan0", dir.resolve("tayga.log"));
    }

    private void startClat(String log) throws Exception {
        startClat(log, "");
    }

    private void startClat(String log, String more) throws Exception {
        Path config = dir.resolve("clat.toml");
        Files.writeString(config, "[clat]\ninterface = \"up0\"\nrfc7050-delay-ms = 4000\nlan-prefixes = [\"198.18.1.0/24\"]\n"
                + more + "\n[metrics]\nlisten = \"127.0.0.1:9464\"\n");
        clatLog = dir.resolve(log);
        clat = lab.daemon(host, clatLog, "clat", "-c", config.toString());
    }

    private String raToml(String pref64Line) {
        return LabConfigs.providerRa("""
                rdnss = [{ addresses = ["2001:db8:1:2::1"] }]
                %s
                """.formatted(pref64Line));
    }

    // ---- helpers

    /** The labels of the daemon's v6mostly_clat_info sample, or "" while it does not answer. */
    private String info() {
        String metrics = lab.output(in(host, "curl", "-sS", "--max-time", "2", METRICS));
        return metrics.lines().filter(l -> l.startsWith("v6mostly_clat_info{")).findFirst().orElse("");
    }

    /** The daemon's event counter {@code name}, -1 while it does not answer. */
    private long event(String name) {
        return (long) Scrape.parse(events()).value("v6mostly_clat_events_total", "event", name);
    }

    private String events() {
        return lab.output(in(host, "curl", "-sS", "--max-time", "2", METRICS)).lines()
                .filter(l -> l.startsWith("v6mostly_clat_events_total")).collect(java.util.stream.Collectors.joining("\n"));
    }

    private static String label(String info, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(info);
        return m.find() ? m.group(1) : "";
    }





}
