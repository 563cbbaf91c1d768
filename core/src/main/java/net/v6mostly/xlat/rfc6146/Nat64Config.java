package net.v6mostly.xlat.rfc6146;

/**
 * Settings of the state engine, validated once. Built by {@code config} from the TOML file; the
 * engine never reads configuration itself.
 *
 * @param pool4 IPv4 addresses and port ranges (RFC 6146 §3.5.1.1)
 * @param timeouts session lifetimes (RFC 6146 §4)
 * @param addressDependentFiltering false: endpoint-independent filtering, the default RFC 6888
 *     REQ-7 recommends; true: "if the NAT64 filters" of RFC 6146 §3.5.1 (address-dependent)
 * @param maxPortsPerHost pool4 ports (BIB entries) one IPv6 host may hold, all protocols (RFC 6888 REQ-4)
 * @param maxSessionsPerHost sessions one IPv6 host may hold, all protocols (RFC 6888 REQ-4)
 * @param blockSize 0 for per-port allocation, else ports per block handed to a host (RFC 7422)
 * @param maxBlocksPerHost blocks per host and protocol in block mode
 * @param dropExternallyInitiatedTcp drop unsolicited IPv4 SYNs instead of holding them (RFC 6146 §3.5.2.2)
 * @param maxHeldSyns how many unsolicited IPv4 SYNs may wait TCP_INCOMING_SYN at once
 * @param logSessions also log session creation and deletion (RFC 6888 REQ-12 leaves it to policy)
 * @param secret key of the port-selection hash (RFC 6056 §3.3.3); 0 picks one at random
 */
public record Nat64Config(Pool4 pool4, Timeouts timeouts, boolean addressDependentFiltering, int maxPortsPerHost,
        int maxSessionsPerHost, int blockSize, int maxBlocksPerHost, boolean dropExternallyInitiatedTcp,
        int maxHeldSyns, boolean logSessions, long secret) {

    /** Checks limits and that blocks fit every range. */
    public Nat64Config {
        if (pool4 == null || timeouts == null) {
            throw new IllegalArgumentException("pool4 and timeouts are required");
        }
        positive("max-ports-per-host", maxPortsPerHost);
        positive("max-sessions-per-host", maxSessionsPerHost);
        positive("max-held-syns", maxHeldSyns);
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
                dropExternallyInitiatedTcp, maxHeldSyns, logSessions, secret);
    }

    /** Copy with other per-host limits. */
    public Nat64Config withHostLimits(int ports, int sessions) {
        return new Nat64Config(pool4, timeouts, addressDependentFiltering, ports, sessions, blockSize, maxBlocksPerHost,
                dropExternallyInitiatedTcp, maxHeldSyns, logSessions, secret);
    }

    /** Copy with port blocks of {@code size} ports, at most {@code perHost} per host and protocol. */
    public Nat64Config withBlocks(int size, int perHost) {
        return new Nat64Config(pool4, timeouts, addressDependentFiltering, maxPortsPerHost, maxSessionsPerHost, size,
                perHost, dropExternallyInitiatedTcp, maxHeldSyns, logSessions, secret);
    }

    /** Copy with other timeouts. */
    public Nat64Config withTimeouts(Timeouts t) {
        return new Nat64Config(pool4, t, addressDependentFiltering, maxPortsPerHost, maxSessionsPerHost, blockSize,
                maxBlocksPerHost, dropExternallyInitiatedTcp, maxHeldSyns, logSessions, secret);
    }

    /** Copy with the externally-initiated-TCP policy and the held-SYN limit. */
    public Nat64Config withIncomingSyn(boolean drop, int maxHeld) {
        return new Nat64Config(pool4, timeouts, addressDependentFiltering, maxPortsPerHost, maxSessionsPerHost,
                blockSize, maxBlocksPerHost, drop, maxHeld, logSessions, secret);
    }

    /** Copy with session logging and a fixed port-selection secret. */
    public Nat64Config withLogging(boolean sessions, long key) {
        return new Nat64Config(pool4, timeouts, addressDependentFiltering, maxPortsPerHost, maxSessionsPerHost,
                blockSize, maxBlocksPerHost, dropExternallyInitiatedTcp, maxHeldSyns, sessions, key);
    }
}
