package net.v6mostly.config;

import java.util.List;

/**
 * The TUN device of a translator daemon ({@code [siit.tun]}) and the link configuration the daemon
 * applies to it at start, validated. Addresses and routes are kept as normalized text
 * ({@code 2001:db8::1/64}, {@code 192.0.2.0/24}) for the link configurator.
 *
 * @param name       interface name, 1..15 characters
 * @param queues     queues (file descriptors) to open
 * @param multiQueue open with IFF_MULTI_QUEUE
 * @param workers    data-path threads; with multi-queue, one per queue
 * @param offload    ask for virtio-net header offloads (checksum, TSO, USO)
 * @param mtu        MTU to set on the link, 0 when the key is absent (leave the link's MTU alone)
 * @param addresses  interface addresses to add, {@code address/length}
 * @param routes     prefixes to route into the device (device routes)
 * @param up         bring the link up
 * @param busyPollMicros how long a worker reads an empty queue before it sleeps, 0 to sleep at once
 */
public record TunSettings(String name, int queues, boolean multiQueue, int workers, boolean offload, int mtu,
        List<String> addresses, List<String> routes, boolean up, int busyPollMicros) {

    /** The defaults: {@code siit0}, one queue, one worker, offloads on, nothing applied to the link, no busy poll. */
    public static final TunSettings DEFAULTS = new TunSettings("siit0", 1, false, 1, true, 0, List.of(), List.of(), false,
            0);

    /** Copies the lists. */
    public TunSettings {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
    }

    /** Whether the daemon has anything to apply to the link. */
    public boolean configuresLink() {
        return mtu > 0 || up || !addresses.isEmpty() || !routes.isEmpty();
    }
}
