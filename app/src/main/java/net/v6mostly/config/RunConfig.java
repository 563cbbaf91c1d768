package net.v6mostly.config;

import java.util.List;

import net.v6mostly.dns64.Dns64Settings;

/**
 * Everything {@code v6mostly gateway} runs, read from one file and checked to agree: the shared
 * PREF64 and each component's settings (null when its table is absent), the metrics endpoint,
 * the {@code [gateway]} settings and the warnings to log.
 *
 * @param pref64   the NAT64 prefixes RA, DNS64 and NAT64 share
 * @param ra       the RA sender, with the RDNSS default applied; null without {@code [ra]}
 * @param dhcp4    the DHCPv4 server; null without {@code [dhcp4]}
 * @param dns64    the DNS64 proxy; null without {@code [dns64]}
 * @param nat64    the stateful NAT64 (its pool6 the {@code [pref64]} prefix); null without {@code [nat64]}
 * @param metrics  the one Prometheus endpoint ({@code [metrics]})
 * @param gateway  the {@code [gateway]} settings
 * @param warnings located warnings
 */
public record RunConfig(SharedPref64 pref64, RaConfig ra, Dhcp4Section.Settings dhcp4, Dns64Settings dns64,
        Nat64Section nat64, MetricsSettings metrics, GatewaySettings gateway, List<String> warnings) {
    public RunConfig {
        warnings = List.copyOf(warnings);
    }

    /** A gateway without NAT64. */
    public RunConfig(SharedPref64 pref64, RaConfig ra, Dhcp4Section.Settings dhcp4, Dns64Settings dns64,
            MetricsSettings metrics, GatewaySettings gateway, List<String> warnings) {
        this(pref64, ra, dhcp4, dns64, null, metrics, gateway, warnings);
    }
}
