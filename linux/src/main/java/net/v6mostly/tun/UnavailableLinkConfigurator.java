package net.v6mostly.tun;

import net.v6mostly.linux.LinuxException;

/**
 * The stand-in until rtnetlink support exists: setting up or the MTU are left to the operator
 * ({@link #available()} is false, so the caller can warn), and adding an address or a route
 * fails with a clear message rather than being skipped silently.
 */
public final class UnavailableLinkConfigurator implements LinkConfigurator {
    /** The message of every refusal. */
    public static final String MESSAGE = "link configuration needs rtnetlink (not yet available)";

    @Override
    public void setUp(String name) {
        // nothing: the caller sees available() == false and tells the operator
    }

    @Override
    public void setMtu(String name, int mtu) {
        // nothing: as setUp
    }

    @Override
    public void addAddress(String name, String addressWithLength) throws LinuxException {
        throw new LinuxException("cannot add address " + addressWithLength + " to " + name + ": " + MESSAGE
                + "; add it with `ip address add " + addressWithLength + " dev " + name + "` and remove it from"
                + " [siit.tun] addresses");
    }

    @Override
    public void addRoute(String name, String prefix) throws LinuxException {
        throw new LinuxException("cannot add route " + prefix + " dev " + name + ": " + MESSAGE
                + "; add it with `ip route add " + prefix + " dev " + name + "` and remove it from [siit.tun] routes");
    }

    @Override
    public boolean available() {
        return false;
    }
}
