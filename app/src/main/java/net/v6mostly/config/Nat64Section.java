package net.v6mostly.config;

import java.util.ArrayList;
import java.util.List;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.rfc6146.Nat64Config;
import net.v6mostly.xlat.rfc6146.Pool4;
import net.v6mostly.xlat.rfc6146.Protocol;
import net.v6mostly.xlat.rfc6146.Timeouts;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * The {@code [nat64]} table: the stateful NAT64 (PLAT, RFC 6146) — its prefix, pool4 with port
 * ranges per protocol, static BIB entries, timeouts within the RFC floors, filtering, per-subscriber
 * limits and global caps (RFC 6888 REQ-4, REQ-5), mapping-log options (RFC 6888 REQ-12, RFC 7422 port blocks), the RFC 7915
 * settings of its translation step, and its TUN device ({@code [nat64.tun]}). Every key is
 * documented in {@code docs/nat64.md}. Reusable: the gateway embeds the same table.
 *
 * @param pool6 the NAT64 prefix (RFC 6052)
 * @param engine the state engine's configuration (pool4, timeouts, limits, filtering)
 * @param staticBib static BIB entries (port forwarding to IPv6 servers)
 * @param xlat RFC 7915 settings of the translation step (pool6, own addresses, MTUs)
 * @param icmpErrorsFromSender translated ICMPv4 errors keep the router that sent them as source
 * @param log mapping-log destination: "stdout", "off", or a file path
 * @param logHostname the HOSTNAME field of the RFC 5424 lines
 * @param tun the TUN device and its link configuration
 */
public record Nat64Section(Rfc6052Prefix pool6, Nat64Config engine, List<StaticBib> staticBib, SiitSettings xlat,
        boolean icmpErrorsFromSender, String log, String logHostname, TunSettings tun) {
    /** The table name. */
    public static final String NAME = "nat64";

    /** Every key the table accepts, in the order docs/nat64.md lists them. */
    public static final List<String> KEYS = List.of("pool6", "pool4", "tcp-ports", "udp-ports", "icmp-ids",
            "static-bib", "udp-timeout", "tcp-established-timeout", "tcp-transitory-timeout",
            "tcp-incoming-syn-timeout", "icmp-timeout", "filtering", "drop-externally-initiated-tcp", "max-held-syns",
            "subscriber-prefix-length", "max-ports-per-host", "max-sessions-per-host", "max-bib-entries",
            "max-sessions", "port-block-size", "max-blocks-per-host", "log",
            "log-sessions", "log-hostname", "ipv4-address", "ipv6-address", "mtu4", "mtu6", "lowest-ipv6-mtu",
            "wkp-translate-non-global", "reset-traffic-class", "icmp-errors-from-sender", "icmp-error-rate",
            "deny4", "allow6-sources", TunSection.NAME);

    private static final String STATIC_EXAMPLE =
            "{ proto = \"tcp\", ipv6 = \"2001:db8::80#80\", ipv4 = \"203.0.113.1#8080\" }";

    /**
     * A static BIB entry (RFC 6146 §3.1, manually configured).
     *
     * @param protocol tcp, udp or icmp (the port is then the Echo Identifier)
     * @param ipv6 the IPv6 server X'
     * @param port6 x
     * @param ipv4 the pool4 address T
     * @param port4 t
     */
    public record StaticBib(Protocol protocol, Ipv6Address ipv6, int port6, int ipv4, int port4) {
    }

    /** Filtering behaviour (RFC 6146 §3.5.1, RFC 4787). */
    public enum Filtering {
        /** Any remote may use a BIB entry (RFC 4787 REQ-8's recommendation for applications). */
        ENDPOINT_INDEPENDENT,
        /** Only remote addresses the IPv6 host has sent to (RFC 6146 §3.5.1 option). */
        ADDRESS_DEPENDENT
    }

    /** Reads the file's {@code [nat64]} table, which must exist. */
    public static Nat64Section read(ConfigFile file) throws ConfigException {
        return read(file.require(NAME, "the NAT64 needs at least pool6 and pool4"));
    }

    /** Reads and validates {@code s}; every error names the key. */
    public static Nat64Section read(ConfigSection s) throws ConfigException {
        return read(s, null);
    }

    /**
     * Reads and validates {@code s}, with {@code defaultPool6} (may be null: then required) when it
     * has no {@code pool6}: the gateway's {@code [pref64]} prefix.
     */
    public static Nat64Section read(ConfigSection s, Rfc6052Prefix defaultPool6) throws ConfigException {
        s.checkKeys(KEYS);
        Rfc6052Prefix pool6 = s.parsed("pool6", defaultPool6, Rfc6052Prefix::parse);
        if (pool6 == null) {
            throw s.error("pool6", "required: the NAT64 prefix, e.g. pool6 = \"64:ff9b::/96\"");
        }
        Pool4 pool4 = pool4(s);
        Timeouts timeouts = timeouts(s);
        Nat64Config engine;
        try {
            Nat64Config d = Nat64Config.defaults(pool4);
            engine = new Nat64Config(pool4, timeouts,
                    s.choice("filtering", Filtering.ENDPOINT_INDEPENDENT, Filtering.class) == Filtering.ADDRESS_DEPENDENT,
                    s.integer("max-ports-per-host", d.maxPortsPerHost(), 1, Integer.MAX_VALUE,
                            "RFC 6888 REQ-4, per subscriber"),
                    s.integer("max-sessions-per-host", d.maxSessionsPerHost(), 1, Integer.MAX_VALUE,
                            "RFC 6888 REQ-5, per subscriber"),
                    s.integer("port-block-size", 0, 0, 65536, "RFC 7422: 0 allocates port by port"),
                    s.integer("max-blocks-per-host", 1, 1, 65536, "RFC 7422"),
                    s.bool("drop-externally-initiated-tcp", false),
                    s.integer("max-held-syns", d.maxHeldSyns(), 1, 1_000_000, "RFC 6146 §5.3"),
                    s.bool("log-sessions", false), 0,
                    s.integer("subscriber-prefix-length", d.subscriberPrefixLength(), 1, 128,
                            "RFC 6888 REQ-4: the IPv6 prefix length of one subscriber"),
                    s.integer("max-bib-entries", d.maxBibEntries(), 1, Integer.MAX_VALUE,
                            "RFC 6888 REQ-5: dynamic BIB entries in total"),
                    s.integer("max-sessions", d.maxSessions(), 1, Integer.MAX_VALUE,
                            "RFC 6888 REQ-5: sessions in total"));
        } catch (IllegalArgumentException e) {
            throw s.error(null, e.getMessage());
        }
        TunSettings tun = tun(s);
        SiitSettings xlat = xlat(s, pool6, tun.mtu());
        List<StaticBib> statics = staticBib(s, pool4);
        String log = s.string("log", "stdout");
        String host = s.string("log-hostname", "-");
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw s.error("log-hostname", "RFC 5424 §6.2.4: printable US-ASCII without spaces, or \"-\"");
        }
        return new Nat64Section(pool6, engine, statics, xlat, s.bool("icmp-errors-from-sender", true), log, host,
                tun);
    }

    /**
     * What the cross checks of {@code check-config} need of {@code read}, the reading of {@code s}:
     * its pool6 and its pool4 as written (addresses as /32).
     */
    public static Nat64Plan plan(ConfigSection s, Nat64Section read) throws ConfigException {
        List<Ipv4Prefix> pool4 = new ArrayList<>();
        for (String t : s.strings("pool4")) {
            pool4.add(Ipv4Prefix.parse(t.contains("/") ? t : t + "/32"));
        }
        return new Nat64Plan(s, List.of(read.pool6()), pool4);
    }

    /** pool4: addresses or prefixes; per-protocol port ranges "first-last". */
    private static Pool4 pool4(ConfigSection s) throws ConfigException {
        List<String> texts = s.strings("pool4");
        if (texts.isEmpty()) {
            throw s.error("pool4", "required: the NAT64's IPv4 addresses, e.g. pool4 = [\"203.0.113.1\"] or"
                    + " [\"198.51.100.0/29\"]");
        }
        List<Integer> addresses = new ArrayList<>();
        for (String t : texts) {
            try {
                Ipv4Prefix p = Ipv4Prefix.parse(t.contains("/") ? t : t + "/32");
                if (p.length() < 16) {
                    throw new IllegalArgumentException(t + " is larger than a /16 (256 KiB of owner slots per address"
                            + " and protocol, see docs/nat64.md \"Sizing pool4\")");
                }
                long count = 1L << (32 - p.length());
                for (long i = 0; i < count; i++) {
                    addresses.add(p.address() + (int) i);
                }
            } catch (IllegalArgumentException e) {
                throw s.error("pool4", e.getMessage());
            }
        }
        try {
            return new Pool4(addresses.stream().mapToInt(Integer::intValue).toArray(),
                    s.parsed("tcp-ports", new Pool4.PortRange(1024, 65535), Nat64Section::range),
                    s.parsed("udp-ports", new Pool4.PortRange(1024, 65535), Nat64Section::range),
                    s.parsed("icmp-ids", new Pool4.PortRange(0, 65535), Nat64Section::range));
        } catch (IllegalArgumentException e) {
            throw s.error("pool4", e.getMessage());
        }
    }

    static Pool4.PortRange range(String text) {
        int dash = text.indexOf('-');
        try {
            if (dash < 0) {
                int p = Integer.parseInt(text);
                return new Pool4.PortRange(p, p);
            }
            return new Pool4.PortRange(Integer.parseInt(text.substring(0, dash).strip()),
                    Integer.parseInt(text.substring(dash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a port range like \"1024-65535\", not \"" + text + "\"");
        }
    }

    /** Timeouts in seconds; values below the RFC floors are refused with the rule. */
    private static Timeouts timeouts(ConfigSection s) throws ConfigException {
        Timeouts d = Timeouts.DEFAULTS;
        long udp = seconds(s, "udp-timeout", d.udp());
        long est = seconds(s, "tcp-established-timeout", d.tcpEstablished());
        long trans = seconds(s, "tcp-transitory-timeout", d.tcpTransitory());
        long syn = seconds(s, "tcp-incoming-syn-timeout", d.tcpIncomingSyn());
        long icmp = seconds(s, "icmp-timeout", d.icmp());
        try {
            return new Timeouts(udp, est, trans, syn, icmp);
        } catch (IllegalArgumentException e) {
            String key = e.getMessage().substring(0, e.getMessage().indexOf(' '));
            throw s.error(key + "-timeout", e.getMessage().replace(" ms", " ms (" + key + "-timeout is in seconds)"));
        }
    }

    private static long seconds(ConfigSection s, String key, long defMillis) throws ConfigException {
        return s.longInteger(key, defMillis / 1000, 1, 365L * 24 * 3600, "seconds") * 1000;
    }

    private static TunSettings tun(ConfigSection s) throws ConfigException {
        var table = s.table(TunSection.NAME);
        TunSettings t = table.isPresent() ? TunSection.read(table.get()) : TunSettings.DEFAULTS;
        if (table.isEmpty() || !table.get().has("name")) {
            t = new TunSettings("nat64", t.queues(), t.multiQueue(), t.workers(), t.offload(), t.mtu(), t.addresses(),
                    t.routes(), t.up(), t.busyPollMicros());
        }
        return t;
    }

    private static SiitSettings xlat(ConfigSection s, Rfc6052Prefix pool6, int linkMtu) throws ConfigException {
        SiitSettings d = SiitSettings.builder().pool6(pool6).build();
        SiitSettings.Builder b = SiitSettings.builder();
        AddressLists.read(s, b);
        try {
            return b
                    .pool6(pool6)
                    .eam(EamTable.EMPTY)
                    .ownIpv4(s.parsed("ipv4-address", d.ownIpv4(), Ipv4::parse))
                    .ownIpv6(s.parsed("ipv6-address", d.ownIpv6(), Ipv6Address::parse))
                    .mtu4(s.integer("mtu4", linkMtu > 0 ? linkMtu : d.mtu4(), 68, 65535, "RFC 791"))
                    .mtu6(s.integer("mtu6", linkMtu > 0 ? linkMtu : d.mtu6(), 1280, 65535, "RFC 8200 §5"))
                    .lowestIpv6Mtu(s.integer("lowest-ipv6-mtu", d.lowestIpv6Mtu(), 1280, 65535, "RFC 7915 §4.1"))
                    .wkpNonGlobal(s.bool("wkp-translate-non-global", false))
                    .resetTrafficClass(s.bool("reset-traffic-class", false))
                    .icmpErrorsPerSecond(s.integer("icmp-error-rate", d.icmpErrorsPerSecond(), 0, 1_000_000,
                            "errors per second, 0 = unlimited"))
                    .build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw s.error(null, e.getMessage());
        }
    }

    private static List<StaticBib> staticBib(ConfigSection s, Pool4 pool4) throws ConfigException {
        List<StaticBib> out = new ArrayList<>();
        for (ConfigSection e : s.tables("static-bib", STATIC_EXAMPLE)) {
            e.checkKeys(List.of("proto", "ipv6", "ipv4"));
            Protocol p = e.choice("proto", null, Protocol.class);
            String v6 = e.string("ipv6", null);
            String v4 = e.string("ipv4", null);
            if (p == null || v6 == null || v4 == null) {
                throw e.error(null, "a static BIB entry needs proto, ipv6 and ipv4, e.g. " + STATIC_EXAMPLE);
            }
            try {
                String[] a = split(v6);
                String[] b = split(v4);
                int addr4 = Ipv4.parse(b[0]);
                if (pool4.indexOf(addr4) < 0) {
                    throw new IllegalArgumentException(b[0] + " is not in pool4");
                }
                out.add(new StaticBib(p, Ipv6Address.parse(a[0]), port(a[1]), addr4, port(b[1])));
            } catch (IllegalArgumentException ex) {
                throw e.error(null, ex.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static String[] split(String text) {
        int hash = text.lastIndexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("expected address#port, e.g. " + STATIC_EXAMPLE + ", not " + text);
        }
        return new String[] {text.substring(0, hash), text.substring(hash + 1)};
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port " + p + " is not within 0-65535");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: " + text);
        }
    }
}
