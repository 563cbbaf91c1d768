package net.v6mostly.tun;

import java.util.function.Function;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.linux.InterfaceAddress;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.linux.NetlinkException;
import net.v6mostly.linux.Rtnetlink;

/**
 * {@link LinkConfigurator} over rtnetlink (rtnetlink(7)): each call opens a NETLINK_ROUTE socket,
 * asks, waits for the kernel's acknowledgement and closes. Addresses and routes are added with
 * NLM_F_REPLACE, so a restart finds them already there and carries on.
 */
public final class RtnetlinkLinkConfigurator implements LinkConfigurator {

    @Override
    public void setUp(String name) throws LinuxException {
        try (Rtnetlink nl = Rtnetlink.open()) {
            nl.setLinkUp(name, true);
        } catch (NetlinkException e) {
            throw new LinuxException(e.getMessage());
        }
    }

    @Override
    public void setMtu(String name, int mtu) throws LinuxException {
        try (Rtnetlink nl = Rtnetlink.open()) {
            nl.setMtu(name, mtu);
        } catch (NetlinkException e) {
            throw new LinuxException(e.getMessage());
        }
    }

    @Override
    public void addAddress(String name, String addressWithLength) throws LinuxException {
        InterfaceAddress address = parse(addressWithLength, InterfaceAddress::parse, "interface address");
        try (Rtnetlink nl = Rtnetlink.open()) {
            nl.replaceAddress(name, address);
        } catch (NetlinkException e) {
            throw new LinuxException(e.getMessage());
        }
    }

    @Override
    public void addRoute(String name, String prefix) throws LinuxException {
        try (Rtnetlink nl = Rtnetlink.open()) {
            if (prefix.indexOf(':') >= 0) {
                nl.replaceRoute(parse(prefix, Ipv6Prefix::parse, "IPv6 route prefix"), name);
            } else {
                nl.replaceRoute(parse(prefix, Ipv4Prefix::parse, "IPv4 route prefix"), name);
            }
        } catch (NetlinkException e) {
            throw new LinuxException(e.getMessage());
        }
    }

    private static <T> T parse(String text, Function<String, T> parser, String what) throws LinuxException {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new LinuxException("not an " + what + ": " + e.getMessage());
        }
    }
}
