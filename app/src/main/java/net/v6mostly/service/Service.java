package net.v6mostly.service;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.config.RunConfig;

/**
 * One component of v6mostly (SIIT, NAT64, CLAT, DHCPv4, RA, DNS64) behind the lifecycle the
 * {@link Runner} drives, standalone ({@code v6mostly nat64}) or several in one process
 * ({@code v6mostly gateway}): start, reload (SIGHUP) to one {@link ReloadOutcome}, stop, health,
 * counters and pages, and the IPv6-only signalling decision (RFC 8925 option 108, RFC 8781 PREF64
 * lifetime). A service owns its sockets, devices and threads; the runner owns signals, the
 * metrics endpoint, supervision and logging (DESIGN.md §2).
 */
public interface Service {
    /** Short name for logs and metric labels: {@code siit}, {@code nat64}, {@code clat}, {@code dhcp4}, {@code ra}, {@code dns64}. */
    String name();

    /**
     * Opens sockets and devices and starts serving on the service's own thread(s); returns once
     * serving. Called on a thread of the service's {@link ServiceThreads}, so the runner knows
     * its serving threads.
     *
     * @throws IOException when a socket, device, interface or file cannot be opened
     */
    void start() throws IOException;

    /**
     * Applies the service's part of {@code config} (already validated as a whole) without dropping
     * state: leases, schedules, sessions. What needs a restart is named in the outcome and not applied.
     */
    ReloadOutcome reload(RunConfig config);

    /** Stops serving, doing the service's last duty (final RA, journal compaction, host clean-up); blocks until done. */
    void stop();

    /** Current health; services that are not inputs of the signalling are always up. */
    default Health health() {
        return Health.UP;
    }

    /** Whether {@link #health} drives the IPv6-only signalling (DNS64 and NAT64 do). */
    default boolean isHealthInput() {
        return false;
    }

    /**
     * Why the service cannot go on (its loop ended on an error), or null while it can. The runner
     * also watches the service's threads itself ({@link ServiceThreads}); this adds the service's
     * own words for the reason. Not called while stopping.
     */
    default String failure() {
        return null;
    }

    /**
     * Whether the IPv6-only signalling (option 108, PREF64) is withdrawn while this service is
     * dead: true for what IPv6-only hosts depend on (DNS64, NAT64) and for the RA (without RAs
     * hosts lose PREF64 when its lifetime ends, so 108 must stop too); false for DHCPv4 and CLAT.
     */
    default boolean withdrawsSignallingWhenDead() {
        return true;
    }

    /**
     * Follows the signalling decision: {@code true} to advertise IPv6-only service (option 108,
     * PREF64 with its lifetime), {@code false} to withdraw it (no 108, PREF64 lifetime 0). May be
     * called before {@link #start}; the service then starts in that state.
     */
    default void ipv6OnlySignalling(boolean enabled) {
    }

    /** The service's metric families, read at scrape time from its counters; safe from the HTTP thread. */
    MetricSnapshots metrics();

    /**
     * Plain-text pages the metrics endpoint serves besides {@code /metrics}, by path (NAT64's
     * {@code /nat64/bib}, {@code /nat64/sessions}, {@code /nat64/stats}); read once the service
     * has started. None by default.
     */
    default Map<String, Supplier<String>> pages() {
        return Map.of();
    }

    /** A one-line account of the work done, logged when the service stops (counters); empty by default. */
    default String summary() {
        return "";
    }
}
