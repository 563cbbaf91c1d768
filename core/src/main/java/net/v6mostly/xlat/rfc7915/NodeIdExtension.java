package net.v6mostly.xlat.rfc7915;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.IcmpExtension;

/**
 * The ICMP extension a translator appends when it sources a translated ICMPv4 error from the
 * dummy address 192.0.0.8 (draft-ietf-v6ops-icmpext-xlat-v6only-source §4.2): a Node
 * Identification Object (draft-ietf-intarea-extended-icmp-nodeid §3, Class-Num 5) carrying an IP
 * Address Sub-Object with the original IPv6 source, inside an RFC 4884 §7 extension structure.
 *
 * <pre>
 * extension header:  | Version=2 | Reserved (12) | Checksum (16) |
 * object header:     | Length = 24 (16) | Class-Num = 5 | C-Type = IPAddr |
 * IP Address sub-object: | AFI = 2 (IPv6) (16) | Reserved (16) | IPv6 address (128) |
 * </pre>
 */
public final class NodeIdExtension {
    /** Length of the extension header (RFC 4884 §7). */
    public static final int HEADER = IcmpExtension.HEADER;
    /** Length of the Node Identification Object with an IPv6 IP Address Sub-Object. */
    public static final int OBJECT = IcmpExtension.OBJECT_HEADER + IcmpExtension.IPV6_ADDRESS_SUB_OBJECT;
    /** Object class of the Node Identification Object. */
    public static final int CLASS_NUM = 5;
    /** C-Type with only the IP Address sub-object present (bit 5, RFC 5837 §4.1 numbering). */
    public static final int C_TYPE_IP_ADDRESS = 0x04;

    private NodeIdExtension() {
    }

    /** Writes the object for {@code (hi, lo)} at {@code off}. */
    public static void writeObject(MemorySegment s, long off, long hi, long lo) {
        IcmpExtension.writeObjectHeader(s, off, OBJECT, CLASS_NUM, C_TYPE_IP_ADDRESS);
        IcmpExtension.writeIpv6AddressSubObject(s, off + IcmpExtension.OBJECT_HEADER, hi, lo);
    }

    /** Writes the extension header for a structure of {@code length} bytes at {@code off} and its checksum. */
    public static void finish(MemorySegment s, long off, int length) {
        IcmpExtension.writeHeader(s, off, length);
    }

    /** Whether the bytes at {@code off} start an RFC 4884 extension structure of version 2. */
    public static boolean isVersion2(MemorySegment s, long off, int length) {
        return length >= HEADER && IcmpExtension.version(s, off) == IcmpExtension.VERSION;
    }
}
