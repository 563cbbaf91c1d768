package net.v6mostly.pcap;

/**
 * The link-layer header types this package reads (tcpdump.org LINKTYPE_ values, registered in
 * draft-ietf-opsawg-pcaplinktype): what precedes the IP header in each record.
 */
public enum LinkType {
    /** LINKTYPE_ETHERNET: a 14-byte Ethernet II header, optionally one 802.1Q tag. */
    ETHERNET(1),
    /** LINKTYPE_RAW: the record starts with an IPv4 or IPv6 header. */
    RAW(101),
    /** LINKTYPE_IPV4: the record starts with an IPv4 header. */
    IPV4(228),
    /** LINKTYPE_IPV6: the record starts with an IPv6 header. */
    IPV6(229);

    private final int code;

    LinkType(int code) {
        this.code = code;
    }

    /** The number written in the file's global header. */
    public int code() {
        return code;
    }

    /** The link type whose number is {@code code}, or null when this package does not read it. */
    public static LinkType of(int code) {
        for (LinkType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
