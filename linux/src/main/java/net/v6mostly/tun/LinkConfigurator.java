package net.v6mostly.tun;

import net.v6mostly.linux.LinuxException;

/**
 * Configures a network link the way {@code ip link/addr/route} would: what a daemon applies to
 * its TUN device at start when its configuration asks for it. {@link #system()} speaks rtnetlink;
 * tests substitute a recorder.
 */
public interface LinkConfigurator {

    /** Sets the link administratively up (IFF_UP). */
    void setUp(String name) throws LinuxException;

    /** Sets the link's MTU. */
    void setMtu(String name, int mtu) throws LinuxException;

    /** Adds an interface address, {@code 198.51.100.1/24} or {@code 2001:db8::1/64}; present already is fine. */
    void addAddress(String name, String addressWithLength) throws LinuxException;

    /** Adds a device route for {@code prefix} ({@code 192.0.2.0/24}, {@code 2001:db8:64::/96}); present already is fine. */
    void addRoute(String name, String prefix) throws LinuxException;

    /** The implementation daemons use: rtnetlink. */
    static LinkConfigurator system() {
        return new RtnetlinkLinkConfigurator();
    }
}
