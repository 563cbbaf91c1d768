package net.v6mostly.ndp;

/**
 * What one interface advertises and how often: the configuration of RFC 4861 §6.2.1 turned into
 * an advertisement template, which the sender completes with the interface's link-layer address.
 *
 * @param name            the interface name, e.g. {@code eth1}
 * @param intervals       MinRtrAdvInterval and MaxRtrAdvInterval
 * @param advertisement   the RA to send (options in order), without the Source Link-Layer Address
 * @param sourceLinkLayer whether to add the Source Link-Layer Address option (RFC 4861 §4.2: SHOULD)
 */
public record RaInterfaceSettings(String name, RaIntervals intervals, RouterAdvertisement advertisement,
        boolean sourceLinkLayer) {
    /** Interfaces one RA sender serves (one poll(2) entry each); the configuration refuses more. */
    public static final int MAX_PER_SENDER = 64;

    public RaInterfaceSettings {
        if (name.isEmpty() || name.length() > 15 || name.contains("/")) {
            throw new IllegalArgumentException("interface name must be 1..15 characters without '/' (IFNAMSIZ), not '"
                    + name + "'");
        }
    }
}
