package net.v6mostly.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.HexFormat;

import org.junit.jupiter.api.Assumptions;

/** Hand-written netlink byte vectors: hex with spaces, and the little-endian assumption they rest on. */
final class NetlinkBytes {
    private NetlinkBytes() {
    }

    /** Bytes of {@code hex}, ignoring whitespace and '|' separators. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    }

    /** A heap segment holding {@code hex}. */
    static MemorySegment segment(String hex) {
        return MemorySegment.ofArray(hex(hex));
    }

    /** Lower-case hex of the first {@code length} bytes of {@code s}. */
    static String hexOf(MemorySegment s, int length) {
        return HexFormat.of().formatHex(s.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE));
    }

    /** The vectors write struct fields little-endian, as on x86-64 and arm64 Linux. */
    static void assumeLittleEndian() {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN,
                "byte vectors are written for a little-endian host");
    }
}
