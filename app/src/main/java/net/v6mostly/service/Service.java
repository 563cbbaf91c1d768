package net.v6mostly.service;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

import net.v6mostly.config.RunConfig;

/**
 * One service of the gateway (RA, DHCPv4, DNS64, NAT64), as {@link Gateway} drives it: start,
 * reload the whole file's settings (SIGHUP), stop (clean shutdown), report health, counters and
 * pages, and follow the IPv6-only signalling decision. DNS64 and NAT64 ({@link Nat64Service})
 * are health inputs. {@code GatewayCommand#components} is the one place that lists the components.
 */
public interface Service {
    /** Short name for logs and metric labels: {@code ra}, {@code dhcp4}, {@code dns64}, {@code nat64}. */
    String name();

    /**
     * Opens sockets and starts serving on the component's own thread(s); returns once serving.
     *
     * @throws IOException when a socket, interface or file cannot be opened
     */
    void start() throws IOException;

    /** Applies {@code config} (already validated) without dropping state: leases, schedules, sessions. */
    void reload(RunConfig config);

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
     * Why the component cannot go on (its loop ended on an error), or null while it can. The
     * gateway also watches the component's threads itself ({@link ServiceThreads}); this adds
     * the component's own words for the reason. Not called while stopping.
     */
    default String failure() {
        return null;
    }

    /**
     * Whether the IPv6-only signalling (option 108, PREF64) is withdrawn while this component is
     * dead: true for what IPv6-only hosts depend on (DNS64, NAT64) and for the RA (without RAs
     * hosts lose PREF64 when its lifetime ends, so 108 must stop too); false for DHCPv4.
     */
    default boolean withdrawsSignallingWhenDead() {
        return true;
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

    /**
     * Plain-text pages the metrics endpoint serves besides {@code /metrics}, by path (NAT64's
     * {@code /nat64/bib}, {@code /nat64/sessions}, {@code /nat64/stats}); read once the component
     * has started. None by default.
     */
    default Map<String, Supplier<String>> pages() {
        return Map.of();
    }
}
