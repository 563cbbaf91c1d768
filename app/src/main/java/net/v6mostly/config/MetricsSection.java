package net.v6mostly.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;

/**
 * Reads the {@code [metrics]} table: {@code listen = "127.0.0.1:9464"} (the default, loopback
 * only), {@code "[::1]:9464"}, or {@code "off"}. Only IP literals are accepted, so reading the
 * configuration never waits for DNS. Documented in {@code docs/configuration.md}.
 */
public final class MetricsSection {
    /** The table name. */
    public static final String NAME = "metrics";

    /** Every key the table accepts. */
    public static final List<String> KEYS = List.of("listen");

    /** The default: loopback, port 9464. */
    public static final MetricsSettings DEFAULTS =
            new MetricsSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), MetricsSettings.DEFAULT_PORT));

    private MetricsSection() {
    }

    /** Reads the file's {@code [metrics]} table; the defaults when it is absent. */
    public static MetricsSettings read(ConfigFile file) throws ConfigException {
        return read(file, MetricsSettings.DEFAULT_PORT);
    }

    /** Reads the file's {@code [metrics]} table; loopback at {@code defaultPort} when it or its key is absent. */
    public static MetricsSettings read(ConfigFile file, int defaultPort) throws ConfigException {
        MetricsSettings fallback = defaultPort == MetricsSettings.DEFAULT_PORT ? DEFAULTS
                : new MetricsSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), defaultPort));
        var s = file.section(NAME);
        if (s.isEmpty()) {
            return fallback;
        }
        s.get().checkKeys(KEYS);
        return s.get().parsed("listen", fallback, MetricsSection::listen);
    }

    /** Parses {@code "off"}, {@code "a.b.c.d:port"} or {@code "[v6]:port"}. */
    static MetricsSettings listen(String text) {
        if (text.equals("off")) {
            return new MetricsSettings(null);
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected \"address:port\" (e.g. \"127.0.0.1:9464\", \"[::1]:9464\")"
                    + " or \"off\", not \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number: \"" + text.substring(colon + 1) + "\" in \"" + text
                    + "\"");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, not " + port);
        }
        byte[] raw;
        if (host.startsWith("[") && host.endsWith("]")) {
            Ipv6Address a = Ipv6Address.parse(host.substring(1, host.length() - 1));
            raw = new byte[16];
            for (int i = 0; i < 8; i++) {
                raw[i] = (byte) (a.hi() >>> (56 - 8 * i));
                raw[8 + i] = (byte) (a.lo() >>> (56 - 8 * i));
            }
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("write an IPv6 address in brackets: \"[" + host + "]:" + port + "\"");
        } else {
            int a = Ipv4.parse(host);
            raw = new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        }
        try {
            return new MetricsSettings(new InetSocketAddress(InetAddress.getByAddress(raw), port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // cannot happen: 4 or 16 bytes
        }
    }
}
