package net.v6mostly.gateway;

import java.io.IOException;

import net.v6mostly.config.GatewayConfig;

/**
 * One service of the gateway (RA, DHCPv4, DNS64, and NAT64 once it is wired), as {@link Gateway}
 * drives it: start, reload the whole file's settings (SIGHUP), stop (clean shutdown), report
 * health and counters, and follow the IPv6-only signalling decision.
 *
 * <p><b>NAT64 seam.</b> The stateful NAT64 daemon plugs in as one more implementation: {@link
 * #start} starts its data path, {@link #reload} applies the new {@code [nat64]} settings without
 * dropping sessions, {@link #health} is down while the data path is down or pool4 is exhausted,
 * {@link #isHealthInput} returns true, {@link #metrics} renders its counters. {@code
 * GatewayCommand#components} is the one place that lists the components.
 */
public interface GatewayComponent {
    /** Short name for logs and metric labels: {@code ra}, {@code dhcp4}, {@code dns64}, {@code nat64}. */
    String name();

    /**
     * Opens sockets and starts serving on the component's own thread(s); returns once serving.
     *
     * @throws IOException when a socket, interface or file cannot be opened
     */
    void start() throws IOException;

    /** Applies {@code config} (already validated) without dropping state: leases, schedules, sessions. */
    void reload(GatewayConfig config);

    /** Stops serving, doing the component's last duty (final RA, journal compaction); blocks until done. */
    void stop();

    /** Current health; components that are not inputs of the signalling are always up. */
    default Health health() {
        return Health.UP;
    }

    /** Whether {@link #health} drives the IPv6-only signalling (DNS64 and NAT64 do). */
    default boolean isHealthInput() {
        return false;
    }

    /**
     * Follows the signalling decision: {@code true} to advertise IPv6-only service (option 108,
     * PREF64 with its lifetime), {@code false} to withdraw it (no 108, PREF64 lifetime 0). May be
     * called before {@link #start}; the component then starts in that state.
     */
    default void ipv6OnlySignalling(boolean enabled) {
    }

    /** The component's metrics in the Prometheus text format; safe from the HTTP thread. */
    String metrics();
}
