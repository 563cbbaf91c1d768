package net.v6mostly.config;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.dns64.Dns64Settings;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.RaInterfaceSettings;
import net.v6mostly.ndp.RouterAdvertisement;
import net.v6mostly.xlat.rfc6877.ClatSettings;

/**
 * Reads a whole gateway file ({@code v6mostly gateway}): {@code [pref64]} (or {@code [siit] pool6}),
 * {@code [gateway]}, and whichever of {@code [ra]}, {@code [dhcp4]}, {@code [dns64]}, {@code [nat64]}
 * are present, with {@code [metrics]}. One PREF64 drives them all: the RA advertises it, DNS64
 * synthesizes into it and answers ipv4only.arpa from it, NAT64 translates it. An {@code [[ra.interface]]} without {@code rdnss}
 * advertises the DNS64's IPv6 listen addresses (RFC 8106), so hosts ask the gateway's DNS64.
 * Documented in {@code docs/gateway.md}.
 */
public final class GatewaySection {
    /** The table name. */
    public static final String NAME = "gateway";
    /** Every key of {@code [gateway]}. */
    public static final List<String> KEYS = List.of("health-signalling", "health-interval-ms", "health-failures",
            "health-successes", "health-probe-name", "rdnss-from-dns64", "on-component-failure", "max-restarts");
    /** The keys of {@code [gateway]} every daemon reads (supervision); the others only the gateway. */
    public static final List<String> SUPERVISION_KEYS = List.of("on-component-failure", "max-restarts");

    private GatewaySection() {
    }

    /** Reads and checks the file; the first error is thrown (check-config lists them all). */
    public static RunConfig read(ConfigFile file) throws ConfigException {
        ConfigSections.checkKnown(file);
        SharedPref64 pref64 = pref64(file);
        GatewaySettings gateway = settings(file);
        List<String> warnings = new ArrayList<>();
        Dns64Settings dns64 = null;
        if (file.section(Dns64Section.NAME).isPresent()) {
            dns64 = Dns64Section.readShared(file.section(Dns64Section.NAME).get(), Optional.of(pref64));
        }
        RaConfig ra = null;
        if (file.section(RaSection.NAME).isPresent()) {
            ra = RaSection.read(file.section(RaSection.NAME).get(), Optional.of(pref64));
            warnings.addAll(ra.warnings());
            if (gateway.rdnssFromDns64() && dns64 != null) {
                ra = withRdnss(ra, rdnssAddresses(dns64));
            }
        }
        Dhcp4Section.Settings dhcp4 = null;
        if (file.section(Dhcp4Section.NAME).isPresent()) {
            dhcp4 = Dhcp4Section.read(file.section(Dhcp4Section.NAME).get());
            dhcp4.warnings().forEach(w -> warnings.add("warning: " + w));
        }
        Nat64Section nat64 = null;
        if (file.section(Nat64Section.NAME).isPresent()) {
            nat64 = nat64(file.section(Nat64Section.NAME).get(), pref64, dns64);
        }
        ClatSettings clat = file.section(ClatSection.NAME).isPresent() ? clat(file, pref64) : null;
        if (ra == null && dhcp4 == null && dns64 == null && nat64 == null && clat == null) {
            throw new ConfigException(file.name(), 0, null, COMPONENTS);
        }
        warnings.addAll(RunConfigs.unusedTables(file, "gateway"));
        return new RunConfig(pref64, ra, dhcp4, dns64, nat64, clat, MetricsSection.read(file), gateway,
                supervision(file, SupervisionSettings.GATEWAY), LoggingSection.read(file), warnings);
    }

    /** The error of a file with none of the components. */
    static final String COMPONENTS = "a gateway needs at least one of [ra], [dhcp4], [dns64], [nat64], [clat]";

    /**
     * A CE router's {@code [clat]} (RFC 6877 §6.1, its CLAT towards the provider's PLAT). Without
     * its own {@code pref64} it learns the provider's prefix on its uplink (RFC 8781 RAs, RFC 7050),
     * as a host's CLAT does; one written there must be among {@code [pref64]} prefixes, the ones the
     * gateway advertises on the LAN.
     */
    static ClatSettings clat(ConfigFile file, SharedPref64 pref64) throws ConfigException {
        ClatSettings clat = ClatSection.read(file);
        ConfigSection s = file.section(ClatSection.NAME).get();
        if (clat.pref64() != null && !pref64.contains(clat.pref64())) {
            throw s.error("pref64", clat.pref64() + " is not among " + pref64 + ": one PREF64 feeds RA, DNS64 and"
                    + " the CLAT (leave pref64 out to take it from [pref64])");
        }
        return clat;
    }

    /** {@code on-component-failure} and {@code max-restarts} of {@code [gateway]}, else {@code defaults}. */
    public static SupervisionSettings supervision(ConfigFile file, SupervisionSettings defaults)
            throws ConfigException {
        Optional<ConfigSection> t = file.section(NAME);
        if (t.isEmpty()) {
            return defaults;
        }
        ConfigSection s = t.get();
        String policy = s.string("on-component-failure", defaults.restart() ? "restart" : "exit");
        if (!policy.equals("restart") && !policy.equals("exit")) {
            throw s.error("on-component-failure", "expected \"restart\" (a fresh instance in the same process)"
                    + " or \"exit\" (exit status 1, for systemd to restart the unit), not \"" + policy + "\"");
        }
        return new SupervisionSettings(policy.equals("restart"),
                s.integer("max-restarts", defaults.maxRestarts(), 1, 1000, "restarts in a row before giving up"));
    }

    /**
     * The gateway's {@code [nat64]}: pool6 defaults to the primary {@code [pref64]} prefix; one
     * written there must be among {@code [pref64]} prefixes and, with {@code [dns64]}, be the
     * one prefix DNS64 synthesizes into (RFC 6147 §5.2: synthesized addresses must reach the NAT64).
     */
    static Nat64Section nat64(ConfigSection s, SharedPref64 pref64, Dns64Settings dns64) throws ConfigException {
        Nat64Section nat64 = Nat64Section.read(s, pref64.primary());
        if (!pref64.contains(nat64.pool6())) {
            throw s.error("pool6", nat64.pool6() + " is not among " + pref64 + ": one PREF64 feeds RA, DNS64 and"
                    + " NAT64 (leave pool6 out to take it from [pref64])");
        }
        if (dns64 != null && !java.util.Set.copyOf(dns64.prefixes()).equals(java.util.Set.of(nat64.pool6()))) {
            throw s.error("pool6", "NAT64 translates " + nat64.pool6() + " but DNS64 synthesizes into "
                    + dns64.prefixes() + ": synthesized addresses would lead nowhere (set [dns64] prefixes or"
                    + " [pref64] prefixes to the one NAT64 prefix)");
        }
        return nat64;
    }

    /** The shared PREF64, which a gateway must have. */
    static SharedPref64 pref64(ConfigFile file) throws ConfigException {
        return SharedPref64.read(file).orElseThrow(() -> new ConfigException(file.name(), 0, null,
                "no [pref64] table: a gateway needs prefixes = [\"64:ff9b::/96\"] (or a network-specific /96), the"
                        + " NAT64 prefix that RA, DNS64 and NAT64 share"));
    }

    /** The {@code [gateway]} table, or the defaults without one. */
    public static GatewaySettings settings(ConfigFile file) throws ConfigException {
        Optional<ConfigSection> t = file.section(NAME);
        if (t.isEmpty()) {
            return GatewaySettings.DEFAULTS;
        }
        ConfigSection s = t.get();
        s.checkKeys(KEYS);
        GatewaySettings d = GatewaySettings.DEFAULTS;
        String probe = s.string("health-probe-name", d.probeName()).strip();
        if (probe.isEmpty() || probe.length() > 253) {
            throw s.error("health-probe-name", "must be a domain name of 1..253 characters");
        }
        return new GatewaySettings(s.bool("health-signalling", d.healthSignalling()),
                Duration.ofMillis(s.integer("health-interval-ms", (int) d.probeInterval().toMillis(), 100, 600_000,
                        "milliseconds")),
                s.integer("health-failures", d.failures(), 1, 100, null),
                s.integer("health-successes", d.successes(), 1, 100, null),
                probe.endsWith(".") ? probe : probe + ".", s.bool("rdnss-from-dns64", d.rdnssFromDns64()));
    }

    /**
     * The DNS64 listen addresses a host can use as RDNSS (RFC 8106 §5.1): IPv6, not the
     * wildcard, on port 53 (RDNSS carries no port).
     */
    public static List<Ipv6Address> rdnssAddresses(Dns64Settings dns64) {
        List<Ipv6Address> out = new ArrayList<>();
        for (InetSocketAddress a : dns64.listen()) {
            if (a.getAddress() instanceof Inet6Address v6 && !v6.isAnyLocalAddress() && !v6.isLoopbackAddress()
                    && a.getPort() == 53) {
                Ipv6Address parsed = Ipv6Address.parse(v6.getHostAddress().replaceFirst("%.*$", ""));
                if (!out.contains(parsed)) {
                    out.add(parsed);
                }
            }
        }
        return out;
    }

    /** {@code ra} with an RDNSS option of {@code servers} on every interface that has none. */
    static RaConfig withRdnss(RaConfig ra, List<Ipv6Address> servers) {
        if (servers.isEmpty()) {
            return ra;
        }
        List<RaInterfaceSettings> out = new ArrayList<>();
        for (RaInterfaceSettings s : ra.interfaces()) {
            RouterAdvertisement adv = s.advertisement();
            boolean has = adv.options().stream().anyMatch(o -> o instanceof NdpOption.Rdnss);
            if (!has) {
                adv = adv.with(new NdpOption.Rdnss(3L * s.intervals().max(), servers));
            }
            out.add(new RaInterfaceSettings(s.name(), s.intervals(), adv, s.sourceLinkLayer()));
        }
        return new RaConfig(out, ra.warnings());
    }
}
