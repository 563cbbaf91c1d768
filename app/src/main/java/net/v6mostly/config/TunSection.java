package net.v6mostly.config;

import java.util.List;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;

/**
 * Reads the {@code [siit.tun]} table into {@link TunSettings}: which TUN device the {@code siit}
 * daemon serves, how many queues and workers, and the optional link configuration (MTU, addresses,
 * device routes, up). Documented in {@code docs/configuration.md}.
 */
public final class TunSection {
    /** The sub-table name within {@code [siit]}. */
    public static final String NAME = "tun";

    /** Every key the table accepts, in the order the documentation lists them. */
    public static final List<String> KEYS = List.of("name", "queues", "multi-queue", "workers", "offload", "busy-poll",
            "mtu", "addresses", "routes", "up");

    private static final String MTU_RULE = "RFC 8200 §5: a link carrying IPv6 needs at least 1280";

    private TunSection() {
    }

    /** Reads {@code [siit.tun]} of the file's {@code [siit]} table; the defaults when either is absent. */
    public static TunSettings read(ConfigFile file) throws ConfigException {
        var siit = file.section(SiitSection.NAME);
        if (siit.isEmpty()) {
            return TunSettings.DEFAULTS;
        }
        var tun = siit.get().table(NAME);
        return tun.isEmpty() ? TunSettings.DEFAULTS : read(tun.get());
    }

    /** Reads and validates {@code s}, a {@code [siit.tun]} table. */
    public static TunSettings read(ConfigSection s) throws ConfigException {
        s.checkKeys(KEYS);
        TunSettings d = TunSettings.DEFAULTS;
        String name = s.interfaceName("name", d.name());
        int queues = s.integer("queues", d.queues(), 1, 256, null);
        boolean multiQueue = s.bool("multi-queue", d.multiQueue());
        if (queues > 1 && !multiQueue) {
            throw s.error("queues", queues + " queues need multi-queue = true (IFF_MULTI_QUEUE: one file descriptor"
                    + " per queue)");
        }
        int workers = s.integer("workers", multiQueue ? queues : d.workers(), 1, 256, null);
        if (multiQueue && workers != queues) {
            throw s.error("workers", "with multi-queue each worker owns one queue, so workers must equal queues ("
                    + queues + "), not " + workers);
        }
        boolean offload = s.bool("offload", d.offload());
        int mtu = mtu(s);
        List<String> addresses = s.parsedList("addresses", TunSection::interfaceAddress);
        List<String> routes = s.parsedList("routes", TunSection::route);
        boolean up = s.bool("up", d.up());
        int busyPoll = s.integer("busy-poll", d.busyPollMicros(), 0, 10_000, "microseconds");
        return new TunSettings(name, queues, multiQueue, workers, offload, mtu, addresses, routes, up, busyPoll);
    }

    /** The {@code mtu} key of a {@code [siit.tun]} table, 0 when absent. */
    static int mtu(ConfigSection tun) throws ConfigException {
        return tun.integer("mtu", 0, 1280, 65535, MTU_RULE);
    }

    /** An interface address with its prefix length ({@code 198.51.100.1/24}); host bits are the point. */
    static String interfaceAddress(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("an interface address needs a prefix length, e.g. 198.51.100.1/24 or"
                    + " 2001:db8::1/64, not '" + text + "'");
        }
        boolean v6 = text.indexOf(':') >= 0;
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length: '" + text + "'");
        }
        if (length < 0 || length > (v6 ? 128 : 32)) {
            throw new IllegalArgumentException("prefix length must be 0.." + (v6 ? 128 : 32) + ", not " + length);
        }
        String address = text.substring(0, slash);
        return (v6 ? Ipv6Address.parse(address).toString() : Ipv4.format(Ipv4.parse(address))) + "/" + length;
    }

    /** A prefix to route into the device; no host bits (a bare address is a /32 or /128). */
    static String route(String text) {
        return text.indexOf(':') >= 0 ? Ipv6Prefix.parse(text).toString() : Ipv4Prefix.parse(text).toString();
    }
}
