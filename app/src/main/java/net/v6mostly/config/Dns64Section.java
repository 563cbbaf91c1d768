package net.v6mostly.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.dns64.AbuseLimits;
import net.v6mostly.dns64.AddressSet;
import net.v6mostly.dns64.Dns64Settings;

/**
 * Reads the {@code [dns64]} table into {@link Dns64Settings}: the DNS64 proxy (RFC 6147) and
 * ipv4only.arpa (RFC 8880). Its prefixes default to {@code [siit] pool6}, and a prefix that
 * disagrees with {@code pool6} is refused (DESIGN.md §5: one PREF64 feeds RA, DNS64,
 * ipv4only.arpa and NAT64). Keys and defaults are documented in {@code docs/configuration.md}.
 */
public final class Dns64Section {
    /** The table name. */
    public static final String NAME = "dns64";

    /** Every key the table accepts, in documentation order. */
    public static final List<String> KEYS = List.of("listen", "upstreams", "prefixes", "exclude",
            "synthesize-on-servfail", "synthesize-on-timeout", "allow-clients", "no-synthesis-clients",
            "cache-entries", "cache-bytes", "upstream-timeout-ms", "tcp-idle-timeout-ms", "max-tcp-connections",
            "max-in-flight", "max-tcp-connections-per-client", "max-in-flight-per-client", "ratelimit-per-client",
            "tcp-connection-lifetime-ms", "max-upstream-queries");

    private Dns64Section() {
    }

    /**
     * Reads the file's {@code [dns64]} table, which must exist, checking it against the shared
     * prefixes ({@code [pref64]} or {@code [siit] pool6}, {@link SharedPref64}).
     */
    public static Dns64Settings read(ConfigFile file) throws ConfigException {
        ConfigSection s = file.require(NAME, "the DNS64 proxy needs at least its upstreams");
        return readShared(s, SharedPref64.read(file));
    }

    /** Reads {@code s}; {@code pool6} is the translator's prefix when the file has one. */
    public static Dns64Settings read(ConfigSection s, Optional<Rfc6052Prefix> pool6) throws ConfigException {
        return readShared(s, pool6.map(p -> new SharedPref64(List.of(p), "[siit] pool6", 0)));
    }

    /** Reads {@code s}; its prefixes default to {@code shared} and must each be one of them. */
    public static Dns64Settings readShared(ConfigSection s, Optional<SharedPref64> shared) throws ConfigException {
        s.checkKeys(KEYS);
        Dns64Settings defaults = Dns64Settings.builder().upstreams(List.of(new InetSocketAddress(0))).build();
        List<Rfc6052Prefix> prefixes = s.list("prefixes", null, Rfc6052Prefix::parse);
        if (prefixes == null) {
            prefixes = shared.map(SharedPref64::prefixes).orElse(defaults.prefixes());
        } else if (shared.isPresent()) {
            for (Rfc6052Prefix p : prefixes) {
                if (!shared.get().contains(p)) {
                    throw s.error("prefixes", p + " differs from " + shared.get()
                            + ": one PREF64 must feed DNS64 and the translator, or synthesized addresses"
                            + " lead nowhere; remove prefixes to use " + shared.get().source());
                }
            }
        }
        if (!s.has("upstreams")) {
            throw s.error(null, "upstreams is required: the resolvers to ask, e.g. upstreams = [\"192.0.2.53\"]");
        }
        Dns64Settings.Builder b = Dns64Settings.builder()
                .listen(s.list("listen", defaults.listen(), a -> socketAddress(a, 53)))
                .upstreams(s.list("upstreams", null, a -> socketAddress(a, 53)))
                .prefixes(prefixes)
                .exclude(s.list("exclude", List.of(), Ipv6Prefix::parse))
                .synthesizeOnServfail(s.bool("synthesize-on-servfail", defaults.synthesizeOnServfail()))
                .synthesizeOnTimeout(s.bool("synthesize-on-timeout", defaults.synthesizeOnTimeout()))
                .allowClients(AddressSet.LOOPBACK.plus(clients(s, "allow-clients")))
                .noSynthesisClients(clients(s, "no-synthesis-clients"))
                .cache(s.integer("cache-entries", defaults.cacheEntries(), 0, 10_000_000, "0 disables the cache"),
                        s.integer("cache-bytes", (int) defaults.cacheBytes(), 0, Integer.MAX_VALUE, null))
                .upstreamTimeout(Duration.ofMillis(s.integer("upstream-timeout-ms",
                        (int) defaults.upstreamTimeout().toMillis(), 10, 60_000, null)))
                .tcpIdleTimeout(Duration.ofMillis(s.integer("tcp-idle-timeout-ms",
                        (int) defaults.tcpIdleTimeout().toMillis(), 100, 600_000, "RFC 7766 §6.2.3")))
                .limits(s.integer("max-tcp-connections", defaults.maxTcpConnections(), 1, 100_000, null),
                        s.integer("max-in-flight", defaults.maxInFlight(), 1, 1_000_000, null))
                .abuse(abuse(s, defaults.abuse()));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw s.error(null, e.getMessage());
        }
    }

    /** The per-client shares, rate limit, connection lifetime and upstream budget (docs/dns64.md "Limits"). */
    private static AbuseLimits abuse(ConfigSection s, AbuseLimits d) throws ConfigException {
        return new AbuseLimits(
                s.integer("max-tcp-connections-per-client", d.tcpConnectionsPerClient(), 1, 100_000,
                        "RFC 7766 §6.2.2; at most max-tcp-connections"),
                s.integer("max-in-flight-per-client", d.inFlightPerClient(), 1, 1_000_000, "at most max-in-flight"),
                s.integer("ratelimit-per-client", d.ratelimitPerClient(), 0, 1_000_000,
                        "queries per second per client address, 0 = no limit"),
                Duration.ofMillis(s.integer("tcp-connection-lifetime-ms", (int) d.tcpConnectionLifetime().toMillis(),
                        1000, 86_400_000, "RFC 7766 §6.2.3")),
                s.integer("max-upstream-queries", d.maxUpstreamQueries(), 1, 1000,
                        "upstream messages one query may cause"));
    }

    /** A list of IPv4/IPv6 prefixes; each element is checked on its own so errors are located. */
    private static AddressSet clients(ConfigSection s, String key) throws ConfigException {
        AddressSet out = AddressSet.EMPTY;
        for (AddressSet one : s.list(key, List.<AddressSet>of(), x -> AddressSet.parse(List.of(x)))) {
            out = out.plus(one);
        }
        return out;
    }

    /**
     * {@code 192.0.2.53}, {@code 192.0.2.53:5353}, {@code 2001:db8::53}, {@code [2001:db8::53]:5353}:
     * an IP literal (never a host name, which would need DNS to start DNS) and an optional port.
     */
    static InetSocketAddress socketAddress(String text, int defaultPort) {
        String host = text;
        int port = defaultPort;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in '" + text + "'");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected ':port' after ']' in '" + text + "'");
                }
                port = port(rest.substring(1), text);
            }
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') >= 0) {
            host = text.substring(0, text.indexOf(':'));
            port = port(text.substring(text.indexOf(':') + 1), text);
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address (names are not allowed here): '" + text
                    + "'; write 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:5353");
        }
        return new InetSocketAddress(address, port);
    }

    private static int port(String text, String whole) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("port must be 0..65535 in '" + whole + "'");
    }
}
