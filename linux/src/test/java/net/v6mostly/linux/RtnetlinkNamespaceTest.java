package net.v6mostly.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rtnetlink against the real kernel, in a fresh network namespace made for this test and deleted
 * afterwards. The JVM cannot enter a namespace, so {@link RtnetlinkScenario} runs in a child JVM
 * under {@code ip netns exec}; iproute2's own view ({@code ip -j}) then checks what it did. Needs
 * root and iproute2, and skips with a message otherwise. Addresses: RFC 5737 / RFC 2544 / RFC 3849
 * documentation and benchmarking ranges only; no traffic leaves the namespace.
 */
class RtnetlinkNamespaceTest {
    private static final String MAIN = RtnetlinkScenario.class.getName();
    private static String ns;

    @BeforeAll
    static void createNamespace() {
        Assumptions.assumeTrue(NamespaceShell.root(), "needs root to create a network namespace; skipped");
        Assumptions.assumeTrue(NamespaceShell.ip() != null, "needs iproute2 (ip) for network namespaces; skipped");
        String name = "v6m-nl-" + ProcessHandle.current().pid();
        NamespaceShell.Result r = NamespaceShell.run(NamespaceShell.ip(), "netns", "add", name);
        Assumptions.assumeTrue(r.exit() == 0, "cannot create network namespace " + name + ": " + r.output());
        ns = name;
    }

    @AfterAll
    static void deleteNamespace() {
        if (ns != null) {
            NamespaceShell.run(NamespaceShell.ip(), "netns", "del", ns).orFail("ip netns del " + ns);
            ns = null;
        }
    }

    /** A dummy interface, or a veth pair with its peer up where the kernel has no dummy driver. */
    private static void createLink(String name) {
        String ip = NamespaceShell.ip();
        if (NamespaceShell.run(ip, "-n", ns, "link", "add", name, "type", "dummy").exit() == 0) {
            return;
        }
        String peer = name + "p";
        NamespaceShell.run(ip, "-n", ns, "link", "add", name, "type", "veth", "peer", "name", peer)
                .orFail("ip link add " + name + " type veth (no dummy driver either)");
        NamespaceShell.run(ip, "-n", ns, "link", "set", peer, "up").orFail("ip link set " + peer + " up");
    }

    private static Object ipJson(String... args) {
        List<String> command = new ArrayList<>(List.of(NamespaceShell.ip(), "-n", ns, "-j"));
        command.addAll(List.of(args));
        return MiniJson.parse(NamespaceShell.run(command.toArray(String[]::new)).orFail(String.join(" ", args)).output());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(Object json) {
        List<Object> list = (List<Object>) json;
        assertThat(list).hasSize(1);
        return (Map<String, Object>) list.getFirst();
    }

    /** "198.51.100.1/24"-style text of every address iproute2 lists on {@code dev}. */
    @SuppressWarnings("unchecked")
    private static List<String> ipAddresses(String dev) {
        List<String> out = new ArrayList<>();
        for (Object info : (List<Object>) only(ipJson("addr", "show", "dev", dev)).get("addr_info")) {
            Map<String, Object> a = (Map<String, Object>) info;
            out.add(a.get("local") + "/" + ((Double) a.get("prefixlen")).intValue());
        }
        return out;
    }

    /** The routes iproute2 lists on {@code dev} for {@code -4} or {@code -6}, keyed by destination. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> ipRoutes(String family, String dev) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object o : (List<Object>) ipJson(family, "route", "show", "table", "main", "dev", dev)) {
            Map<String, Object> route = (Map<String, Object>) o;
            out.put((String) route.get("dst"), route);
        }
        return out;
    }

    private static List<String> lines(NamespaceShell.Result r, String key) {
        return r.output().lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).toList();
    }

    private static String line(NamespaceShell.Result r, String key) {
        List<String> found = lines(r, key);
        assertThat(found).as(key + " in child output:\n" + r.output()).hasSize(1);
        return found.getFirst();
    }

    @Test
    @SuppressWarnings("unchecked")
    void configuresLinkAddressesAndRoutesThenRemovesThem() {
        String dev = "v6m0";
        createLink(dev);

        NamespaceShell.Result setup = NamespaceShell.javaIn(ns, MAIN, "setup", dev).orFail("child JVM setup");
        assertThat(line(setup, "done")).isEqualTo("ok");

        Map<String, Object> link = only(ipJson("link", "show", "dev", dev));
        assertThat(((Double) link.get("mtu")).intValue()).isEqualTo(1400);
        assertThat((List<Object>) link.get("flags")).contains("UP");
        assertThat(ipAddresses(dev)).contains("198.51.100.1/24", "2001:db8:1::1/64");

        Map<String, Map<String, Object>> v4 = ipRoutes("-4", dev);
        assertThat(v4).containsKey("203.0.113.0/24");
        assertThat(v4.get("203.0.113.0/24")).containsEntry("protocol", "static").containsEntry("scope", "link");
        Map<String, Map<String, Object>> v6 = ipRoutes("-6", dev);
        assertThat(v6.get("2001:db8:64::/96")).containsEntry("protocol", "static").doesNotContainKey("gateway");
        assertThat(v6.get("2001:db8:99::/64")).containsEntry("protocol", "static").containsEntry("gateway", "2001:db8:1::2");

        // the Java dump API sees the same
        assertThat(line(setup, "link")).startsWith("up mtu 1400").endsWith("name " + dev);
        assertThat(lines(setup, "address")).anyMatch(a -> a.startsWith("198.51.100.1/24 "))
                .anyMatch(a -> a.startsWith("2001:db8:1::1/64 flags 0x") && (hexFlags(a) & 0x02) != 0);
        assertThat(lines(setup, "route"))
                .anyMatch(r -> r.startsWith("203.0.113.0/24 oif ") && r.contains("table 254 proto 4 scope 253 type 1"))
                .anyMatch(r -> r.startsWith("2001:db8:64::/96 oif ") && r.contains("table 254 proto 4"))
                .anyMatch(r -> r.startsWith("2001:db8:99::/64 via 2001:db8:1::2 oif ") && r.contains("proto 4"));

        NamespaceShell.Result teardown = NamespaceShell.javaIn(ns, MAIN, "teardown", dev).orFail("child JVM teardown");
        assertThat(line(teardown, "link")).startsWith("down mtu 1400");
        assertThat(ipAddresses(dev)).doesNotContain("198.51.100.1/24", "2001:db8:1::1/64");
        assertThat(ipRoutes("-4", dev)).doesNotContainKey("203.0.113.0/24");
        assertThat(ipRoutes("-6", dev)).doesNotContainKeys("2001:db8:64::/96", "2001:db8:99::/64");
        assertThat((List<Object>) only(ipJson("link", "show", "dev", dev)).get("flags")).doesNotContain("UP");
        assertThat(lines(teardown, "address")).noneMatch(a -> a.startsWith("198.51.100.1/") || a.startsWith("2001:db8:1::1/"));
        assertThat(lines(teardown, "route")).isEmpty();
    }

    private static int hexFlags(String addressLine) {
        String rest = addressLine.substring(addressLine.indexOf("flags 0x") + 8);
        return Integer.parseInt(rest.substring(0, rest.indexOf(' ')), 16);
    }

    @Test
    void errorsNameTheOperationInterfaceAndErrno() {
        String dev = "v6m1";
        createLink(dev);
        NamespaceShell.Result r = NamespaceShell.javaIn(ns, MAIN, "errors", dev).orFail("child JVM errors");

        assertThat(line(r, "unknown")).startsWith("if_nametoindex on v6m-nosuch0: no such interface").endsWith("(ENODEV)");
        assertThat(line(r, "unknownAdd")).startsWith("RTM_NEWADDR 198.51.100.1/24 on v6m-nosuch0: ").endsWith("(ENODEV)");
        for (String f : List.of("4", "6")) {
            String address = f.equals("4") ? "198.18.0.1/15" : "2001:db8:7::1/64";
            assertThat(line(r, "first" + f)).isEqualTo("ok");
            assertThat(line(r, "twice" + f)).startsWith("RTM_NEWADDR " + address + " on v6m1: ").contains("(EEXIST)");
            assertThat(line(r, "replace" + f)).isEqualTo("ok");
            assertThat(line(r, "delete" + f)).isEqualTo("ok");
            assertThat(line(r, "deleteAgain" + f)).startsWith("RTM_DELADDR " + address + " on v6m1: ")
                    .contains("(EADDRNOTAVAIL)");
        }
        assertThat(line(r, "routeAdd")).isEqualTo("ok");
        assertThat(line(r, "routeTwice")).startsWith("RTM_NEWROUTE 192.0.2.0/24 on v6m1: ").contains("(EEXIST)");
        assertThat(line(r, "routeReplace")).isEqualTo("ok");
        assertThat(line(r, "routeDelete")).isEqualTo("ok");
        assertThat(line(r, "routeDeleteAgain")).startsWith("RTM_DELROUTE 192.0.2.0/24 on v6m1: ").contains("(ESRCH)");
        assertThat(line(r, "unreachableGateway")).startsWith("RTM_NEWROUTE 2001:db8:99::/64 via 2001:db8:ff::1 on v6m1: ");
        assertThat(line(r, "badMtu")).startsWith("RTM_NEWLINK mtu 1073741824 on v6m1: ").contains("(EINVAL)");
        assertThat(line(r, "done")).isEqualTo("ok");
    }
}
