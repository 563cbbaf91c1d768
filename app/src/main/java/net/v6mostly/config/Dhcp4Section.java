package net.v6mostly.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.dhcp4.ClasslessRoute;
import net.v6mostly.dhcp4.Dhcp4Config;
import net.v6mostly.dhcp4.Pool;
import net.v6mostly.dhcp4.Reservation;
import net.v6mostly.dhcp4.Subnet;

/**
 * Reads the {@code [dhcp4]} table into the engine's {@link Dhcp4Config}, the interfaces to serve
 * (each subnet's own, plus {@code interfaces}, where relayed traffic arrives) and the lease
 * directory. Every key is documented in {@code docs/dhcp4.md}. A V6ONLY_WAIT below
 * MIN_V6ONLY_WAIT (300 s, RFC 8925 §3.4) is accepted with a warning: clients wait 300 s anyway.
 */
public final class Dhcp4Section {
    public static final String NAME = "dhcp4";
    public static final List<String> KEYS = List.of("interfaces", "lease-directory", "lease-fsync", "log-messages",
            "offer-hold", "decline-quarantine", "decline-limit-per-client", "decline-limit-percent", "subnet");
    /** Where {@code v6mostly dhcp4} serves its metrics unless {@code [metrics] listen} says otherwise. */
    public static final int DEFAULT_METRICS_PORT = 9467;
    public static final String DEFAULT_METRICS = "127.0.0.1:" + DEFAULT_METRICS_PORT;
    public static final List<String> SUBNET_KEYS = List.of("name", "prefix", "interface", "server-id", "lease-time",
            "routers", "dns", "domain", "mtu", "routes", "ipv6-only-preferred", "v6only-wait", "pools", "reservations");
    static final int MIN_V6ONLY_WAIT = 300;
    static final int DEFAULT_V6ONLY_WAIT = 1800;
    private static final String POOL_EXAMPLE = "{ range = \"192.0.2.100-192.0.2.150\" }";
    private static final String RESERVATION_EXAMPLE = "{ hw-address = \"02:00:00:00:00:05\", address = \"192.0.2.5\" }";
    private static final String ROUTE_EXAMPLE = "{ destination = \"198.51.100.0/24\", router = \"192.0.2.1\" }";
    private static final String SUBNET_EXAMPLE = "[[dhcp4.subnet]] with prefix, interface, server-id and pools";

    /**
     * The table, read: the engine configuration, the interfaces to open, where leases live, warnings,
     * and whether each batch of lease changes is forced to disk before the replies go out
     * ({@code lease-fsync}, default true), and whether every datagram is logged ({@code log-messages},
     * default true).
     */
    public record Settings(Dhcp4Config config, List<String> interfaces, Path leaseDirectory, List<String> warnings, boolean leaseFsync, boolean logMessages) {
    }

    private Dhcp4Section() {
    }

    /** Reads the file's {@code [dhcp4]} table, which must exist. */
    public static Settings read(ConfigFile file) throws ConfigException {
        return read(file.require(NAME, "the DHCPv4 server needs at least one [[dhcp4.subnet]]"));
    }

    public static Settings read(ConfigSection s) throws ConfigException {
        if (s.has("metrics")) {
            throw s.error("metrics", "the metrics endpoint moved to the [metrics] table (listen = \"127.0.0.1:"
                    + DEFAULT_METRICS_PORT + "\" is dhcp4's default), which every daemon reads");
        }
        s.checkKeys(KEYS);
        List<String> warnings = new ArrayList<>();
        List<Subnet> subnets = new ArrayList<>();
        Set<String> interfaces = new LinkedHashSet<>();
        for (String name : s.interfaceNames("interfaces")) {
            if (name.isBlank()) {
                throw s.error("interfaces", "an interface name is empty");
            }
            interfaces.add(name);
        }
        for (ConfigSection sub : s.tables("subnet", SUBNET_EXAMPLE)) {
            Subnet subnet = subnet(sub, subnets.size() + 1, warnings);
            for (Subnet other : subnets) {
                if (other.prefix().overlaps(subnet.prefix())) {
                    throw sub.error("prefix", subnet.prefix() + " overlaps " + other.prefix() + " of subnet " + other.name());
                }
            }
            subnets.add(subnet);
            if (subnet.interfaceName() != null) {
                interfaces.add(subnet.interfaceName());
            }
        }
        if (subnets.isEmpty()) {
            throw s.error(null, "no subnet: add at least one " + SUBNET_EXAMPLE);
        }
        if (interfaces.isEmpty()) {
            throw s.error("interfaces", "no interface to listen on: give a subnet its interface, or list the"
                    + " interfaces that face the relays in interfaces = [\"eth0\"]");
        }
        try {
            Dhcp4Config config = new Dhcp4Config(subnets, s.integer("offer-hold", 60, 1, 3600, "seconds"),
                    s.integer("decline-quarantine", 86400, 0, Integer.MAX_VALUE, "seconds, RFC 2131 §4.3.3"),
                    s.integer("decline-limit-per-client", Dhcp4Config.DEFAULT_DECLINE_LIMIT_PER_CLIENT, 1, 65535,
                            "addresses one client may have in quarantine"),
                    s.integer("decline-limit-percent", Dhcp4Config.DEFAULT_DECLINE_LIMIT_PERCENT, 1, 100,
                            "percent of a subnet's pool addresses that may be in quarantine"));
            Path dir = Path.of(s.string("lease-directory", "/var/lib/v6mostly/dhcp4"));
            boolean fsync = s.bool("lease-fsync", true);
            boolean logMessages = s.bool("log-messages", true);
            return new Settings(config, List.copyOf(interfaces), dir, List.copyOf(warnings), fsync, logMessages);
        } catch (IllegalArgumentException e) {
            throw s.error(null, e.getMessage());
        }
    }

    /**
     * The error of each {@code [[dhcp4.subnet]]} entry checked on its own, for check-config, which
     * lists them all ({@link #read} stops at the first).
     */
    public static List<ConfigException> subnetErrors(ConfigSection s) {
        List<ConfigException> out = new ArrayList<>();
        try {
            List<ConfigSection> tables = s.tables("subnet", SUBNET_EXAMPLE);
            for (int i = 0; i < tables.size(); i++) {
                try {
                    subnet(tables.get(i), i + 1, new ArrayList<>());
                } catch (ConfigException e) {
                    out.add(e);
                }
            }
        } catch (ConfigException e) {
            out.add(e);
        }
        return out;
    }

    private static Subnet subnet(ConfigSection s, int index, List<String> warnings) throws ConfigException {
        s.checkKeys(SUBNET_KEYS);
        Ipv4Prefix prefix = s.parsed("prefix", null, Ipv4Prefix::parse);
        if (prefix == null) {
            throw s.error(null, "a subnet needs a prefix, e.g. prefix = \"192.0.2.0/24\"");
        }
        Integer serverId = s.parsed("server-id", null, Ipv4::parse);
        if (serverId == null) {
            throw s.error(null, "a subnet needs server-id: this server's address on it (option 54, RFC 2132 §9.7)");
        }
        long wait = v6OnlyWait(s, Subnet.V6ONLY_OFF, warnings);
        List<Pool> pools = new ArrayList<>();
        for (ConfigSection p : s.tables("pools", POOL_EXAMPLE)) {
            pools.add(pool(p, warnings));
        }
        List<Reservation> reservations = new ArrayList<>();
        for (ConfigSection r : s.tables("reservations", RESERVATION_EXAMPLE)) {
            reservations.add(reservation(r));
        }
        try {
            return new Subnet(s.string("name", prefix.toString()), prefix, s.interfaceName("interface", null), serverId, pools,
                    reservations, s.integer("lease-time", 3600, 1, Integer.MAX_VALUE, "seconds, RFC 2132 §9.2"),
                    addresses(s, "routers"), addresses(s, "dns"), s.string("domain", null),
                    s.integer("mtu", 0, 68, 65535, "RFC 2132 §5.1"), routes(s), wait);
        } catch (IllegalArgumentException e) {
            throw s.error(null, e.getMessage());
        }
    }

    /**
     * {@code ipv6-only-preferred} and {@code v6only-wait}: absent both, {@code inherit}; the flag
     * alone gives the default 1800 s; a wait alone enables the option.
     */
    private static long v6OnlyWait(ConfigSection s, long inherit, List<String> warnings) throws ConfigException {
        if (!s.has("ipv6-only-preferred") && !s.has("v6only-wait")) {
            return inherit;
        }
        if (!s.bool("ipv6-only-preferred", true)) {
            return Subnet.V6ONLY_OFF;
        }
        int wait = s.integer("v6only-wait", DEFAULT_V6ONLY_WAIT, 0, Integer.MAX_VALUE, "seconds, RFC 8925 §3.1");
        if (wait < MIN_V6ONLY_WAIT) {
            warnings.add(s.error("v6only-wait", wait + " s is below MIN_V6ONLY_WAIT; clients will wait 300 s anyway"
                    + " (RFC 8925 §3.2)").getMessage());
        }
        return wait;
    }

    private static Pool pool(ConfigSection p, List<String> warnings) throws ConfigException {
        p.checkKeys(List.of("range", "ipv6-only-preferred", "v6only-wait"));
        String range = p.string("range", null);
        int dash = range == null ? -1 : range.indexOf('-');
        if (dash < 0) {
            throw p.error("range", "expected \"first-last\", e.g. " + POOL_EXAMPLE);
        }
        try {
            return new Pool(Ipv4.parse(range.substring(0, dash).strip()), Ipv4.parse(range.substring(dash + 1).strip()),
                    v6OnlyWait(p, Pool.INHERIT, warnings));
        } catch (IllegalArgumentException e) {
            throw p.error("range", e.getMessage());
        }
    }

    private static Reservation reservation(ConfigSection r) throws ConfigException {
        r.checkKeys(List.of("hw-address", "client-id", "address", "ipv6-only-preferred"));
        byte[] hw = r.parsed("hw-address", null, Dhcp4Section::hex);
        byte[] id = r.parsed("client-id", null, Dhcp4Section::hex);
        Integer address = r.parsed("address", 0, Ipv4::parse);
        try {
            return new Reservation(hw, id, address, r.bool("ipv6-only-preferred", true));
        } catch (IllegalArgumentException e) {
            throw r.error(null, e.getMessage() + ", e.g. " + RESERVATION_EXAMPLE);
        }
    }

    private static List<ClasslessRoute> routes(ConfigSection s) throws ConfigException {
        List<ClasslessRoute> out = new ArrayList<>();
        for (ConfigSection r : s.tables("routes", ROUTE_EXAMPLE)) {
            r.checkKeys(List.of("destination", "router"));
            Ipv4Prefix dest = r.parsed("destination", null, Ipv4Prefix::parse);
            Integer router = r.parsed("router", null, Ipv4::parse);
            if (dest == null || router == null) {
                throw r.error(null, "a route needs destination and router, e.g. " + ROUTE_EXAMPLE);
            }
            out.add(new ClasslessRoute(dest, router));
        }
        return out;
    }

    private static int[] addresses(ConfigSection s, String key) throws ConfigException {
        List<String> texts = s.strings(key);
        int[] out = new int[texts.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Ipv4.parse(texts.get(i).strip());
            } catch (IllegalArgumentException e) {
                throw s.error(key, e.getMessage());
            }
        }
        return out;
    }

    /** "02:00:00:00:00:05" or "020000000005" as bytes. */
    static byte[] hex(String text) {
        String digits = text.replace(":", "").replace("-", "");
        if (digits.isEmpty() || digits.length() % 2 != 0) {
            throw new IllegalArgumentException("not a hexadecimal byte string: '" + text + "'");
        }
        return HexFormat.of().parseHex(digits);
    }
}
