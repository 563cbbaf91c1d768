package net.v6mostly.ndp;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex helpers for byte-vector tests: spaces in the expected text are ignored. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", "").replace("\n", ""));
    }

    static String of(NdpOption option) {
        ByteBuffer out = ByteBuffer.allocate(8 * option.units());
        option.emit(out);
        if (out.hasRemaining()) {
            throw new AssertionError("option wrote " + out.position() + " octets, Length says " + out.capacity());
        }
        return HexFormat.of().formatHex(out.array());
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static String compact(String hex) {
        return hex.replace(" ", "").replace("\n", "");
    }
}
