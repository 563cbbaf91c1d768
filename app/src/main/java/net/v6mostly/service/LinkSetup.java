package net.v6mostly.service;


import net.v6mostly.config.TunSettings;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.tun.LinkConfigurator;

/**
 * Applies the link part of {@code [siit.tun]} (mtu, up, addresses, routes) through a {@link
 * LinkConfigurator}, in the order the kernel needs: the MTU first, then up (an IPv4 device route
 * needs the link up), then addresses, then routes.
 */
public final class LinkSetup {
    private LinkSetup() {
    }

    /**
     * Applies {@code tun} to the link.
     *
     * @throws LinuxException when the kernel refuses a change (named in the message)
     */
    public static void apply(TunSettings tun, LinkConfigurator links) throws LinuxException {
        String name = tun.name();
        if (tun.mtu() > 0) {
            links.setMtu(name, tun.mtu());
        }
        if (tun.up()) {
            links.setUp(name);
        }
        for (String address : tun.addresses()) {
            links.addAddress(name, address);
        }
        for (String route : tun.routes()) {
            links.addRoute(name, route);
        }
    }
}
