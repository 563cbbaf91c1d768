package net.v6mostly.dhcp4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options of one DHCP message (RFC 2132): code to value, in wire order, immutable. A code that
 * appears several times has been joined into one value (RFC 3396 §7); emitting splits values over
 * 255 bytes again. Typed getters decode the options this server needs.
 */
public final class DhcpOptions {
    /** No options. */
    public static final DhcpOptions EMPTY = new DhcpOptions(new LinkedHashMap<>());

    private final Map<Integer, byte[]> values;

    private DhcpOptions(LinkedHashMap<Integer, byte[]> values) {
        this.values = values;
    }

    /** A builder that keeps insertion order. */
    public static Builder builder() {
        return new Builder();
    }

    /** The codes present, in wire order. */
    public Set<Integer> codes() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Whether {@code code} is present. */
    public boolean has(int code) {
        return values.containsKey(code);
    }

    /** A copy of the value of {@code code}, or null. */
    public byte[] get(int code) {
        byte[] v = values.get(code);
        return v == null ? null : v.clone();
    }

    /** The first byte of {@code code}, or {@code def}. */
    public int u8(int code, int def) {
        byte[] v = values.get(code);
        return v == null || v.length < 1 ? def : v[0] & 0xFF;
    }

    /** A 16-bit value, or {@code def}. */
    public int u16(int code, int def) {
        byte[] v = values.get(code);
        return v == null || v.length < 2 ? def : (v[0] & 0xFF) << 8 | v[1] & 0xFF;
    }

    /** A 32-bit value (an address, or seconds as an unsigned number in the low 32 bits), or {@code def}. */
    public long u32(int code, long def) {
        byte[] v = values.get(code);
        return v == null || v.length < 4 ? def : Integer.toUnsignedLong(be32(v, 0));
    }

    /** An IPv4 address option, or 0 when absent. */
    public int address(int code) {
        return (int) u32(code, 0);
    }

    /** A list of IPv4 addresses (options 3, 6), empty when absent. */
    public int[] addresses(int code) {
        byte[] v = values.get(code);
        if (v == null) {
            return new int[0];
        }
        int[] out = new int[v.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = be32(v, 4 * i);
        }
        return out;
    }

    /** A text option (e.g. 15), or null. */
    public String string(int code) {
        byte[] v = values.get(code);
        return v == null ? null : new String(v, StandardCharsets.US_ASCII);
    }

    /** Option 53, or null when absent or undefined. */
    public MessageType messageType() {
        return MessageType.of(u8(DhcpOption.MESSAGE_TYPE, 0));
    }

    /** Whether the Parameter Request List (55) names {@code code} (RFC 2132 §9.8). */
    public boolean requests(int code) {
        byte[] prl = values.get(DhcpOption.PARAMETER_REQUEST_LIST);
        if (prl != null) {
            for (byte b : prl) {
                if ((b & 0xFF) == code) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many bytes the options take on the wire, without cookie and End. */
    public int encodedLength() {
        int n = 0;
        for (byte[] v : values.values()) {
            n += Math.max(1, (v.length + 254) / 255) * 2 + v.length;
        }
        return n;
    }

    /** Writes the options (no End) at {@code at}; returns the offset after them. */
    int encode(byte[] out, int at) {
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            byte[] v = e.getValue();
            int done = 0;
            do {
                int chunk = Math.min(255, v.length - done);
                out[at++] = (byte) (int) e.getKey();
                out[at++] = (byte) chunk;
                System.arraycopy(v, done, out, at, chunk);
                at += chunk;
                done += chunk;
            } while (done < v.length);
        }
        return at;
    }

    static int be32(byte[] v, int at) {
        return (v[at] & 0xFF) << 24 | (v[at + 1] & 0xFF) << 16 | (v[at + 2] & 0xFF) << 8 | v[at + 3] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DhcpOptions other) || !values.keySet().equals(other.values.keySet())) {
            return false;
        }
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            h += e.getKey() * 31 + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            sb.append(sb.length() > 1 ? ", " : "").append(e.getKey()).append('=').append(HexFormatHolder.HEX.formatHex(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static final class HexFormatHolder {
        static final java.util.HexFormat HEX = java.util.HexFormat.of();
    }

    /** Builds options in wire order; a code added twice has its values joined (RFC 3396). */
    public static final class Builder {
        private final LinkedHashMap<Integer, byte[]> values = new LinkedHashMap<>();

        /** Adds raw bytes; appends to an existing value of the same code. */
        public Builder put(int code, byte[] value) {
            if (code <= 0 || code >= 255) {
                throw new IllegalArgumentException("option code must be 1..254, not " + code);
            }
            values.merge(code, value.clone(), (a, b) -> {
                byte[] joined = Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, joined, a.length, b.length);
                return joined;
            });
            return this;
        }

        public Builder u8(int code, int v) {
            return put(code, new byte[] {(byte) v});
        }

        public Builder u16(int code, int v) {
            return put(code, new byte[] {(byte) (v >>> 8), (byte) v});
        }

        /** A 32-bit value: an address or an unsigned number of seconds. */
        public Builder u32(int code, long v) {
            return put(code, new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        }

        /** A list of addresses; nothing when empty. */
        public Builder addresses(int code, int[] list) {
            if (list.length == 0) {
                return this;
            }
            byte[] v = new byte[4 * list.length];
            for (int i = 0; i < list.length; i++) {
                v[4 * i] = (byte) (list[i] >>> 24);
                v[4 * i + 1] = (byte) (list[i] >>> 16);
                v[4 * i + 2] = (byte) (list[i] >>> 8);
                v[4 * i + 3] = (byte) list[i];
            }
            return put(code, v);
        }

        public Builder string(int code, String text) {
            return put(code, text.getBytes(StandardCharsets.US_ASCII));
        }

        /** Whether {@code code} has been added. */
        public boolean has(int code) {
            return values.containsKey(code);
        }

        public DhcpOptions build() {
            return new DhcpOptions(new LinkedHashMap<>(values));
        }
    }
}
