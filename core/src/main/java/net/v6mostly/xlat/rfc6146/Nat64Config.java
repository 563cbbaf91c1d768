package net.v6mostly.xlat.rfc6146;

/**
 * Settings of the state engine, validated once. Built by {@code config} from the TOML file; the
 * engine never reads configuration itself.
 *
 * @param pool4 IPv4 addresses and port ranges (RFC 6146 §3.5.1.1)
 * @param timeouts session lifetimes (RFC 6146 §4)
 * @param addressDependentFiltering false: endpoint-independent filtering, the default RFC 6888
 *     REQ-7 recommends; true: "if the NAT64 filters" of RFC 6146 §3.5.1 (address-dependent)
 * @param maxPortsPerHost pool4 ports (BIB entries) one subscriber may hold, all protocols (RFC 6888 REQ-4)
 * @param maxSessionsPerHost sessions one subscriber may hold, all protocols (RFC 6888 REQ-5)
 * @param blockSize 0 for per-port allocation, else ports per block handed to a host (RFC 7422)
 * @param maxBlocksPerHost blocks per host and protocol in block mode
 * @param dropExternallyInitiatedTcp drop unsolicited IPv4 SYNs instead of holding them (RFC 6146 §3.5.2.2)
 * @param maxHeldSyns how many unsolicited IPv4 SYNs may wait TCP_INCOMING_SYN at once
 * @param logSessions also log session creation and deletion (RFC 6888 REQ-12 leaves it to policy)
 * @param secret key of the port-selection hash (RFC 6056 §3.3.3); 0 picks one at random
 * @param subscriberPrefixLength the IPv6 prefix length that identifies one subscriber, 1..128: the
 *     per-subscriber limits of RFC 6888 REQ-4/REQ-5 count every address of that prefix together, so
 *     a host rotating addresses within its /64 (RFC 8981) gains nothing
 * @param maxBibEntries dynamic BIB entries the NAT64 holds at most, all protocols (RFC 6888 REQ-5:
 *     state memory is bounded whatever the number of subscribers)
 * @param maxSessions sessions the NAT64 holds at most, all protocols, static entries' included
 */
public record Nat64Config(Pool4 pool4, Timeouts timeouts, boolean addressDependentFiltering, int maxPortsPerHost,
        int maxSessionsPerHost, int blockSize, int maxBlocksPerHost, boolean dropExternallyInitiatedTcp,
        int maxHeldSyns, boolean logSessions, long secret, int subscriberPrefixLength, int maxBibEntries,
        int maxSessions) {

    /** Default {@code subscriberPrefixLength}: a /64, what one host or one home gets (RFC 7934 §2). */
    public static final int DEFAULT_SUBSCRIBER_PREFIX = 64;
    /** Default {@code maxBibEntries}: 2^20, about 150 MB of state (docs/nat64.md, "Sizing pool4"). */
    public static final int DEFAULT_MAX_BIB_ENTRIES = 1 << 20;
    /** Default {@code maxSessions}: 2^21. */
    public static final int DEFAULT_MAX_SESSIONS = 1 << 21;

    /** Checks limits and that blocks fit every range. */
    public Nat64Config {
        if (pool4 == null || timeouts == null) {
            throw new IllegalArgumentException("pool4 and timeouts are required");
        }
        positive("max-ports-per-host", maxPortsPerHost);
        positive("max-sessions-per-host", maxSessionsPerHost);
        positive("max-held-syns", maxHeldSyns);
        positive("max-bib-entries", maxBibEntries);
        positive("max-sessions", maxSessions);
        if (subscriberPrefixLength < 1 || subscriberPrefixLength > 128) {
            throw new IllegalArgumentException("subscriber-prefix-length must be within 1-128, got "
                    + subscriberPrefixLength);
        }
        if (blockSize < 0 || blockSize > 0 && maxBlocksPerHost <= 0) {
            throw new IllegalArgumentException("port-block-size must be ≥ 0 and max-blocks-per-host > 0 with blocks");
        }
        for (Protocol p : Protocol.values()) {
            if (blockSize > pool4.range(p).size()) {
                throw new IllegalArgumentException("port-block-size " + blockSize + " exceeds the " + p.label()
                        + " port range of " + pool4.range(p).size() + " ports");
            }
        }
    }

    /** The settings before subscribers and global caps, with their defaults. */
    public Nat64Config(Pool4 pool4, Timeouts timeouts, boolean addressDependentFiltering, int maxPortsPerHost,
            int maxSessionsPerHost, int blockSize, int maxBlocksPerHost, boolean dropExternallyInitiatedTcp,
            int maxHeldSyns, boolean logSessions, long secret) {
        this(pool4, timeouts, addressDependentFiltering, maxPortsPerHost, maxSessionsPerHost, blockSize,
                maxBlocksPerHost, dropExternallyInitiatedTcp, maxHeldSyns, logSessions, secret,
                DEFAULT_SUBSCRIBER_PREFIX, DEFAULT_MAX_BIB_ENTRIES, DEFAULT_MAX_SESSIONS);
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }

    /** Defaults: RFC timeouts, endpoint-independent filtering, generous limits, no blocks. */
    public static Nat64Config defaults(Pool4 pool4) {
        return new Nat64Config(pool4, Timeouts.DEFAULTS, false, 65536, 65536, 0, 1, false, 4096, false, 0);
    }

    /** Copy with address-dependent filtering on or off. */
    public Nat64Config withAddressDependentFiltering(boolean on) {
        return new Nat64Config(pool4, timeouts, on, maxPortsPerHost, maxSessionsPerHost, blockSize, maxBlocksPerHost,
                dropExternallyInitiatedTcp, maxHeldSyns, logSessions, secret,
                subscriberPrefixLength, maxBibEntries, maxSessions);
    }

    /** Copy with other per-host limits. */
    public Nat64Config withHostLimits(int ports, int sessions) {
        return new Nat64Config(pool4, timeouts, addressDependentFiltering, ports, sessions, blockSize, maxBlocksPerHost,
                dropExternallyInitiatedTcp, maxHeldSyns, logSessions, secret,
                subscriberPrefixLength, maxBibEntries, maxSessions);
    }

    /** Copy with port blocks of {@code size} ports, at most {@code perHost} per host and protocol. */
    public Nat64Config withBlocks(int size, int perHost) {
        return new Nat64Config(pool4, timeouts, addressDependentFiltering, maxPortsPerHost, maxSessionsPerHost, size,
                perHost, dropExternallyInitiatedTcp, maxHeldSyns, logSessions, secret,
                subscriberPrefixLength, maxBibEntries, maxSessions);
    }

    /** Copy with other timeouts. */
    public Nat64Config withTimeouts(Timeouts t) {
        return new Nat64Config(pool4, t, addressDependentFiltering, maxPortsPerHost, maxSessionsPerHost, blockSize,
                maxBlocksPerHost, dropExternallyInitiatedTcp, maxHeldSyns, logSessions, secret,
                subscriberPrefixLength, maxBibEntries, maxSessions);
    }

    /** Copy with the externally-initiated-TCP policy and the held-SYN limit. */
    public Nat64Config withIncomingSyn(boolean drop, int maxHeld) {
        return new Nat64Config(pool4, timeouts, addressDependentFiltering, maxPortsPerHost, maxSessionsPerHost,
                blockSize, maxBlocksPerHost, drop, maxHeld, logSessions, secret,
                subscriberPrefixLength, maxBibEntries, maxSessions);
    }

    /** Copy with session logging and a fixed port-selection secret. */
    public Nat64Config withLogging(boolean sessions, long key) {
        return new Nat64Config(pool4, timeouts, addressDependentFiltering, maxPortsPerHost, maxSessionsPerHost,
                blockSize, maxBlocksPerHost, dropExternallyInitiatedTcp, maxHeldSyns, sessions, key,
                subscriberPrefixLength, maxBibEntries, maxSessions);
    }

    /**
     * Copy with subscribers of {@code prefixLength} bits and global caps of {@code bibEntries} BIB
     * entries and {@code sessions} sessions.
     */
    public Nat64Config withSubscribers(int prefixLength, int bibEntries, int sessions) {
        return new Nat64Config(pool4, timeouts, addressDependentFiltering, maxPortsPerHost, maxSessionsPerHost,
                blockSize, maxBlocksPerHost, dropExternallyInitiatedTcp, maxHeldSyns, logSessions, secret,
                prefixLength, bibEntries, sessions);
    }
}
