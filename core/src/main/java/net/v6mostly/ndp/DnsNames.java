package net.v6mostly.ndp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Domain names as uncompressed DNS wire labels (RFC 1035 §3.1), as RFC 8106 §5.2 requires in DNSSL. */
final class DnsNames {
    private DnsNames() {
    }

    /** {@code example.com} (trailing dot optional) as {@code 07 example 03 com 00}. */
    static byte[] encode(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty()) {
            throw new IllegalArgumentException("empty domain name in DNSSL");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : n.split("\\.", -1)) {
            byte[] b = label.getBytes(StandardCharsets.US_ASCII);
            if (b.length == 0 || b.length > 63 || !StandardCharsets.US_ASCII.newEncoder().canEncode(label)) {
                throw new IllegalArgumentException("domain name '" + name
                        + "': every label must be 1..63 ASCII characters (RFC 1035 §2.3.4)");
            }
            out.write(b.length);
            out.writeBytes(b);
        }
        out.write(0);
        if (out.size() > 255) {
            throw new IllegalArgumentException("domain name '" + name + "' is longer than 255 octets (RFC 1035 §2.3.4)");
        }
        return out.toByteArray();
    }

    /**
     * Decodes the names in {@code body[off..end)}; zero octets after the last name are padding.
     *
     * @throws IllegalArgumentException on a compression pointer or a label running past the end
     */
    static List<String> decode(byte[] body, int off, int end) {
        List<String> names = new ArrayList<>();
        int i = off;
        while (i < end && body[i] != 0) {
            StringBuilder name = new StringBuilder();
            while (true) {
                if (i >= end) {
                    throw new IllegalArgumentException("DNSSL name runs past the option");
                }
                int len = body[i++] & 0xFF;
                if (len == 0) {
                    break;
                }
                if (len > 63 || i + len > end) {
                    throw new IllegalArgumentException("DNSSL label of length " + len + " is compressed or too long");
                }
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(new String(body, i, len, StandardCharsets.US_ASCII));
                i += len;
            }
            names.add(name.toString());
        }
        return names;
    }
}
