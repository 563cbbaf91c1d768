package net.v6mostly.config;

/**
 * The one check every interface name from the configuration passes before it reaches rtnetlink,
 * a TUN ioctl, {@code SO_BINDTODEVICE} or an nftables script ({@code [clat] interface} and
 * {@code tun}, {@code [siit.tun]} and {@code [nat64.tun]} {@code name}, {@code [[ra.interface]] name},
 * {@code [dhcp4] interfaces} and {@code [[dhcp4.subnet]] interface}, {@code clat --interface}).
 *
 * <p>Linux ({@code dev_valid_name} in net/core/dev.c) takes 1 to {@code IFNAMSIZ - 1} = 15 bytes,
 * not "." or "..", without '/', ':' or white space. This check is narrower: ASCII letters, digits
 * and {@code - _ . + @} only, so that a name quoted into an nftables script ({@code oifname "clat0"})
 * can neither end the string, escape, nor become a wildcard ({@code *}), and every error message
 * shows the name as it is.
 */
public final class InterfaceNames {
    /** Linux IFNAMSIZ (16) less its terminating NUL. */
    public static final int MAX_BYTES = 15;

    private InterfaceNames() {
    }

    /**
     * Returns {@code name} when it is a usable interface name.
     *
     * @throws IllegalArgumentException saying which rule it breaks
     */
    public static String check(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an interface name cannot be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not an interface name (Linux refuses . and ..)");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!allowed(c)) {
                throw new IllegalArgumentException("interface name " + shown(name) + " has " + describe(c)
                        + " at position " + (i + 1) + "; allowed: ASCII letters, digits and - _ . + @");
            }
        }
        if (name.length() > MAX_BYTES) {
            throw new IllegalArgumentException("interface name '" + name + "' is " + name.length()
                    + " bytes; Linux allows at most " + MAX_BYTES + " (IFNAMSIZ 16 with the NUL)");
        }
        return name;
    }

    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '+' || c == '@';
    }

    private static String describe(char c) {
        if (c == '/' || c == ':') {
            return "'" + c + "', which Linux refuses";
        }
        if (Character.isWhitespace(c) || c < ' ' || c == 127) {
            return "white space or a control character (U+" + String.format("%04X", (int) c) + ")";
        }
        if (c > 127) {
            return "a non-ASCII character (U+" + String.format("%04X", (int) c) + ")";
        }
        return "'" + c + "', which could break an nftables rule";
    }

    /** The name for an error message: quoted, control and non-ASCII characters escaped, cut at 40. */
    private static String shown(String name) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < name.length() && i < 40; i++) {
            char c = name.charAt(i);
            b.append(c >= ' ' && c < 127 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.append(name.length() > 40 ? "…'" : "'").toString();
    }
}
