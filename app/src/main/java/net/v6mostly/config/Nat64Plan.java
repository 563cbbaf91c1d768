package net.v6mostly.config;

import java.util.List;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Rfc6052Prefix;

/**
 * What the cross-component checks need to know of the stateful NAT64 (RFC 6146): its pool6 and
 * pool4, and the table they come from (to locate errors). {@link Nat64Section#plan} builds it from
 * the {@code [nat64]} table for {@link ConfigCheck#check}.
 *
 * @param section the {@code [nat64]} table, for located errors on {@code pool6} and {@code pool4}
 * @param pool6   the NAT64 prefixes (must equal the DNS64 prefixes and be among {@code [pref64]})
 * @param pool4   the IPv4 pool (must not overlap the DHCPv4 pools)
 */
public record Nat64Plan(ConfigSection section, List<Rfc6052Prefix> pool6, List<Ipv4Prefix> pool4) {
    public Nat64Plan {
        pool6 = List.copyOf(pool6);
        pool4 = List.copyOf(pool4);
    }
}
