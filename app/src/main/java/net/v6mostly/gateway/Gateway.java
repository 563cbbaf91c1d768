package net.v6mostly.gateway;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import net.v6mostly.config.GatewayConfig;
import net.v6mostly.ops.PrometheusText;

/**
 * The running gateway: its components in start order (DNS64 first, so the RDNSS the first RA
 * names answers; then DHCPv4 and NAT64; the RA last, so hosts hear of the network once the rest
 * serves, and first to stop, so hosts hear the final RA before the NAT64 goes), the health
 * signalling over them, and the metrics of all. Stops in reverse order: the final RA (router
 * lifetime 0, RFC 4861 §6.2.5) goes out first.
 */
public final class Gateway {
    private final List<GatewayComponent> components;
    private final HealthSignal signal;
    private final Consumer<String> log;
    private final long started = System.currentTimeMillis();
    private final List<GatewayComponent> running = new ArrayList<>();

    /** A gateway of {@code components} (in start order) signalling as {@code signal} decides. */
    public Gateway(List<GatewayComponent> components, HealthSignal signal, Consumer<String> log) {
        this.components = List.copyOf(components);
        this.signal = signal;
        this.log = log;
    }

    /**
     * Starts every component; on a failure stops those already started and rethrows. The
     * signalling is decided before each start, so a health input found down while starting (DNS64
     * without upstream) already shapes the first RA and the first DHCPv4 answer.
     */
    public void start() throws IOException {
        for (GatewayComponent c : components) {
            try {
                signal.poll();
                c.start();
                running.add(c);
            } catch (IOException | RuntimeException e) {
                log.accept("cannot start " + c.name() + ": " + e.getMessage() + "; stopping the others");
                stop();
                throw e;
            }
        }
        signal.poll();
    }

    /** One round of the health signalling; call a few times a second. Returns the decision. */
    public boolean poll() {
        return signal.poll();
    }

    /** Applies a validated configuration to every component. */
    public void reload(GatewayConfig config) {
        for (GatewayComponent c : running) {
            c.reload(config);
        }
    }

    /** Stops the running components in reverse start order. */
    public void stop() {
        for (int i = running.size() - 1; i >= 0; i--) {
            GatewayComponent c = running.get(i);
            c.stop();
            log.accept("stopped " + c.name());
        }
        running.clear();
    }

    /** The pages of every component besides {@code /metrics} (NAT64's bib, sessions, stats); once started. */
    public Map<String, Supplier<String>> pages() {
        Map<String, Supplier<String>> out = new java.util.TreeMap<>();
        for (GatewayComponent c : running) {
            out.putAll(c.pages());
        }
        return out;
    }

    /** The whole metrics page: the gateway's own gauges, then each component's. */
    public String metrics() {
        List<String[]> health = new ArrayList<>();
        for (Map.Entry<String, Health> e : signal.inputs().entrySet()) {
            health.add(new String[] {"component=\"" + e.getKey() + "\"", e.getValue().up() ? "1" : "0"});
        }
        StringBuilder out = new StringBuilder(new PrometheusText()
                .gauge("v6mostly_gateway_up", "1 while the gateway runs", "1")
                .gauge("v6mostly_gateway_uptime_seconds", "seconds since the gateway started",
                        String.format(Locale.ROOT, "%.3f", (System.currentTimeMillis() - started) / 1000.0))
                .gauge("v6mostly_gateway_ipv6_only_signalling", "1 while option 108 and PREF64 are advertised; 0 while"
                        + " withdrawn because a health input is down", signal.signalling() ? "1" : "0")
                .gauge("v6mostly_gateway_signalling_changes", "how often the signalling decision changed",
                        Long.toString(signal.changes()))
                .labelledGauge("v6mostly_gateway_health_input_up", "health of each input of the signalling", health)
                .toString());
        for (GatewayComponent c : components) {
            out.append(c.metrics());
        }
        return out.toString();
    }
}
