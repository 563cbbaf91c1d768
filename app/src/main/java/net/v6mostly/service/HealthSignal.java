package net.v6mostly.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Ties the IPv6-only signalling to the health of what IPv6-only hosts depend on. While every
 * health input (DNS64 reaching an upstream, the NAT64 data path up with pool4 not exhausted) is
 * up, the gateway sends option 108 (RFC 8925) and PREF64 with its lifetime (RFC 8781); when one
 * is down it stops sending 108, so new clients take an IPv4 lease, and advertises PREF64 with
 * lifetime 0 at once, so hosts stop using the NAT64 prefix (RFC 8781 §4.1); both come back when
 * all inputs are up. This is the rollback of draft-ietf-v6ops-6mops ("Rollback Approach",
 * "Per-Device and Per-Subnet Incremental Rollout"), done automatically. A component the gateway
 * found dead counts as a health input that is down when it
 * {@linkplain Service#withdrawsSignallingWhenDead withdraws the signalling} (DNS64,
 * NAT64, RA; not DHCPv4). Every change of an input and of the decision is logged. Pure: the caller
 * polls; no threads of its own.
 */
public final class HealthSignal {
    private final List<Service> components;
    private final Consumer<String> log;
    private final boolean enabled;
    private final Map<String, Health> last = new HashMap<>();
    private boolean signalling = true;
    private long changes;
    private String reason = "ok";

    /**
     * A controller over {@code components}; with {@code enabled} false it never withdraws (the
     * {@code [gateway] health-signalling = false} setting) but still logs health changes.
     */
    public HealthSignal(List<Service> components, Consumer<String> log, boolean enabled) {
        this.components = new java.util.ArrayList<>(components);
        this.log = log;
        this.enabled = enabled;
    }

    /** Reads every input once and switches the outputs if the decision changed; returns the decision. */
    public boolean poll() {
        return poll(Map.of());
    }

    /**
     * Like {@link #poll()}, with the components found dead ({@code dead}: name → why).
     */
    public synchronized boolean poll(Map<String, String> dead) {
        String down = null;
        for (Service c : components) {
            String died = dead.get(c.name());
            boolean deadInput = died != null && c.withdrawsSignallingWhenDead();
            if (!c.isHealthInput() && !deadInput) {
                Health was = last.remove(c.name());   // a restarted RA or DHCPv4 is no input any more
                if (was != null && !was.up()) {
                    log.accept("health " + c.name() + " up");
                }
                continue;
            }
            Health h = deadInput ? Health.down("dead: " + died) : c.health();
            Health before = last.put(c.name(), h);
            if (before == null ? !h.up() : before.up() != h.up()) {
                log.accept("health " + c.name() + " " + (h.up() ? "up" : "down: " + h.reason()));
            }
            if (!h.up() && down == null) {
                down = c.name() + ": " + h.reason();
            }
        }
        boolean want = !enabled || down == null;
        if (want != signalling) {
            signalling = want;
            changes++;
            reason = down == null ? "ok" : down;
            for (Service c : components) {
                c.ipv6OnlySignalling(want);
            }
            log.accept(want ? "signalling restored: option 108 sent again, PREF64 advertised with its lifetime"
                    : "signalling withdrawn: option 108 no longer sent (new clients get IPv4), PREF64 lifetime 0"
                            + " (" + down + ")");
        }
        return signalling;
    }

    /**
     * Puts {@code fresh} (a restarted service) in the place of {@code old}, and tells it the
     * decision in force before it starts.
     */
    public synchronized void replace(Service old, Service fresh) {
        int i = components.indexOf(old);
        if (i >= 0) {
            components.set(i, fresh);
        }
        fresh.ipv6OnlySignalling(signalling);
    }

    /** Whether option 108 and PREF64 are being advertised. */
    public synchronized boolean signalling() {
        return signalling;
    }

    /** How often the decision changed since start. */
    public synchronized long changes() {
        return changes;
    }

    /** Why signalling is withdrawn, or "ok". */
    public synchronized String reason() {
        return reason;
    }

    /** The health of every input as last polled, by component name. */
    public synchronized Map<String, Health> inputs() {
        return Map.copyOf(last);
    }
}
