package net.v6mostly.xlat.rfc6146;

/**
 * The tuple of one packet (RFC 6146 §3.4): what {@link TupleExtraction64} or
 * {@link TupleExtraction46} read, what the state engine looks up, and where in the packet the
 * transport identifier to rewrite sits. For an ICMP error it is the tuple of the embedded packet,
 * seen from the NAT64's side (RFC 6146 §3.4: the tuple of the packet embedded in the ICMP error,
 * with source and destination swapped). Mutable scratch, one per
 * worker: no allocation per packet.
 */
public final class Tuple {
    /** TCP, UDP or ICMP query. */
    public Protocol protocol;
    /** The packet is an ICMP error about the embedded packet this tuple describes. */
    public boolean icmpError;
    /** TCP flags of the packet (0 for UDP, ICMP and errors). */
    public int tcpFlags;

    /** IPv6 side (X', x): the IPv6 host and its port or Echo Identifier (6→4 lookups). */
    public long hi;
    /** Last 64 bits of X'. */
    public long lo;
    /** x. */
    public int port6;
    /** pool4 side (T, t) for 4→6 lookups. */
    public int addr4;
    /** t. */
    public int port4;
    /** The IPv4 peer (Y or Z). */
    public int remote4;
    /** The IPv4 peer's port (0 for ICMP query). */
    public int remotePort;

    /** Offset of the 16-bit port or Identifier to rewrite (in the packet, or in the embedded packet). */
    public long portField;
    /** Offset of the transport checksum covering {@link #portField}, or -1 when there is none to update. */
    public long checksumField;
    /** Offset of the outer ICMP checksum of an error (it covers the embedded bytes), else -1. */
    public long outerChecksumField;
    /** Offset of the embedded packet of an error. */
    public long inner;
    /** Offset of the transport header holding {@link #portField}. */
    public long l4;

    /** §3.6: the port or Identifier the packet leaves with (t going 6→4, x going 4→6). */
    public int outPort;
}
