package net.v6mostly.service;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.config.RunConfig;
import net.v6mostly.datapath.SiitDatapath;
import net.v6mostly.dns64.Ipv4OnlyArpaLookup;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.net.ClatLoop;
import net.v6mostly.ops.ClatMetrics;
import net.v6mostly.xlat.rfc6877.ClatSettings;
import net.v6mostly.xlat.rfc6877.ClatState;
import net.v6mostly.xlat.rfc6877.Pref64;

/**
 * The CLAT of 464XLAT (RFC 6877) as a service: its control loop ({@link ClatLoop}: RAs, rtnetlink,
 * RFC 7050, the host's routes and the translator) on a thread of its own, RFC 7050 asked through
 * the DNS64 module's {@link Ipv4OnlyArpaLookup}. Standalone ({@code v6mostly clat}) on a host, or in
 * the gateway of a CE router (RFC 6877 §6.1, {@code [clat]} beside {@code [ra]} and {@code [dhcp4]}),
 * where it shares the metrics endpoint and supervision. The RA socket failing for good, or a
 * translator worker stopping, ends the loop: the service is dead and the runner's policy applies.
 * It does not withdraw the IPv6-only signalling when dead: the LAN's IPv6-only hosts do not use it.
 */
public final class ClatService implements Service {
    private final ClatLoop loop;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final long startedAt = System.nanoTime();
    private volatile String failure;
    private Thread control;

    /** A CLAT for {@code settings}, logging through {@code log}; nothing is touched before {@link #start}. */
    public ClatService(ClatSettings settings, Consumer<String> log) {
        this.loop = new ClatLoop(settings, log, servers -> {
            Ipv4OnlyArpaLookup.Answer a = Ipv4OnlyArpaLookup.query(servers, Duration.ofSeconds(2));
            return new ClatLoop.Answer(a.aaaa(), a.ttlSeconds(), a.server());
        }, Ipv4OnlyArpaLookup::systemResolvers);
    }

    @Override
    public String name() {
        return "clat";
    }

    /** Sets the host up and starts the control loop on its own thread. */
    @Override
    public void start() throws IOException {
        try {
            loop.open();
        } catch (LinuxException e) {
            throw new IOException("cannot set up the CLAT on " + loop.settings().iface() + ": " + e.getMessage(), e);
        }
        control = Thread.ofPlatform().name("v6mostly-clat-control").start(() -> failure = loop.run(stopping));
    }

    @Override
    public ReloadOutcome reload(RunConfig config) {
        // host changes are undone and redone at start
        return loop.settings().equals(config.clat()) ? ReloadOutcome.UNCHANGED
                : ReloadOutcome.applied(List.of(), List.of("[clat]"));
    }

    /** Stops the control loop and undoes what the CLAT set up on the host. */
    @Override
    public void stop() {
        stopping.countDown();
        ServiceThreads.await(control, 5_000);
        loop.close();
    }

    /** Why the control loop ended on its own (RA socket, translator worker), or null. */
    @Override
    public String failure() {
        return failure;
    }

    /** False: the LAN's IPv6-only hosts do not go through the CE's CLAT. */
    @Override
    public boolean withdrawsSignallingWhenDead() {
        return false;
    }

    @Override
    public MetricSnapshots metrics() {
        ClatState s = loop.state();
        if (s == null) {
            return MetricSnapshots.of();
        }
        Map<String, String> info = new LinkedHashMap<>();
        info.put("state", s.on() ? "on" : "off");
        info.put("reason", s.reason().label());
        info.put("reason_text", s.reason().explanation());
        info.put("prefix", s.pref64().map(p -> p.prefix().toString()).orElse("none"));
        info.put("source", s.pref64().map(Pref64::source).map(x -> x.label()).orElse("none"));
        info.put("clat_ipv6", s.clat6() == null ? "none" : s.clat6().toString());
        info.put("dad", s.dad().name().toLowerCase(Locale.ROOT));
        info.put("clat_ipv4", Ipv4.format(s.clat4()));
        info.put("uplink", loop.settings().iface());
        info.put("tun", loop.settings().tun());
        info.put("mtu", Integer.toString(loop.mtu4()));
        info.put("ipv4_default_route", Boolean.toString(s.host().ipv4DefaultRoute()));
        info.put("ipv4_lease", Boolean.toString(s.host().ipv4Lease()));
        info.put("ipv6_default_route", Boolean.toString(s.host().ipv6DefaultRoute()));
        SiitDatapath dp = loop.datapath();
        return ClatMetrics.snapshots(new ClatMetrics.Sample(info, s.on(), loop.counters(),
                dp == null ? Map.of() : dp.xlatCounters(), dp == null ? Map.of() : dp.datapathCounters(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt)));
    }

    /** Why it is on or off, and what it translated. */
    @Override
    public String summary() {
        ClatState s = loop.state();
        SiitDatapath dp = loop.datapath();
        return s == null ? "" : s.reason().label() + ", " + (dp == null ? "nothing translated"
                : dp.xlatCounters().entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey().name() + " " + e.getValue()).reduce((a, b) -> a + ", " + b)
                        .orElse("nothing translated"));
    }
}
