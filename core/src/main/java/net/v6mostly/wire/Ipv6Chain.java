package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * Walks the IPv6 extension-header chain (RFC 8200 §4) from the fixed header to the upper-layer
 * header, recording what RFC 7915 §5.1 needs: the upper-layer protocol and offset, the Fragment
 * header if any, and a Routing header with Segments Left not zero. Reusable and allocation-free.
 */
public final class Ipv6Chain {
    /** Result of {@link #walk}. */
    public enum Check {
        /** The chain ends in an upper-layer protocol (or No Next Header) within the packet. */
        OK,
        /** An extension header runs past the end of the packet. */
        TRUNCATED,
        /** An extension header follows the Fragment header (RFC 7915 §5.1.1). */
        EXTENSION_AFTER_FRAGMENT,
        /** A second Fragment header. */
        DUPLICATE_FRAGMENT
    }

    private int protocol;
    private long upperOffset;
    private long fragmentOffset;
    private long segmentsLeftOffset;
    private int headersLength;

    /**
     * Walks the chain of the packet whose fixed header is at {@code ipOff}, with {@code end} the
     * offset just past the packet. Hop-by-Hop, Routing and Destination Options headers are skipped
     * (RFC 7915 §5.1); AH and other extension headers end the walk as the protocol when found before
     * a Fragment header, so they are passed on opaque.
     */
    public Check walk(MemorySegment s, long ipOff, long end) {
        int next = Bytes.u8(s, ipOff + Ipv6Header.NEXT_HEADER);
        long off = ipOff + Ipv6Header.LENGTH;
        fragmentOffset = -1;
        segmentsLeftOffset = -1;
        while (true) {
            switch (next) {
                case IpProtocol.HOP_BY_HOP, IpProtocol.DESTINATION_OPTIONS, IpProtocol.ROUTING -> {
                    if (fragmentOffset >= 0) {
                        return done(Check.EXTENSION_AFTER_FRAGMENT, next, off, ipOff);
                    }
                    if (off + 8 > end) {
                        return done(Check.TRUNCATED, next, off, ipOff);
                    }
                    int length = (Bytes.u8(s, off + 1) + 1) * 8;
                    if (off + length > end) {
                        return done(Check.TRUNCATED, next, off, ipOff);
                    }
                    if (next == IpProtocol.ROUTING && segmentsLeftOffset < 0 && Bytes.u8(s, off + 3) != 0) {
                        segmentsLeftOffset = off + 3;
                    }
                    next = Bytes.u8(s, off);
                    off += length;
                }
                case IpProtocol.FRAGMENT -> {
                    if (fragmentOffset >= 0) {
                        return done(Check.DUPLICATE_FRAGMENT, next, off, ipOff);
                    }
                    if (off + Ipv6Fragment.LENGTH > end) {
                        return done(Check.TRUNCATED, next, off, ipOff);
                    }
                    fragmentOffset = off;
                    next = Bytes.u8(s, off);
                    off += Ipv6Fragment.LENGTH;
                    if (next == IpProtocol.FRAGMENT) { // RFC 8200 §4.1: at most once; named apart from §5.1.1
                        return done(Check.DUPLICATE_FRAGMENT, next, off, ipOff);
                    }
                    if (IpProtocol.isIpv6Extension(next)) {
                        return done(Check.EXTENSION_AFTER_FRAGMENT, next, off, ipOff);
                    }
                }
                default -> {
                    return done(Check.OK, next, off, ipOff);
                }
            }
        }
    }

    private Check done(Check result, int next, long off, long ipOff) {
        protocol = next;
        upperOffset = off;
        headersLength = (int) (off - ipOff - Ipv6Header.LENGTH);
        return result;
    }

    /** The upper-layer protocol (Next Header of the last extension header). */
    public int protocol() { return protocol; }
    /** Offset of the upper-layer header. */
    public long upperOffset() { return upperOffset; }
    /** Offset of the Fragment header, or -1. */
    public long fragmentOffset() { return fragmentOffset; }
    /** Offset of the Segments Left byte of a Routing header whose Segments Left is not zero, or -1. */
    public long segmentsLeftOffset() { return segmentsLeftOffset; }
    /** Bytes of extension headers between the fixed header and the upper-layer header. */
    public int headersLength() { return headersLength; }
}
