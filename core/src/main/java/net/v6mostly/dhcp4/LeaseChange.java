package net.v6mostly.dhcp4;

import net.v6mostly.addr.Ipv4;

/**
 * One change of lease state, the unit the engine hands out and the journal stores: a client bound
 * to an address until a time, a release, or an address declined and quarantined until a time.
 * Each record carries the whole new state of its key, so replaying records in order is idempotent.
 *
 * @param client the client key ({@link Dhcp4Engine#clientKey}); empty for {@link Kind#DECLINED}
 * @param until epoch seconds when the lease or quarantine ends
 */
public record LeaseChange(Kind kind, String client, int address, long until) {
    /** What happened. */
    public enum Kind { BOUND, RELEASED, DECLINED }

    @Override
    public String toString() {
        return kind + " " + client + " " + Ipv4.format(address) + " until " + until;
    }
}
