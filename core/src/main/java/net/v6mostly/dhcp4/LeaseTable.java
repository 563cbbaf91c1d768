package net.v6mostly.dhcp4;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's lease state: bindings (client to address until a time), addresses held for an
 * outstanding DHCPOFFER, and declined addresses in quarantine. Expired entries stay until the
 * address is needed, so a returning client gets its old address back (RFC 2131 §4.3.1 "the
 * client's previous address"). Owned by the engine's single thread.
 *
 * <p>Bounded by the addresses, not by the clients ever seen: a binding, an offer and a quarantine
 * each hold one address, and taking an address displaces whatever older entry held it (a binding
 * of another client, an expired offer), so each map has at most one entry per address the engine
 * hands out (the pools and reservations) plus what the journal replays. {@link #sizes} shows it.
 */
final class LeaseTable {
    /** A binding or a held offer. */
    record Lease(String client, int address, long until) {
    }

    /** A declined address out of use until a time, and the client that declined it. */
    record Quarantine(long until, String client) {
    }

    /** The entries of each map, for the bound tests. */
    record Sizes(int bindings, int boundAddresses, int offers, int offeredAddresses, int quarantined, int cursors,
            int fullPools) {
        int largest() {
            return Math.max(Math.max(Math.max(bindings, boundAddresses), Math.max(offers, offeredAddresses)),
                    Math.max(quarantined, Math.max(cursors, fullPools)));
        }
    }

    private final Map<String, Lease> byClient = new HashMap<>();
    private final Map<Integer, Lease> byAddress = new HashMap<>();
    private final Map<String, Lease> offers = new HashMap<>();
    private final Map<Integer, Lease> offeredAddresses = new HashMap<>();
    private final Map<Integer, Quarantine> quarantine = new HashMap<>();
    /** Per pool (keyed by its first address): where the next free-address search starts. */
    private final Map<Integer, Integer> cursors = new HashMap<>();
    /** Per pool found full: no address frees before {@code until} unless the table changes ({@code changes}). */
    private final Map<Pool, long[]> exhausted = new HashMap<>();
    /** Counts every change that may free an address before its time (release, rebind, dropped offer...). */
    private long changes;
    private long fullSearches;

    /**
     * Whether a search of {@code pool} would find nothing free at {@code now}: a search found it
     * full, nothing freed an address since, and no binding, offer or quarantine has ended yet. Spares
     * a full pool the O(pool) search on every DHCPDISCOVER of a flood (RFC 2131 §4.3.1).
     */
    boolean knownFull(Pool pool, long now) {
        long[] e = exhausted.get(pool);
        return e != null && e[1] == changes && now < e[0];
    }

    /** Records that a search of {@code pool} found nothing free and the earliest time something ends. */
    void full(Pool pool, long nextFree) {
        exhausted.put(pool, new long[] {nextFree, changes});
        fullSearches++;
    }

    /** Searches that found a pool full, for the tests. */
    long fullSearches() {
        return fullSearches;
    }

    /** Forgets every {@link #knownFull} finding (the configuration changed). */
    void changed() {
        changes++;
    }

    /**
     * When {@code address}, not free for {@code client} now, frees: when the last of its quarantine,
     * another client's binding and another client's offer ends.
     */
    long freeAt(int address, String client, long now) {
        long at = now;
        Quarantine q = quarantine.get(address);
        if (q != null && q.until > now) {
            at = Math.max(at, q.until);
        }
        Lease bound = byAddress.get(address);
        if (bound != null && bound.until > now && !bound.client.equals(client)) {
            at = Math.max(at, bound.until);
        }
        Lease offered = offeredAddresses.get(address);
        if (offered != null && offered.until > now && !offered.client.equals(client)) {
            at = Math.max(at, offered.until);
        }
        return at;
    }

    /**
     * Where the search for a free address in {@code pool} starts: just after the address this
     * table last handed out from it (next fit). New clients take never-used addresses first and
     * expired bindings are reused only after a wrap, so a returning client still finds its
     * previous address free (RFC 2131 §4.3.1) and the search costs O(1) amortized instead of a
     * scan from the pool's start on every DHCPDISCOVER.
     */
    int cursor(Pool pool) {
        Integer c = cursors.get(pool.first());
        return c != null && pool.contains(c) ? c : pool.first();
    }

    /** Records that {@code address} of {@code pool} was chosen; the next search starts after it. */
    void advance(Pool pool, int address) {
        cursors.put(pool.first(), address == pool.last() ? pool.first() : address + 1);
    }

    /** The client's binding, active or expired, or null. */
    Lease lease(String client) {
        return byClient.get(client);
    }

    /** The client's outstanding offer, or null. */
    Lease offer(String client, long now) {
        Lease o = offers.get(client);
        return o != null && o.until > now ? o : null;
    }

    /** Whether {@code client} may have {@code address}: not quarantined, not bound or offered to another. */
    boolean isFreeFor(int address, String client, long now) {
        Quarantine q = quarantine.get(address);
        if (q != null && q.until > now) {
            return false;
        }
        Lease bound = byAddress.get(address);
        if (bound != null && bound.until > now && !bound.client.equals(client)) {
            return false;
        }
        Lease offered = offeredAddresses.get(address);
        return offered == null || offered.until <= now || offered.client.equals(client);
    }

    /**
     * Holds {@code address} for {@code client}; an expired offer of the same address to another
     * client is dropped, so there is at most one offer per address however many clients asked.
     */
    void offer(String client, int address, long holdUntil) {
        dropOffer(client);
        Lease o = new Lease(client, address, holdUntil);
        offers.put(client, o);
        Lease displaced = offeredAddresses.put(address, o);
        if (displaced != null && offers.get(displaced.client) == displaced) {
            offers.remove(displaced.client);
        }
    }

    void dropOffer(String client) {
        Lease o = offers.remove(client);
        if (o != null && offeredAddresses.get(o.address) == o) {
            offeredAddresses.remove(o.address);
            changes++;
        }
    }

    void bind(String client, int address, long until) {
        changes++;
        dropOffer(client);
        forget(client);
        Lease previous = byAddress.remove(address);
        if (previous != null && byClient.get(previous.client) == previous) {
            byClient.remove(previous.client);
        }
        Lease l = new Lease(client, address, until);
        byClient.put(client, l);
        byAddress.put(address, l);
        quarantine.remove(address);
    }

    /**
     * RFC 2131 §4.3.4: the binding ends now but stays on record as expired, so the client that
     * comes back gets the same address while nobody else took it (§4.3.1 "now expired or released").
     */
    void release(String client) {
        changes++;
        Lease l = byClient.get(client);
        if (l != null && l.until > 0) {
            Lease ended = new Lease(client, l.address, 0);
            byClient.put(client, ended);
            if (byAddress.get(l.address) == l) {
                byAddress.put(l.address, ended);
            }
        }
    }

    /** Removes the client's binding from both indexes (it moves to another address). */
    private void forget(String client) {
        Lease l = byClient.remove(client);
        if (l != null && byAddress.get(l.address) == l) {
            byAddress.remove(l.address);
        }
    }

    void quarantine(int address, long until, String client) {
        changes++;
        Lease l = byAddress.remove(address);
        if (l != null && byClient.get(l.client) == l) {
            byClient.remove(l.client);
        }
        quarantine.put(address, new Quarantine(until, client));
    }

    /**
     * Addresses in quarantine at {@code now}: in all (index 0), declined by {@code client} (1) and
     * inside {@code subnet} (2). Drops the expired quarantines on the way, so the scan costs at most
     * the decline limits of the subnets.
     */
    int[] quarantined(String client, net.v6mostly.addr.Ipv4Prefix subnet, long now) {
        quarantine.values().removeIf(q -> q.until <= now);
        int[] n = new int[3];
        quarantine.forEach((a, q) -> {
            n[0]++;
            n[1] += q.client.equals(client) ? 1 : 0;
            n[2] += subnet.contains(a) ? 1 : 0;
        });
        return n;
    }

    Sizes sizes() {
        return new Sizes(byClient.size(), byAddress.size(), offers.size(), offeredAddresses.size(), quarantine.size(),
                cursors.size(), exhausted.size());
    }

    /** Applies a journalled change (replay on start). */
    void apply(LeaseChange c) {
        switch (c.kind()) {
            case BOUND -> bind(c.client(), c.address(), c.until());
            case RELEASED -> release(c.client());
            case DECLINED -> quarantine(c.address(), c.until(), c.client());
        }
    }

    /** The state as changes that rebuild it: active bindings and quarantines (compaction). */
    List<LeaseChange> snapshot(long now) {
        List<LeaseChange> out = new ArrayList<>();
        for (Lease l : byClient.values()) {
            if (l.until > now) {
                out.add(new LeaseChange(LeaseChange.Kind.BOUND, l.client, l.address, l.until));
            }
        }
        quarantine.forEach((a, q) -> {
            if (q.until > now) {
                out.add(new LeaseChange(LeaseChange.Kind.DECLINED, q.client, a, q.until));
            }
        });
        return out;
    }

    /** Number of active bindings. */
    int active(long now) {
        int n = 0;
        for (Lease l : byClient.values()) {
            n += l.until > now ? 1 : 0;
        }
        return n;
    }
}
