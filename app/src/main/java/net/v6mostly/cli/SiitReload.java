package net.v6mostly.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.config.ConfigException;
import net.v6mostly.config.SiitDaemonConfig;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.rfc7757.EamEntry;

/**
 * What SIGHUP does to {@code v6mostly siit}, without the signal: re-read the file; if it is valid,
 * hand the new translator settings (EAM table, prefixes, MTUs, policies) to the data path and say
 * what changed; if not, keep the running settings and report the located error. Changes to
 * {@code [siit.tun]} and {@code [metrics]} need a restart and are reported as such.
 */
final class SiitReload {
    /** Reads the configuration file; {@code SiitDaemonConfig.load(path)} in the daemon. */
    @FunctionalInterface
    interface Loader {
        SiitDaemonConfig load() throws ConfigException;
    }

    /**
     * The result of one reload.
     *
     * @param error    the located configuration error, or null when the file was valid
     * @param changes  the translator settings that changed and were applied, e.g. {@code mtu6 1500 -> 1280}
     * @param restart  changes that were not applied because they need a restart
     */
    record Outcome(String error, List<String> changes, List<String> restart) {
        boolean applied() {
            return error == null && !changes.isEmpty();
        }
    }

    private final Loader loader;
    private final Consumer<SiitSettings> datapath;
    private SiitDaemonConfig current;

    /** {@code datapath} receives each new, valid, different translator configuration. */
    SiitReload(SiitDaemonConfig running, Loader loader, Consumer<SiitSettings> datapath) {
        this.current = running;
        this.loader = loader;
        this.datapath = datapath;
    }

    /** The configuration in force. */
    SiitDaemonConfig current() {
        return current;
    }

    /** Re-reads the file and applies what can be applied without a restart. */
    Outcome reload() {
        SiitDaemonConfig next;
        try {
            next = loader.load();
        } catch (ConfigException e) {
            return new Outcome(e.getMessage(), List.of(), List.of());
        }
        List<String> changes = changes(current.siit(), next.siit());
        List<String> restart = new ArrayList<>();
        if (!next.tun().equals(current.tun())) {
            restart.add("[siit.tun]");
        }
        if (!next.metrics().equals(current.metrics())) {
            restart.add("[metrics]");
        }
        if (!changes.isEmpty()) {
            datapath.accept(next.siit());
        }
        // keep the running device and endpoint settings, so a later reload still reports them
        current = new SiitDaemonConfig(next.siit(), current.tun(), current.metrics());
        return new Outcome(null, changes, restart);
    }

    /** Each translator setting that differs, as {@code key old -> new}, EAM entries as added and removed. */
    static List<String> changes(SiitSettings a, SiitSettings b) {
        List<String> out = new ArrayList<>();
        diff(out, "pool6", a.pool6(), b.pool6());
        List<EamEntry> removed = new ArrayList<>(a.eam().entries());
        removed.removeAll(b.eam().entries());
        List<EamEntry> added = new ArrayList<>(b.eam().entries());
        added.removeAll(a.eam().entries());
        added.forEach(e -> out.add("eam added " + e));
        removed.forEach(e -> out.add("eam removed " + e));
        diff(out, "eam-hairpin-mode", a.hairpin(), b.hairpin());
        diff(out, "rfc6791-v4-pool", a.rfc6791v4(), b.rfc6791v4());
        diff(out, "rfc6791-v6-pool", a.rfc6791v6(), b.rfc6791v6());
        diff(out, "icmp-dummy-source", a.dummySourceExtension(), b.dummySourceExtension());
        diff(out, "ipv4-address", Ipv4.format(a.ownIpv4()), Ipv4.format(b.ownIpv4()));
        diff(out, "ipv6-address", a.ownIpv6(), b.ownIpv6());
        diff(out, "lowest-ipv6-mtu", a.lowestIpv6Mtu(), b.lowestIpv6Mtu());
        diff(out, "mtu4", a.mtu4(), b.mtu4());
        diff(out, "mtu6", a.mtu6(), b.mtu6());
        diff(out, "amend-udp-checksum-zero", a.amendUdpZeroChecksum(), b.amendUdpZeroChecksum());
        diff(out, "wkp-translate-non-global", a.wkpNonGlobal(), b.wkpNonGlobal());
        diff(out, "reset-traffic-class", a.resetTrafficClass(), b.resetTrafficClass());
        diff(out, "icmp-errors-46", a.icmpErrors46(), b.icmpErrors46());
        diff(out, "icmp-errors-64", a.icmpErrors64(), b.icmpErrors64());
        diff(out, "icmp-error-rate", a.icmpErrorsPerSecond(), b.icmpErrorsPerSecond());
        diff(out, "icmp-error-burst", a.icmpErrorBurst(), b.icmpErrorBurst());
        diff(out, "deny4", a.deny4(), b.deny4());
        diff(out, "allow6-sources", a.allow6Sources(), b.allow6Sources());
        return out;
    }

    private static void diff(List<String> out, String key, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(key + " " + (a == null ? "unset" : a) + " -> " + (b == null ? "unset" : b));
        }
    }
}
