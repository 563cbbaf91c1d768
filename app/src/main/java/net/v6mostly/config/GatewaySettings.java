package net.v6mostly.config;

import java.time.Duration;

/**
 * The {@code [gateway]} table: the settings that belong to no single component.
 *
 * @param healthSignalling whether option 108 and the PREF64 lifetime follow the health of DNS64 and
 *                         NAT64 (draft-ietf-v6ops-6mops rollback, done automatically; docs/gateway.md)
 * @param probeInterval    time between two probes of the DNS64 upstreams
 * @param failures         consecutive failed probes before DNS64 counts as down
 * @param successes        consecutive good probes before it counts as up again
 * @param probeName        the name whose A record the probe asks for (any answer, any RCODE, proves reachability)
 * @param rdnssFromDns64   whether an {@code [[ra.interface]]} without {@code rdnss} advertises the DNS64 listen addresses
 */
public record GatewaySettings(boolean healthSignalling, Duration probeInterval, int failures, int successes,
        String probeName, boolean rdnssFromDns64) {
    /** The defaults: signalling on, a probe every 5 s, down after 3 failures, up after 2 successes. */
    public static final GatewaySettings DEFAULTS = new GatewaySettings(true, Duration.ofSeconds(5), 3, 2,
            "ipv4only.arpa.", true);
}
