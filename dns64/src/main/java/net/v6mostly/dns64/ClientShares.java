package net.v6mostly.dns64;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's share of a limited resource (TCP connections, queries in flight): at most
 * {@code perClient} held by one client address at once, so that one host cannot take every slot of
 * the global limit (DESIGN.md §6; RFC 7766 §6.2.2 asks servers to limit connections per client).
 * A client is one address: on a LAN every host of a /64 shares the prefix, so a per-prefix share
 * would let one host starve its neighbours. Only clients holding something have an entry, so the
 * table never holds more entries than the global limit it shares out.
 */
final class ClientShares {
    private final int perClient;
    private final ConcurrentHashMap<InetAddress, Integer> held = new ConcurrentHashMap<>();

    ClientShares(int perClient) {
        if (perClient < 1) {
            throw new IllegalArgumentException("a client's share must be at least 1");
        }
        this.perClient = perClient;
    }

    /** Takes one unit for {@code client}; false (nothing taken) when it already holds its share. */
    boolean tryAcquire(InetAddress client) {
        boolean[] taken = {false};
        held.compute(client, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perClient) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Gives back one unit {@link #tryAcquire} took for {@code client}. */
    void release(InetAddress client) {
        held.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Units {@code client} holds now. */
    int held(InetAddress client) {
        return held.getOrDefault(client, 0);
    }

    /** Clients holding anything: bounded by the global limit, never by the clients ever seen. */
    int clients() {
        return held.size();
    }
}
