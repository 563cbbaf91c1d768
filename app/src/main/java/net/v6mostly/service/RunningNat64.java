package net.v6mostly.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.config.Nat64Section;
import net.v6mostly.datapath.Nat64Datapath;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.ops.MappingLogWriter;
import net.v6mostly.ops.Nat64Metrics;
import net.v6mostly.tun.LinkConfigurator;
import net.v6mostly.tun.TunDevice;
import net.v6mostly.xlat.rfc6146.AsyncMappingLog;
import net.v6mostly.xlat.rfc6146.MappingLogSink;
import net.v6mostly.xlat.rfc6146.Nat64Config;
import net.v6mostly.xlat.rfc6146.Nat64Stat;
import net.v6mostly.xlat.rfc6146.Nat64State;
import net.v6mostly.xlat.rfc6146.Pool4;
import net.v6mostly.xlat.rfc6146.Protocol;

/**
 * A running stateful NAT64 (PLAT, RFC 6146), without signals or a command line: the TUN device and
 * its link, the data path (workers and the expiry sweeper), the shared tables with the static BIB,
 * and the mapping-log writer. {@code v6mostly nat64} wraps it with signals and the metrics
 * endpoint; {@code v6mostly gateway} embeds it the same way.
 *
 * <pre>
 * RunningNat64 nat64 = RunningNat64.start(section, LinkConfigurator.system(), log);
 * nat64.health();                 // data path up, pool4 use, exhaustion count
 * nat64.reload(newSection);       // static BIB, RFC 7915 settings, log file; sessions kept
 * nat64.sample(uptimeMs);         // what the metrics show; pages() for /nat64/{bib,sessions,stats}
 * nat64.close();                  // stop: workers finish their packet, the log is drained
 * </pre>
 */
public final class RunningNat64 implements AutoCloseable {
    /** Most rows the bib and sessions pages list. */
    static final int PAGE_LIMIT = 100_000;

    private final Nat64Datapath datapath;
    private final Nat64State state;
    private final AsyncMappingLog log;
    private final MappingLogWriter writer;
    private volatile Nat64Section config;

    private RunningNat64(Nat64Datapath datapath, Nat64State state, AsyncMappingLog log, MappingLogWriter writer,
            Nat64Section config) {
        this.datapath = datapath;
        this.state = state;
        this.log = log;
        this.writer = writer;
        this.config = config;
    }

    /**
     * Opens the TUN device, applies its link configuration, builds the tables with the static BIB
     * entries and starts the mapping log, the workers and the sweeper. Packets that raise an
     * unexpected exception in a worker (counted as {@code INTERNAL_ERROR}, dropped) are reported
     * through {@code report}.
     *
     * @throws LinuxException the device cannot be opened or the link configured
     * @throws IOException the mapping-log file cannot be opened
     */
    public static RunningNat64 start(Nat64Section config, LinkConfigurator links, Consumer<String> report)
            throws LinuxException, IOException {
        AsyncMappingLog log = new AsyncMappingLog(1 << 16);
        MappingLogWriter writer = config.log().equals("off") ? null
                : MappingLogWriter.start(log, config.log(), config.logHostname());
        Nat64State state = new Nat64State(config.engine(), config.log().equals("off") ? MappingLogSink.NONE : log);
        TunDevice tun;
        try {
            for (Nat64Section.StaticBib b : config.staticBib()) {
                state.addStatic(b.protocol(), b.ipv6().hi(), b.ipv6().lo(), b.port6(), b.ipv4(), b.port4(),
                        System.currentTimeMillis());
            }
            var t = config.tun();
            tun = TunDevice.open(new TunDevice.Options(t.name(), t.queues(), t.multiQueue(), t.offload()));
        } catch (LinuxException | IllegalArgumentException e) {
            if (writer != null) {
                writer.close();
            }
            throw e;
        }
        try {
            LinkSetup.apply(config.tun(), links);
        } catch (LinuxException e) {
            tun.close();
            if (writer != null) {
                writer.close();
            }
            throw e;
        }
        Nat64Datapath datapath = Nat64Datapath.start(tun, state, config.xlat(), config.icmpErrorsFromSender(),
                config.tun().workers(), report);
        datapath.busyPoll(config.tun().busyPollMicros());
        return new RunningNat64(datapath, state, log, writer, config);
    }

    /**
     * Applies {@code next} without dropping sessions: pool4 addresses added (and removed ones retired:
     * they keep their mappings until these expire, and take no new hosts), static BIB entries added
     * and removed, the RFC 7915 settings (own addresses, MTUs), the mapping-log file re-opened, the
     * timeouts, per-host limits, filtering and session logging (from the next packet). Changes of
     * pool6, port ranges, port blocks, max-held-syns or the TUN need a restart; they are returned in
     * {@link ReloadOutcome#restart()} and not applied.
     */
    public ReloadOutcome reload(Nat64Section next) {
        Nat64Section now = config;
        List<String> changes = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        if (!now.pool6().equals(next.pool6())) {
            restart.add("pool6");
        }
        if (!sameEngine(now.engine(), next.engine())) {
            try {
                state.reconfigure(next.engine());
                changes.add("timeouts, limits, filtering or logging");
            } catch (IllegalArgumentException e) {
                restart.add(e.getMessage());
            }
        }
        if (!sameRanges(now.engine().pool4(), next.engine().pool4())) {
            restart.add("port ranges");
        } else if (!sameAddresses(now.engine().pool4(), next.engine().pool4())) {
            Pool4 wanted = next.engine().pool4();
            int[] addresses = new int[wanted.size()];
            for (int i = 0; i < addresses.length; i++) {
                addresses[i] = wanted.address(i);
            }
            changes.add("pool4 " + state.pool4().update(addresses));
        }
        if (!now.tun().equals(next.tun())) {
            restart.add("[nat64.tun]");
        }
        staticBib(now, next, changes);
        if (!now.xlat().equals(next.xlat()) || now.icmpErrorsFromSender() != next.icmpErrorsFromSender()) {
            datapath.reload(next.xlat());
            changes.add("translation settings");
        }
        if (writer != null && !next.log().equals("off")) {
            writer.reopen(next.log());
            changes.add("mapping log re-opened (" + next.log() + ")");
        }
        config = next;
        return ReloadOutcome.applied(changes, restart);
    }

    /** Every engine setting but pool4 (compared by {@link #sameRanges} and {@link #sameAddresses}) and the secret. */
    private static boolean sameEngine(Nat64Config a, Nat64Config b) {
        return a.timeouts().equals(b.timeouts()) && a.addressDependentFiltering() == b.addressDependentFiltering()
                && a.maxPortsPerHost() == b.maxPortsPerHost() && a.maxSessionsPerHost() == b.maxSessionsPerHost()
                && a.blockSize() == b.blockSize() && a.maxBlocksPerHost() == b.maxBlocksPerHost()
                && a.dropExternallyInitiatedTcp() == b.dropExternallyInitiatedTcp()
                && a.maxHeldSyns() == b.maxHeldSyns() && a.logSessions() == b.logSessions()
                && a.subscriberPrefixLength() == b.subscriberPrefixLength() && a.maxBibEntries() == b.maxBibEntries()
                && a.maxSessions() == b.maxSessions();
    }

    /** The live (not retired) addresses of both pools are the same set. */
    private static boolean sameAddresses(Pool4 a, Pool4 b) {
        Set<Integer> x = new HashSet<>();
        Set<Integer> y = new HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.isRetired(i)) {
                x.add(a.address(i));
            }
        }
        for (int i = 0; i < b.size(); i++) {
            if (!b.isRetired(i)) {
                y.add(b.address(i));
            }
        }
        return x.equals(y);
    }

    private static boolean sameRanges(Pool4 a, Pool4 b) {
        for (Protocol p : Protocol.values()) {
            if (!a.range(p).equals(b.range(p))) {
                return false;
            }
        }
        return true;
    }

    private void staticBib(Nat64Section now, Nat64Section next, List<String> changes) {
        Set<Nat64Section.StaticBib> old = new HashSet<>(now.staticBib());
        Set<Nat64Section.StaticBib> wanted = new HashSet<>(next.staticBib());
        for (Nat64Section.StaticBib b : old) {
            if (!wanted.contains(b) && state.removeStatic(b.protocol(), b.ipv6().hi(), b.ipv6().lo(), b.port6(),
                    System.currentTimeMillis())) {
                changes.add("static BIB entry removed: " + describe(b));
            }
        }
        for (Nat64Section.StaticBib b : wanted) {
            if (!old.contains(b)) {
                try {
                    state.addStatic(b.protocol(), b.ipv6().hi(), b.ipv6().lo(), b.port6(), b.ipv4(), b.port4(),
                        System.currentTimeMillis());
                    changes.add("static BIB entry added: " + describe(b));
                } catch (IllegalArgumentException e) {
                    changes.add("static BIB entry NOT added: " + e.getMessage());
                }
            }
        }
    }

    private static String describe(Nat64Section.StaticBib b) {
        return b.protocol().label() + " " + b.ipv6() + "#" + b.port6() + " <-> " + Ipv4.format(b.ipv4()) + "#" + b.port4();
    }

    /**
     * Health for an orchestrator.
     *
     * @param dataPathUp every worker and the sweeper run
     * @param failure why a worker stopped, or null
     * @param pool4Use the highest share of pool4 ports in use over the protocols, 0..1
     * @param pool4Exhausted new mappings refused for lack of ports (RFC 6888 REQ-11), since start
     */
    public record Health(boolean dataPathUp, String failure, double pool4Use, long pool4Exhausted) {
    }

    /** The health now. */
    public Health health() {
        double use = 0;
        Map<Protocol, Long> used = portsUsed();
        Map<Protocol, Long> total = portsTotal();
        for (Protocol p : Protocol.values()) {
            use = Math.max(use, total.get(p) == 0 ? 0 : (double) used.get(p) / total.get(p));
        }
        return new Health(datapath.running(), datapath.failure(), use,
                datapath.stateCounters().getOrDefault(Nat64Stat.POOL4_EXHAUSTED_64, 0L));
    }

    /** The data path (counters of each family). */
    public Nat64Datapath datapath() {
        return datapath;
    }

    /** The shared tables. */
    public Nat64State state() {
        return state;
    }

    /** The configuration in force. */
    public Nat64Section config() {
        return config;
    }

    /** Everything the metrics endpoint and the stats page show. */
    public Nat64Metrics.Sample sample(long uptimeMillis) {
        Map<Protocol, Long> bibs = new EnumMap<>(Protocol.class);
        Map<Protocol, Long> sessions = new EnumMap<>(Protocol.class);
        for (Protocol p : Protocol.values()) {
            bibs.put(p, (long) state.bibCount(p));
            sessions.put(p, (long) state.sessionCount(p));
        }
        return new Nat64Metrics.Sample(datapath.running(), uptimeMillis, datapath.exits(), datapath.stateCounters(),
                datapath.xlatCounters(), datapath.datapathCounters(), bibs, sessions, portsUsed(), portsTotal(),
                state.hostCount(), state.subscriberCount(), state.heldSyns(), writer == null ? Nat64Metrics.LogStatus.OFF
                        : new Nat64Metrics.LogStatus(true, writer.writing(), writer.counters()));
    }


    /** Plain-text pages for the metrics server: {@code /nat64/bib}, {@code /nat64/sessions}, {@code /nat64/stats[-all]}. */
    public Map<String, Supplier<String>> pages(Supplier<Long> uptimeMillis) {
        return Map.of("/nat64/bib", this::bibPage, "/nat64/sessions", this::sessionsPage,
                "/nat64/stats", () -> Nat64Metrics.table(sample(uptimeMillis.get()), false),
                "/nat64/stats-all", () -> Nat64Metrics.table(sample(uptimeMillis.get()), true));
    }

    private Map<Protocol, Long> portsUsed() {
        Map<Protocol, Long> m = new EnumMap<>(Protocol.class);
        Pool4 pool = state.pool4();
        for (Protocol p : Protocol.values()) {
            long n = 0;
            for (int a = 0; a < pool.size(); a++) {
                n += pool.used(p, a);
            }
            m.put(p, n);
        }
        return m;
    }

    private Map<Protocol, Long> portsTotal() {
        Map<Protocol, Long> m = new EnumMap<>(Protocol.class);
        Pool4 pool = state.pool4();
        for (Protocol p : Protocol.values()) {
            m.put(p, (long) pool.range(p).size() * pool.size());
        }
        return m;
    }

    /** {@code proto ipv6#port ipv4#port kind sessions}, one line per BIB entry. */
    String bibPage() {
        StringBuilder b = new StringBuilder("proto  ipv6#port  ipv4#port  kind  sessions\n");
        int n = 0;
        for (Protocol p : Protocol.values()) {
            for (Nat64State.BibEntry e : state.bibEntries(p, PAGE_LIMIT - n)) {
                b.append(p.label()).append("  ").append(new Ipv6Address(e.hi(), e.lo())).append('#').append(e.port6())
                        .append("  ").append(Ipv4.format(e.addr4())).append('#').append(e.port4()).append("  ")
                        .append(e.isStatic() ? "static" : "dynamic").append("  ").append(e.sessions()).append('\n');
                n++;
            }
        }
        if (n >= PAGE_LIMIT) {
            b.append("(first ").append(PAGE_LIMIT).append(" entries only)\n");
        }
        return b.toString();
    }

    /** {@code proto ipv6#port ipv4#port remote#port state expires-in}, one line per session. */
    String sessionsPage() {
        StringBuilder b = new StringBuilder("proto  ipv6#port  ipv4#port  remote4#port  state  expires-in\n");
        long now = System.currentTimeMillis();
        int n = 0;
        for (Protocol p : Protocol.values()) {
            for (Nat64State.SessionEntry e : state.sessionEntries(p, PAGE_LIMIT - n)) {
                b.append(p.label()).append("  ").append(new Ipv6Address(e.hi(), e.lo())).append('#').append(e.port6())
                        .append("  ").append(Ipv4.format(e.addr4())).append('#').append(e.port4()).append("  ")
                        .append(Ipv4.format(e.remote4())).append('#').append(e.remotePort()).append("  ")
                        .append(p == Protocol.TCP ? e.state().name() : "-").append("  ")
                        .append(String.format(Locale.ROOT, "%ds", Math.max(0, (e.expiresAt() - now) / 1000)))
                        .append('\n');
                n++;
            }
        }
        if (n >= PAGE_LIMIT) {
            b.append("(first ").append(PAGE_LIMIT).append(" sessions only)\n");
        }
        return b.toString();
    }

    /** Stops the data path (each worker finishes its packet) and drains the mapping log. */
    @Override
    public void close() {
        datapath.close();
        if (writer != null) {
            writer.close();
        }
    }
}
