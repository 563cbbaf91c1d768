package net.v6mostly.lab;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import net.v6mostly.ops.ClatMetrics;
import net.v6mostly.ops.Scrape;

/**
 * The CLAT of an IPv6-only device: {@code v6mostly clat} on the device's LAN interface with
 * everything left to discovery (RFC 9872: the PREF64 from the gateway's RA), and what it reports
 * on its metrics endpoint once it is on.
 */
final class LabClat {
    static final String METRICS = "127.0.0.1:9464";

    private final Shell sh;
    private final GatewayFigures metrics;
    private final LabReport report;
    private Process process;
    private Device device;

    LabClat(Shell sh, GatewayFigures metrics, LabReport report) {
        this.sh = sh;
        this.metrics = metrics;
        this.report = report;
    }

    /** Whether the {@code v6mostly clat} process still runs. */
    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Its metrics now; no samples when it does not answer. */
    Metrics metrics() {
        return device == null ? Metrics.parse("") : Metrics.parse(metrics.fetch(device.ns(), METRICS));
    }

    /** The device it runs on (null before {@link #start}). */
    Device device() {
        return device;
    }

    /** The last error line of its log (its last line when there is none): why it stopped. */
    String logReason() {
        if (device == null) {
            return "";
        }
        java.util.List<String> lines = LanDevices.read(sh.dir().resolve(device.name() + "-clat.log")).lines().toList();
        return lines.reversed().stream().filter(l -> l.contains("error") && !l.strip().startsWith("at ")).findFirst()
                .orElse(lines.isEmpty() ? "" : lines.getLast()).strip();
    }

    /** Starts the CLAT on {@code d}; returns whether it turned on within 40 s (bounded wait). */
    boolean start(Device d) {
        Path log = sh.dir().resolve(d.name() + "-clat.log");
        device = d;
        process = sh.start(log, SelfCommand.in(d.ns(), "clat", "--interface", d.iface()));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        Scrape scrape = Scrape.parse("");
        while (System.nanoTime() < end) {
            scrape = Scrape.parse(metrics.fetch(d.ns(), METRICS));
            if (scrape.value(ClatMetrics.ON) == 1) {
                break;
            }
            LanDevices.sleep(500);
        }
        java.util.Map<String, String> info = scrape.labels(ClatMetrics.INFO);
        boolean on = scrape.value(ClatMetrics.ON) == 1;
        if (on) {
            report.setup(d.name(), "v6mostly clat: PREF64 " + info.getOrDefault("prefix", "?") + " from "
                    + info.getOrDefault("source", "?") + " (RFC 9872), CLAT address " + info.getOrDefault("clat_ipv6", "?")
                    + ", IPv4 " + info.getOrDefault("clat_ipv4", "?") + " on " + info.getOrDefault("tun", "?"));
            report.add(Check.pass(d.name(), "CLAT turns on", "PREF64 from " + info.getOrDefault("source", "?")));
        } else {
            report.add(Check.fail(d.name(), "CLAT turns on", info.isEmpty()
                    ? "no status from v6mostly clat in 40 s: " + LanDevices.tail(log)
                    : "state " + info.getOrDefault("state", "?") + ": " + info.getOrDefault("reason_text", "?")));
        }
        return on;
    }
}
