package net.v6mostly.dhcp4;

import java.util.List;

/**
 * What the engine decided for one datagram: the exit it was counted under, the reply and where it
 * goes (both null when there is none), and the lease changes that must be on stable storage before
 * the reply is sent.
 */
public record Outcome(Dhcp4Stat stat, DhcpMessage reply, Destination destination, List<LeaseChange> changes) {
    public Outcome {
        changes = List.copyOf(changes);
    }

    static Outcome silent(Dhcp4Stat stat) {
        return new Outcome(stat, null, null, List.of());
    }

    /** Whether a reply is to be sent. */
    public boolean replies() {
        return reply != null;
    }
}
