package net.v6mostly.config;

import java.util.ArrayList;
import java.util.List;

import net.v6mostly.dns64.Dns64Settings;
import net.v6mostly.xlat.rfc6877.ClatSettings;

/**
 * Everything one command runs, read from one file and checked to agree: each component's settings
 * (null when its table is absent or the command does not run it), the shared PREF64 (the gateway's),
 * the metrics endpoint, the supervision policy, the {@code [gateway]} settings and the warnings to
 * log. {@link RunConfigs} reads it for each command; every service takes its part on a reload.
 *
 * @param pref64      the NAT64 prefixes RA, DNS64, NAT64 and the CLAT share; null outside the gateway
 * @param ra          the RA sender, with the RDNSS default applied; null without {@code [ra]}
 * @param dhcp4       the DHCPv4 server; null without {@code [dhcp4]}
 * @param dns64       the DNS64 proxy; null without {@code [dns64]}
 * @param nat64       the stateful NAT64 (in the gateway its pool6 is the {@code [pref64]} prefix); null without {@code [nat64]}
 * @param siit        the stateless translator and its TUN; only {@code v6mostly siit}
 * @param clat        the CLAT ({@code v6mostly clat}, or a CE router's gateway); null without {@code [clat]}
 * @param metrics     the one Prometheus endpoint ({@code [metrics]})
 * @param gateway     the {@code [gateway]} settings
 * @param supervision what the runner does when a service dies ({@code [gateway] on-component-failure})
 * @param logging     the line format and level ({@code [logging]}), for every daemon
 * @param warnings    located warnings, and the tables the command does not use
 */
public record RunConfig(SharedPref64 pref64, RaConfig ra, Dhcp4Section.Settings dhcp4, Dns64Settings dns64,
        Nat64Section nat64, SiitConfig siit, ClatSettings clat, MetricsSettings metrics, GatewaySettings gateway,
        SupervisionSettings supervision, LoggingSettings logging, List<String> warnings) {
    public RunConfig {
        warnings = List.copyOf(warnings);
    }

    /** A gateway's file: no SIIT. */
    public RunConfig(SharedPref64 pref64, RaConfig ra, Dhcp4Section.Settings dhcp4, Dns64Settings dns64,
            Nat64Section nat64, ClatSettings clat, MetricsSettings metrics, GatewaySettings gateway,
            SupervisionSettings supervision, LoggingSettings logging, List<String> warnings) {
        this(pref64, ra, dhcp4, dns64, nat64, null, clat, metrics, gateway, supervision, logging, warnings);
    }

    /** The same with more warnings. */
    public RunConfig withWarnings(List<String> more) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new RunConfig(pref64, ra, dhcp4, dns64, nat64, siit, clat, metrics, gateway, supervision, logging, all);
    }
}
