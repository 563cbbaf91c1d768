package net.v6mostly.dhcp4;

import net.v6mostly.addr.Ipv4;

/**
 * One change of lease state, the unit the engine hands out and the journal stores: a client bound
 * to an address until a time, a release, or an address declined and quarantined until a time.
 * Each record carries the whole new state of its key, so replaying records in order is idempotent.
 *
 * @param client the client key ({@link Dhcp4Engine#clientKey}); for {@link Kind#DECLINED} the client
 *               that declined (empty in records written before the per-client decline limit)
 * @param until epoch seconds when the lease or quarantine ends
 */
public record LeaseChange(Kind kind, String client, int address, long until) {
    /**
     * Longest client key in UTF-8 bytes that the lease store keeps; the engine never makes a longer
     * one (a client identifier above {@link Dhcp4Engine#MAX_CLIENT_ID} bytes is dropped).
     */
    public static final int MAX_CLIENT_BYTES = 1024;

    /** What happened. */
    public enum Kind { BOUND, RELEASED, DECLINED }

    /**
     * Refuses what the journal could not store exactly, so a change that exists can always be
     * written and reads back equal: a key of at most {@link #MAX_CLIENT_BYTES} printable ASCII
     * characters (what {@link Dhcp4Engine#clientKey} makes), possibly empty.
     */
    public LeaseChange {
        java.util.Objects.requireNonNull(kind, "kind");
        if (!storable(client)) {
            throw new IllegalArgumentException("client key missing, longer than " + MAX_CLIENT_BYTES
                    + " bytes or not printable ASCII");
        }
    }

    /** Whether {@code client} is a key the journal stores exactly. */
    static boolean storable(String client) {
        if (client == null || client.length() > MAX_CLIENT_BYTES) {
            return false;
        }
        for (int i = 0; i < client.length(); i++) {
            char ch = client.charAt(i);
            if (ch < 0x21 || ch > 0x7e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return kind + " " + client + " " + Ipv4.format(address) + " until " + until;
    }
}
