package net.v6mostly.linux;

import java.util.List;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;

/**
 * Child-JVM entry point for {@link RtnetlinkNamespaceTest}: runs inside a test network namespace
 * ({@code ip netns exec}) because a JVM cannot switch its own namespace, and prints what it did and
 * what the Java dump API sees as {@code key=value} lines for the parent to check.
 *
 * <p>Modes: {@code setup IF}, {@code teardown IF}, {@code errors IF}.
 */
public final class RtnetlinkScenario {
    static final InterfaceAddress V4 = InterfaceAddress.parse("198.51.100.1/24");
    static final InterfaceAddress V6 = InterfaceAddress.parse("2001:db8:1::1/64");
    static final Ipv4Prefix ROUTE4 = Ipv4Prefix.parse("203.0.113.0/24");
    static final Ipv6Prefix NAT64 = Ipv6Prefix.parse("2001:db8:64::/96");
    static final Ipv6Prefix VIA = Ipv6Prefix.parse("2001:db8:99::/64");
    static final Ipv6Address GATEWAY = Ipv6Address.parse("2001:db8:1::2");

    private RtnetlinkScenario() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: RtnetlinkScenario setup|teardown|errors IFNAME");
            System.exit(2);
        }
        String dev = args[1];
        try (Rtnetlink rt = Rtnetlink.open()) {
            switch (args[0]) {
                case "setup" -> setup(rt, dev);
                case "teardown" -> teardown(rt, dev);
                case "errors" -> errors(rt, dev);
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
            report(rt, dev);
        }
        System.out.println("done=ok");
    }

    private static void setup(Rtnetlink rt, String dev) throws NetlinkException {
        rt.setLinkUp(dev, true);
        rt.setMtu(dev, 1400);
        rt.addAddress(dev, V4);
        rt.addAddress(dev, V6);
        rt.addRoute(ROUTE4, dev);
        rt.addRoute(NAT64, dev);
        rt.addRoute(VIA, GATEWAY, dev);
        rt.replaceRoute(VIA, GATEWAY, dev); // idempotent
    }

    private static void teardown(Rtnetlink rt, String dev) throws NetlinkException {
        rt.deleteRoute(VIA, GATEWAY, dev);
        rt.deleteRoute(NAT64, dev);
        rt.deleteRoute(ROUTE4, dev);
        rt.deleteAddress(dev, V6);
        rt.deleteAddress(dev, V4);
        rt.setLinkUp(dev, false);
    }

    private static void errors(Rtnetlink rt, String dev) throws NetlinkException {
        rt.setLinkUp(dev, true);
        print("unknown", () -> rt.ifindex("v6m-nosuch0"));
        print("unknownAdd", () -> rt.addAddress("v6m-nosuch0", V4));
        for (InterfaceAddress a : List.of(InterfaceAddress.parse("198.18.0.1/15"), InterfaceAddress.parse("2001:db8:7::1/64"))) {
            String f = a.family() == 2 ? "4" : "6";
            print("first" + f, () -> rt.addAddress(dev, a));
            print("twice" + f, () -> rt.addAddress(dev, a));
            print("replace" + f, () -> rt.replaceAddress(dev, a));
            print("delete" + f, () -> rt.deleteAddress(dev, a));
            print("deleteAgain" + f, () -> rt.deleteAddress(dev, a));
        }
        Ipv4Prefix p = Ipv4Prefix.parse("192.0.2.0/24");
        print("routeAdd", () -> rt.addRoute(p, dev));
        print("routeTwice", () -> rt.addRoute(p, dev));
        print("routeReplace", () -> rt.replaceRoute(p, dev));
        print("routeDelete", () -> rt.deleteRoute(p, dev));
        print("routeDeleteAgain", () -> rt.deleteRoute(p, dev));
        print("unreachableGateway", () -> rt.addRoute(VIA, Ipv6Address.parse("2001:db8:ff::1"), dev));
        print("badMtu", () -> rt.setMtu(dev, 1 << 30));
    }

    private interface Step {
        void run() throws NetlinkException;
    }

    private static void print(String key, Step step) {
        try {
            step.run();
            System.out.println(key + "=ok");
        } catch (NetlinkException e) {
            System.out.println(key + "=" + e.getMessage());
        }
    }

    private static void report(Rtnetlink rt, String dev) throws NetlinkException {
        RtnetlinkLink link = rt.link(dev);
        System.out.println("link=" + (link.up() ? "up" : "down") + " mtu " + link.mtu() + " index " + link.index()
                + " name " + link.name());
        for (RtnetlinkAddress a : rt.addresses(dev)) {
            System.out.println("address=" + a.address() + " flags 0x" + Integer.toHexString(a.flags()) + " scope " + a.scope());
        }
        for (RtnetlinkRoute r : rt.routes(dev)) {
            System.out.println("route=" + r);
        }
    }
}
