package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * Field offsets of the transport headers the translator touches: UDP (RFC 768), TCP (RFC 9293
 * §3.1) and ICMP/ICMPv6 (RFC 792, RFC 4443 §2.1), whose first four octets share one layout.
 *
 * <pre>
 * UDP:  | Source Port | Destination Port | Length | Checksum |
 * TCP:  | Source Port | Destination Port | Seq | Ack | Off/Flags | Window | Checksum | Urgent |
 * ICMP: | Type | Code | Checksum | Rest of header (id/seq, MTU, pointer, unused) |
 * </pre>
 */
public final class Transport {
    public static final int SOURCE_PORT = 0;
    public static final int DESTINATION_PORT = 2;
    public static final int UDP_LENGTH = 4;
    public static final int UDP_CHECKSUM = 6;
    public static final int UDP_HEADER = 8;
    /** The TCP flags octet (CWR ECE URG ACK PSH RST SYN FIN, RFC 9293 §3.1). */
    public static final int TCP_FLAGS = 13;
    public static final int TCP_CHECKSUM = 16;
    public static final int TCP_HEADER = 20;
    public static final int ICMP_TYPE = 0;
    public static final int ICMP_CODE = 1;
    public static final int ICMP_CHECKSUM = 2;
    public static final int ICMP_REST = 4;
    public static final int ICMP_HEADER = 8;
    /** Length of the two port fields that open both TCP and UDP headers. */
    public static final int PORTS = 4;

    private Transport() {
    }

    /** The source port of the TCP or UDP header at {@code off}. */
    public static int sourcePort(MemorySegment s, long off) {
        return Bytes.u16(s, off + SOURCE_PORT);
    }

    /** The destination port of the TCP or UDP header at {@code off}. */
    public static int destinationPort(MemorySegment s, long off) {
        return Bytes.u16(s, off + DESTINATION_PORT);
    }

    /**
     * Offset of the checksum field within the transport header of {@code protocol} (IPv4 or IPv6
     * numbering), or -1 when the translator does not know where it is.
     */
    public static int checksumOffset(int protocol) {
        return switch (protocol) {
            case IpProtocol.TCP -> TCP_CHECKSUM;
            case IpProtocol.UDP -> UDP_CHECKSUM;
            case IpProtocol.ICMP, IpProtocol.ICMPV6 -> ICMP_CHECKSUM;
            default -> -1;
        };
    }

    /** Minimum header length needed to reach the checksum of {@code protocol}. */
    public static int minimumHeader(int protocol) {
        return switch (protocol) {
            case IpProtocol.TCP -> TCP_HEADER;
            case IpProtocol.UDP -> UDP_HEADER;
            case IpProtocol.ICMP, IpProtocol.ICMPV6 -> ICMP_HEADER;
            default -> 0;
        };
    }
}
