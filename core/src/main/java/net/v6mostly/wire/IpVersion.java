package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * The version field IPv4 (RFC 791 §3.1) and IPv6 (RFC 8200 §3) headers share: the high nibble of
 * the first octet, read to tell which view applies before either is wrapped.
 */
public final class IpVersion {
    public static final int V4 = 4;
    public static final int V6 = 6;

    private IpVersion() {
    }

    /** The version nibble of the packet at {@code off} (one byte must be there). */
    public static int of(MemorySegment s, long off) {
        return Bytes.u8(s, off) >>> 4;
    }
}
