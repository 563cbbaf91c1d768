package net.v6mostly.cli;

import java.util.ArrayList;
import java.util.List;

import net.v6mostly.config.TunSettings;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.tun.LinkConfigurator;
import net.v6mostly.tun.UnavailableLinkConfigurator;

/**
 * Applies the link part of {@code [siit.tun]} (mtu, up, addresses, routes) through a {@link
 * LinkConfigurator}, in the order the kernel needs: the MTU first, then up (an IPv4 device route
 * needs the link up), then addresses, then routes.
 */
final class LinkSetup {
    private LinkSetup() {
    }

    /**
     * Applies {@code tun} to the link; returns the warnings to log (what could not be applied but
     * does not stop the daemon).
     *
     * @throws LinuxException when an address or route cannot be added
     */
    static List<String> apply(TunSettings tun, LinkConfigurator links) throws LinuxException {
        List<String> warnings = new ArrayList<>();
        String name = tun.name();
        if (!links.available() && (tun.mtu() > 0 || tun.up())) {
            warnings.add("[siit.tun] " + (tun.mtu() > 0 ? "mtu = " + tun.mtu() + (tun.up() ? ", " : "") : "")
                    + (tun.up() ? "up = true" : "") + " not applied to " + name + ": "
                    + UnavailableLinkConfigurator.MESSAGE + "; run `ip link set dev " + name
                    + (tun.mtu() > 0 ? " mtu " + tun.mtu() : "") + (tun.up() ? " up" : "") + "`");
        }
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
        return warnings;
    }
}
