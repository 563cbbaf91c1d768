package net.v6mostly.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import net.v6mostly.dns64.Dns64Settings;

/**
 * The dry run of {@code v6mostly check-config} (like {@code kea-dhcp4 -T}): reads every table on
 * its own, so an error in one does not hide those in the others, then runs the cross-component
 * checks ({@link CrossChecks}) on what could be read. Each {@code [[ra.interface]]} and {@code
 * [[dhcp4.subnet]]} entry is checked on its own; other tables report their first error (their
 * reader stops there); unknown tables and the cross-checks report all of theirs.
 */
public final class ConfigCheck {
    private ConfigCheck() {
    }

    /** Whether a network interface of that name exists on this machine. */
    public static boolean interfaceExists(String name) {
        return Files.isDirectory(Path.of("/sys/class/net", name));
    }

    /** Checks {@code file}, its {@code [nat64]} table included. */
    public static List<Finding> check(ConfigFile file, Predicate<String> exists) {
        return check(file, exists, Optional.empty());
    }

    /**
     * Checks {@code file}.
     *
     * @param exists tells whether an interface exists (null: do not check interfaces)
     * @param nat64  the NAT64 part as a plan; empty: built from the file's {@code [nat64]} when it has one
     */
    public static List<Finding> check(ConfigFile file, Predicate<String> exists, Optional<Nat64Plan> nat64) {
        List<Finding> out = new ArrayList<>();
        file.unknownSections(ConfigSections.KNOWN).forEach(e -> out.add(Finding.error("unknown-table", e)));
        try {
            RunConfigs.unused(file, RunConfigs.commandFor(file)).forEach(e -> out.add(Finding.warning("unused", e)));
        } catch (ConfigException e) {
            out.add(Finding.error("parse", e));
        }
        Tables t = readTables(file, out);
        readerWarnings(t, out);
        try {
            Nat64Plan plan = nat64.orElse(null);
            if (plan == null && t.nat64() != null) {
                plan = Nat64Section.plan(file.section(Nat64Section.NAME).get(), t.nat64());
            }
            crossChecks(file, t, exists, plan, out);
            if (plan != null && t.nat64() != null) {
                out.addAll(Nat64Checks.tunName(plan, t.nat64(), t.ra(), t.dhcp4()));
                out.addAll(Nat64Checks.tunRoutes(plan, t.nat64()));
                out.addAll(Nat64Checks.tunUp(plan, t.nat64()));
                out.addAll(Nat64Checks.sourcePolicy(plan, t.nat64()));
            }
        } catch (ConfigException e) {
            out.add(Finding.error("parse", e)); // a table the readers accepted cannot fail here; kept for safety
        }
        return out;
    }

    /** What could be read of each table; null where the table is absent or has an error. */
    private record Tables(SharedPref64 pref64, GatewaySettings gateway, Dns64Settings dns64, RaConfig ra,
            Dhcp4Section.Settings dhcp4, Nat64Section nat64) {
    }

    private static Tables readTables(ConfigFile file, List<Finding> out) {
        SharedPref64 pref64 = attempt(out, () -> GatewaySection.pref64(file));
        GatewaySettings gateway = attempt(out, () -> GatewaySection.settings(file));
        attempt(out, () -> MetricsSection.read(file));
        attempt(out, () -> LoggingSection.read(file));
        Optional<SharedPref64> shared = Optional.ofNullable(pref64);
        Dns64Settings dns64 = present(file, Dns64Section.NAME)
                ? attempt(out, () -> Dns64Section.readShared(file.section(Dns64Section.NAME).get(), shared)) : null;
        RaConfig ra = present(file, RaSection.NAME)
                ? attempt(out, () -> RaSection.read(file.section(RaSection.NAME).get(), shared),
                        () -> RaSection.interfaceErrors(file.section(RaSection.NAME).get(), shared)) : null;
        Dhcp4Section.Settings dhcp4 = present(file, Dhcp4Section.NAME)
                ? attempt(out, () -> Dhcp4Section.read(file.section(Dhcp4Section.NAME).get()),
                        () -> Dhcp4Section.subnetErrors(file.section(Dhcp4Section.NAME).get())) : null;
        // pool6 defaults to the [pref64] prefix; disagreement is the cross check pref64-nat64's (all findings)
        Nat64Section nat64 = present(file, Nat64Section.NAME)
                ? attempt(out, () -> Nat64Section.read(file.section(Nat64Section.NAME).get(),
                        pref64 == null ? null : pref64.primary())) : null;
        if (!present(file, RaSection.NAME) && !present(file, Dhcp4Section.NAME) && !present(file, Dns64Section.NAME)
                && !present(file, Nat64Section.NAME)) {
            out.add(Finding.error("components", new ConfigException(file.name(), 0, null,
                    GatewaySection.COMPONENTS)));
        }
        return new Tables(pref64, gateway, dns64, ra, dhcp4, nat64);
    }

    /** The warnings the readers themselves give: PREF64 lifetime (RFC 8781 §4.1), V6ONLY_WAIT (RFC 8925 §3.4). */
    private static void readerWarnings(Tables t, List<Finding> out) {
        if (t.ra() != null) {
            for (String w : t.ra().warnings()) {
                out.add(new Finding(false, w.contains("PREF64 lifetime") ? "pref64-lifetime" : "ra",
                        w.replaceFirst("^warning: ", "")));
            }
        }
        if (t.dhcp4() != null) {
            for (String w : t.dhcp4().warnings()) {
                out.add(new Finding(false, w.contains("MIN_V6ONLY_WAIT") ? "v6only-wait" : "dhcp4", w));
            }
        }
    }

    private static void crossChecks(ConfigFile file, Tables t, Predicate<String> exists, Nat64Plan nat64,
            List<Finding> out) throws ConfigException {
        if (t.pref64() != null) {
            out.addAll(CrossChecks.androidPref64Length(file, t.pref64()));
        }
        if (exists != null) {
            out.addAll(CrossChecks.interfacesExist(file, t.ra(), t.dhcp4(), exists));
        }
        RaConfig effective = t.ra();   // as the gateway runs it: with the DNS64 as default RDNSS
        if (effective != null && t.dns64() != null && (t.gateway() == null || t.gateway().rdnssFromDns64())) {
            effective = GatewaySection.withRdnss(effective, GatewaySection.rdnssAddresses(t.dns64()));
        }
        out.addAll(CrossChecks.sameInterfaces(file, effective, t.dhcp4(), t.dns64() != null));
        out.addAll(CrossChecks.rdnssIsDns64(file, effective, t.dns64()));
        out.addAll(CrossChecks.dns64AllowsLan(file, effective, t.dns64()));
        if (t.pref64() != null) {
            out.addAll(CrossChecks.dns64EqualsNat64(t.dns64(), t.pref64(), nat64));
        }
        out.addAll(CrossChecks.pool4OutsideDhcp(t.dhcp4(), nat64));
    }

    private static boolean present(ConfigFile file, String name) {
        try {
            return file.section(name).isPresent();
        } catch (ConfigException e) {
            return true; // present but not a table: its reader reports it
        }
    }

    private interface Reader<T> {
        T read() throws ConfigException;
    }

    private static <T> T attempt(List<Finding> out, Reader<T> reader) {
        return attempt(out, reader, List::of);
    }

    /**
     * Reads with {@code reader}; on an error, also lists what {@code more} finds (the other
     * entries of an array of tables, each checked on its own), without repeating the first.
     */
    private static <T> T attempt(List<Finding> out, Reader<T> reader, Reader<List<ConfigException>> more) {
        try {
            return reader.read();
        } catch (ConfigException e) {
            out.add(Finding.error("parse", e));
            try {
                for (ConfigException other : more.read()) {
                    if (!other.getMessage().equals(e.getMessage())) {
                        out.add(Finding.error("parse", other));
                    }
                }
            } catch (ConfigException ignored) {
                // the first error is reported already
            }
            return null;
        }
    }
}
