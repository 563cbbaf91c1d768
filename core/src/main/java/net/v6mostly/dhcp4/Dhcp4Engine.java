package net.v6mostly.dhcp4;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import net.v6mostly.stats.Counters;

/**
 * The DHCPv4 server (RFC 2131 §4.3) with the IPv6-Only Preferred option (RFC 8925 §3.3), pure:
 * a datagram, how it arrived and the time in; an {@link Outcome} out. Lease changes come back in
 * the outcome for the caller to make durable before sending the reply. One thread owns an engine.
 *
 * <p>Hostile clients: whatever the engine stores is bounded. A value it would keep or echo that is
 * longer than it keeps ({@link #MAX_CLIENT_ID}, {@link #MAX_RELAY_INFO}) is a counted drop decided
 * before any state changes; the lease table holds at most one entry per address it hands out
 * (however many MACs ask); the adoption figures count distinct clients in fixed memory
 * ({@link DistinctCounter}); DHCPDECLINE is limited per client and per subnet
 * ({@link Dhcp4Config#declineLimitPerClient()}, {@link Dhcp4Config#declineLimitPercent()}).
 */
public final class Dhcp4Engine {
    /**
     * Longest client identifier served: RFC 2132 §9.14 gives option 61 one length octet; longer
     * values (RFC 3396 concatenation) are dropped as {@link Dhcp4Stat#CLIENT_ID_TOO_LONG}. Its key
     * ({@link #clientKey}, 3 + 2 × 255 bytes) fits the lease store ({@link LeaseChange#MAX_CLIENT_BYTES}).
     */
    public static final int MAX_CLIENT_ID = 255;
    /** Longest relay agent information echoed (RFC 3046 §2.0: one option, one length octet). */
    public static final int MAX_RELAY_INFO = 255;
    private static final HexFormat HEX = HexFormat.of();

    private Dhcp4Config config;
    private final LeaseTable table = new LeaseTable();
    private final Counters<Dhcp4Stat> counters = new Counters<>(Dhcp4Stat.class);
    private final Map<String, DistinctCounter[]> adoption = new LinkedHashMap<>();
    private volatile boolean v6OnlySuspended;

    public Dhcp4Engine(Dhcp4Config config) {
        this.config = Objects.requireNonNull(config);
    }

    /** Replaces the configuration (SIGHUP), keeping leases, counters and adoption figures. */
    public void reconfigure(Dhcp4Config replacement) {
        this.config = Objects.requireNonNull(replacement);
        table.changed();
    }

    /**
     * Withholds option 108 from every reply while {@code suspend} is true, so new clients take an
     * IPv4 lease (the rollback of draft-ietf-v6ops-6mops §"Rollback Approach", applied by the
     * gateway when NAT64 or DNS64 is down). Safe from any thread; the next message sees it.
     */
    public void suspendV6Only(boolean suspend) {
        v6OnlySuspended = suspend;
    }

    /** Whether option 108 is being withheld ({@link #suspendV6Only}). */
    public boolean v6OnlySuspended() {
        return v6OnlySuspended;
    }

    public Dhcp4Config config() {
        return config;
    }

    public Counters<Dhcp4Stat> counters() {
        return counters;
    }

    /** Re-applies a journalled change; for replay on start. */
    public void restore(LeaseChange change) {
        table.apply(change);
        table.changed();
    }

    /** The state to write into a compacted journal. */
    public List<LeaseChange> state(long now) {
        return table.snapshot(now);
    }

    /** Number of active leases. */
    public int activeLeases(long now) {
        return table.active(now);
    }

    /** The adoption figures of every configured subnet, in configuration order. */
    public List<Adoption> adoption() {
        List<Adoption> out = new ArrayList<>();
        for (Subnet s : config.subnets()) {
            DistinctCounter[] c = adoption.get(s.name());
            out.add(c == null ? new Adoption(s.name(), 0, 0, 0)
                    : new Adoption(s.name(), c[0].count(), c[1].count(), c[2].count()));
        }
        return out;
    }

    /**
     * The key a lease is stored under: the client identifier when present (RFC 2131 §4.2, RFC 2132
     * §9.14), else the hardware type and address.
     */
    public static String clientKey(DhcpMessage m) {
        byte[] id = m.options().get(DhcpOption.CLIENT_ID);
        return id != null ? "id:" + HEX.formatHex(id) : "hw:" + m.htype() + ":" + HEX.formatHex(m.hardwareAddress());
    }

    /** Parses and handles one datagram; malformed input is counted, never thrown. */
    public Outcome handle(byte[] datagram, int offset, int length, Arrival arrival, long now) {
        DhcpMessage.Decoded d = DhcpMessage.parse(datagram, offset, length);
        if (!d.ok()) {
            counters.increment(d.fault());
            return Outcome.silent(d.fault());
        }
        return handle(d.message(), arrival, now);
    }

    /** Handles one parsed message. */
    public Outcome handle(DhcpMessage m, Arrival arrival, long now) {
        Outcome o = dispatch(m, arrival, now);
        counters.increment(o.stat());
        return o;
    }

    private Outcome dispatch(DhcpMessage m, Arrival arrival, long now) {
        if (m.op() != DhcpMessage.BOOTREQUEST) {
            return Outcome.silent(Dhcp4Stat.NOT_A_REQUEST);
        }
        if (!m.options().has(DhcpOption.MESSAGE_TYPE)) {
            return Outcome.silent(Dhcp4Stat.NO_MESSAGE_TYPE);
        }
        MessageType type = m.options().messageType();
        if (type == null || type == MessageType.OFFER || type == MessageType.ACK || type == MessageType.NAK) {
            return Outcome.silent(Dhcp4Stat.UNEXPECTED_MESSAGE_TYPE);
        }
        Dhcp4Stat tooLong = tooLong(m.options());
        if (tooLong != null) {
            return Outcome.silent(tooLong);
        }
        Subnet s = select(m, arrival);
        if (s == null) {
            return Outcome.silent(Dhcp4Stat.NO_SUBNET);
        }
        Client c = new Client(clientKey(m), m.options().get(DhcpOption.CLIENT_ID), m.hardwareAddress(),
                m.options().requests(DhcpOption.IPV6_ONLY_PREFERRED));
        Transaction t = new Transaction(this, m, s, c, now);
        return switch (type) {
            case DISCOVER -> t.discover();
            case REQUEST -> t.request(arrival.toBroadcast());
            case DECLINE -> t.decline();
            case RELEASE -> t.release();
            case INFORM -> t.inform();
            default -> throw new AssertionError(type);
        };
    }

    /** The drop for a value longer than the engine keeps or echoes, or null when all fit. */
    private static Dhcp4Stat tooLong(DhcpOptions o) {
        byte[] id = o.get(DhcpOption.CLIENT_ID);
        if (id != null && id.length > MAX_CLIENT_ID) {
            return Dhcp4Stat.CLIENT_ID_TOO_LONG;
        }
        byte[] relay = o.get(DhcpOption.RELAY_AGENT_INFO);
        return relay != null && relay.length > MAX_RELAY_INFO ? Dhcp4Stat.RELAY_INFO_TOO_LONG : null;
    }

    /**
     * RFC 2131 §4.3.1: the subnet of the relay's giaddr, else of the receiving interface; among
     * several on one interface, the one holding ciaddr or the requested address, else the first.
     */
    Subnet select(DhcpMessage m, Arrival arrival) {
        if (m.giaddr() != 0) {
            for (Subnet s : config.subnets()) {
                if (s.prefix().contains(m.giaddr())) {
                    return s;
                }
            }
            return null;
        }
        Subnet first = null;
        int wanted = m.ciaddr() != 0 ? m.ciaddr() : m.options().address(DhcpOption.REQUESTED_IP);
        for (Subnet s : config.subnets()) {
            if (s.interfaceName() != null && s.interfaceName().equals(arrival.interfaceName())) {
                if (wanted != 0 && s.prefix().contains(wanted)) {
                    return s;
                }
                first = first == null ? s : first;
            }
        }
        return first;
    }

    LeaseTable table() {
        return table;
    }

    /** The entries of the lease table's maps (bounded by the addresses served, not the clients seen). */
    LeaseTable.Sizes tableSizes() {
        return table.sizes();
    }

    /** Full-pool searches so far: one per pool and exhaustion, not one per DHCPDISCOVER. */
    long fullSearches() {
        return table.fullSearches();
    }

    /** Bytes held by the adoption figures, all subnets (bounded: {@link DistinctCounter}). */
    long adoptionFootprint() {
        long n = 0;
        for (DistinctCounter[] c : adoption.values()) {
            n += c[0].footprint() + c[1].footprint() + c[2].footprint();
        }
        return n;
    }

    /** Counts {@code client} in the adoption figures of {@code s}: 0 IPv6-only, 1 leased, 2 dual-stack. */
    void adopt(Subnet s, int figure, String client) {
        adoption.computeIfAbsent(s.name(),
                k -> new DistinctCounter[] {new DistinctCounter(), new DistinctCounter(), new DistinctCounter()})[figure]
                .add(client);
    }

    /** The requesting client: key, identifiers, and whether its PRL names option 108. */
    record Client(String key, byte[] clientId, byte[] hw, boolean asks108) {
    }
}
