package net.v6mostly.linux;

import java.util.Optional;
import java.util.OptionalInt;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;

/**
 * One route of an RTM_GETROUTE dump (rtnetlink(7), {@code struct rtmsg} with RTA_DST,
 * RTA_GATEWAY, RTA_OIF and RTA_TABLE). Multipath routes (RTA_MULTIPATH) show neither gateway nor
 * output interface here.
 */
public sealed interface RtnetlinkRoute {

    /** Output interface index (RTA_OIF), 0 when absent. */
    int outputIndex();

    /** Routing table: 254 main, 255 local. */
    int table();

    /** {@code RTPROT_*}: 2 kernel, 3 boot, 4 static. */
    int protocol();

    /** {@code RT_SCOPE_*}: 0 universe, 253 link, 254 host. */
    int scope();

    /** {@code RTN_*}: 1 unicast, 2 local, ... */
    int type();

    /**
     * An IPv4 route.
     *
     * @param destination the destination prefix
     * @param gateway     the next hop, when not on-link
     * @param outputIndex see {@link RtnetlinkRoute#outputIndex()}
     * @param table       see {@link RtnetlinkRoute#table()}
     * @param protocol    see {@link RtnetlinkRoute#protocol()}
     * @param scope       see {@link RtnetlinkRoute#scope()}
     * @param type        see {@link RtnetlinkRoute#type()}
     */
    record V4(Ipv4Prefix destination, OptionalInt gateway, int outputIndex, int table, int protocol, int scope,
            int type) implements RtnetlinkRoute {
        @Override
        public String toString() {
            return destination + (gateway.isPresent() ? " via " + Ipv4.format(gateway.getAsInt()) : "")
                    + " oif " + outputIndex + " table " + table + " proto " + protocol + " scope " + scope
                    + " type " + type;
        }
    }

    /**
     * An IPv6 route.
     *
     * @param destination the destination prefix
     * @param gateway     the next hop, when not on-link
     * @param outputIndex see {@link RtnetlinkRoute#outputIndex()}
     * @param table       see {@link RtnetlinkRoute#table()}
     * @param protocol    see {@link RtnetlinkRoute#protocol()}
     * @param scope       see {@link RtnetlinkRoute#scope()}
     * @param type        see {@link RtnetlinkRoute#type()}
     */
    record V6(Ipv6Prefix destination, Optional<Ipv6Address> gateway, int outputIndex, int table, int protocol,
            int scope, int type) implements RtnetlinkRoute {
        @Override
        public String toString() {
            return destination + gateway.map(g -> " via " + g).orElse("") + " oif " + outputIndex + " table "
                    + table + " proto " + protocol + " scope " + scope + " type " + type;
        }
    }
}
