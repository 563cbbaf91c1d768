package net.v6mostly.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.config.RunConfig;
import net.v6mostly.config.SiitConfig;
import net.v6mostly.datapath.DatapathStat;
import net.v6mostly.datapath.SiitDatapath;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.ops.SiitMetrics;
import net.v6mostly.ops.StatsText;
import net.v6mostly.tun.LinkConfigurator;
import net.v6mostly.tun.TunDevice;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.XlatStat;
import net.v6mostly.xlat.rfc7757.EamEntry;

/**
 * The stateless translator (SIIT, RFC 7915, with the EAM table of RFC 7757) on a TUN device, as
 * {@code v6mostly siit} runs it: the device and its link configuration ({@code [siit.tun]}), the
 * data path's workers, its counters. A reload hands the new translator settings (EAM table,
 * prefixes, MTUs, policies) to the workers and names each change; {@code [siit.tun]} needs a
 * restart. A worker that stops (its {@code read(2)} on the TUN failed) makes the service dead.
 */
public final class SiitService implements Service {
    private final LinkConfigurator links;
    private final Consumer<String> log;
    private final long started = System.currentTimeMillis();
    private volatile SiitConfig config;
    private volatile SiitDatapath datapath;

    /** A translator for {@code config}, configuring its link through {@code links}. */
    public SiitService(SiitConfig config, LinkConfigurator links, Consumer<String> log) {
        this.config = config;
        this.links = links;
        this.log = log;
    }

    @Override
    public String name() {
        return "siit";
    }

    /** Opens the TUN device, applies its link configuration and starts the workers. */
    @Override
    public void start() throws IOException {
        var t = config.tun();
        TunDevice tun;
        try {
            tun = TunDevice.open(new TunDevice.Options(t.name(), t.queues(), t.multiQueue(), t.offload()));
        } catch (LinuxException e) {
            throw new IOException("cannot open the TUN device " + t.name() + ": " + e.getMessage()
                    + TunMessages.hint(e.errno()), e);
        }
        tun.notes().forEach(log);
        try {
            LinkSetup.apply(t, links);
        } catch (LinuxException e) {
            tun.close();
            throw new IOException("cannot configure the link " + tun.name() + ": " + e.getMessage(), e);
        }
        log.accept(startupLine(tun));   // before the first packet: whoever sees one finds the line written
        SiitDatapath dp = SiitDatapath.start(tun, config.siit(), t.workers(), log);
        dp.busyPoll(t.busyPollMicros());
        datapath = dp;
    }

    @Override
    public ReloadOutcome reload(RunConfig next) {
        SiitConfig now = config;
        if (next.siit() == null) {
            return ReloadOutcome.UNCHANGED;
        }
        List<String> changes = changes(now.siit(), next.siit().siit());
        List<String> restart = new ArrayList<>();
        if (!next.siit().tun().equals(now.tun())) {
            restart.add("[siit.tun]");
        }
        SiitDatapath dp = datapath;
        if (!changes.isEmpty() && dp != null) {
            dp.reload(next.siit().siit());
        }
        // keep the running device settings, so a later reload still reports them
        config = new SiitConfig(next.siit().siit(), now.tun());
        return ReloadOutcome.applied(changes, restart);
    }

    @Override
    public void stop() {
        SiitDatapath dp = datapath;
        if (dp != null) {
            dp.close();
        }
    }

    /** Why a worker stopped, or null while all run. */
    @Override
    public String failure() {
        SiitDatapath dp = datapath;
        if (dp == null) {
            return null;
        }
        String failure = dp.failure();
        return failure != null ? failure : dp.running() ? null : "a data-path worker's thread ended unexpectedly";
    }

    @Override
    public MetricSnapshots metrics() {
        SiitDatapath dp = datapath;
        return dp == null ? MetricSnapshots.of() : SiitMetrics.snapshots(new SiitMetrics.Sample(dp.xlatCounters(), dp.datapathCounters(),
                dp.running(), System.currentTimeMillis() - started));
    }

    /** The data path, once started; for tests. */
    SiitDatapath datapath() {
        return datapath;
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

    /** {@code translating on siit0: 1 queue, 1 worker, offloads csum tso4 ..., pool6 ..., 1 EAM entry, ...}. */
    private String startupLine(TunDevice tun) {
        SiitSettings s = config.siit();
        int eam = s.eam().entries().size();
        int busy = config.tun().busyPollMicros();
        return "translating on " + tun.name() + ": " + plural(tun.queues(), "queue") + ", "
                + plural(config.tun().workers(), "worker") + (busy > 0 ? " (busy poll " + busy + " µs)" : "")
                + ", offloads " + TunMessages.offloads(tun) + ", pool6 " + (s.pool6() == null ? "unset" : s.pool6())
                + ", " + eam + " EAM " + (eam == 1 ? "entry" : "entries") + ", mtu4 " + s.mtu4() + ", mtu6 " + s.mtu6();
    }

    /** {@code after 1m 02s: 200 packets read, 198 written; TRANSLATED_46 99, ...; 2 dropped}. */
    @Override
    public String summary() {
        SiitDatapath dp = datapath;
        if (dp == null) {
            return "";
        }
        Map<DatapathStat, Long> counters = dp.datapathCounters();
        StringBuilder b = new StringBuilder("after ").append(duration()).append(": ")
                .append(counters.getOrDefault(DatapathStat.PACKETS_READ, 0L)).append(" packets read, ")
                .append(counters.getOrDefault(DatapathStat.PACKETS_WRITTEN, 0L)).append(" written");
        long drops = 0;
        StringBuilder exits = new StringBuilder();
        for (Map.Entry<XlatStat, Long> e : dp.xlatCounters().entrySet()) {
            if (e.getValue() > 0) {
                exits.append(exits.isEmpty() ? "" : ", ").append(e.getKey().name()).append(' ').append(e.getValue());
                drops += e.getKey().isDrop() ? e.getValue() : 0;
            }
        }
        for (Map.Entry<DatapathStat, Long> e : counters.entrySet()) {
            drops += e.getKey().isDrop() ? e.getValue() : 0;
        }
        return b.append("; ").append(exits.isEmpty() ? "nothing translated" : exits).append("; ").append(drops)
                .append(" dropped").toString();
    }

    private String duration() {
        long ms = System.currentTimeMillis() - started;
        return ms < 60_000 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0) : StatsText.duration(ms / 1000);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
