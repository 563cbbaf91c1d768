package net.v6mostly.linux;

/**
 * An interface as an RTM_NEWLINK reply describes it (rtnetlink(7), {@code struct ifinfomsg} with
 * IFLA_IFNAME and IFLA_MTU).
 *
 * @param index the interface index
 * @param name  the interface name
 * @param flags the netdevice(7) {@code IFF_*} flags
 * @param mtu   the MTU in bytes
 */
public record RtnetlinkLink(int index, String name, int flags, int mtu) {
    /** Whether the administrative flag IFF_UP is set. */
    public boolean up() {
        return (flags & RtnetlinkMessages.IFF_UP) != 0;
    }
}
