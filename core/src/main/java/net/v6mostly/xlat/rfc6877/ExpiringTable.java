package net.v6mostly.xlat.rfc6877;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table of entries that Router Advertisements fill (PREF64 prefixes, RFC 8781 §4.1; autonomous
 * /64s, RFC 4862 §5.5.3; RDNSS servers, RFC 8106 §5.3.1), each kept until an expiry time, with a
 * fixed capacity: any host on the link can send RAs, so what they may fill is bounded (DESIGN.md
 * §6). When the table is full, a new entry takes the place of the entry that expires soonest, unless
 * that entry is the one in use ({@code pinned}) or outlives the new one; otherwise the new entry is
 * refused. RFC 8106 §5.3.1 leaves the size of the RDNSS list to the implementation; RFC 8781 and
 * RFC 4862 name none; the capacities are the callers'.
 *
 * <p>Single-threaded; times are monotonic nanoseconds compared by difference.
 *
 * @param <K> the entry's key
 */
final class ExpiringTable<K> {
    /** What {@link #put} did. */
    enum Outcome {
        /** A new entry was added to a table with room. */
        ADDED,
        /** An existing entry got a new expiry time. */
        REFRESHED,
        /** The expiry time was not in the future: the entry, if any, was removed. */
        REMOVED,
        /** The table was full: the new entry replaced the one that expires soonest. */
        REPLACED,
        /** The table was full and every entry that may be replaced outlives the new one: refused. */
        REFUSED
    }

    private final int capacity;
    private final Map<K, Long> entries = new LinkedHashMap<>();

    /** A table of at most {@code capacity} entries. */
    ExpiringTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds, refreshes or (expiry not after {@code now}) removes {@code key}; {@code pinned} is never replaced. */
    Outcome put(K key, long expiresAt, long now, K pinned) {
        if (expiresAt - now <= 0) {
            entries.remove(key);
            return Outcome.REMOVED;
        }
        if (entries.containsKey(key)) {
            entries.put(key, expiresAt);
            return Outcome.REFRESHED;
        }
        expire(now);
        if (entries.size() < capacity) {
            entries.put(key, expiresAt);
            return Outcome.ADDED;
        }
        K victim = null;
        long victimExpiry = 0;
        for (Map.Entry<K, Long> e : entries.entrySet()) {
            if (!e.getKey().equals(pinned) && (victim == null || e.getValue() - victimExpiry < 0)) {
                victim = e.getKey();
                victimExpiry = e.getValue();
            }
        }
        if (victim == null || expiresAt - victimExpiry <= 0) {
            return Outcome.REFUSED;
        }
        entries.remove(victim);
        entries.put(key, expiresAt);
        return Outcome.REPLACED;
    }

    /** Removes {@code key}. */
    void remove(K key) {
        entries.remove(key);
    }

    /** Drops every entry whose expiry time is not after {@code now}. */
    void expire(long now) {
        entries.values().removeIf(expiry -> now - expiry >= 0);
    }

    /** The entries and their expiry times, oldest insertion first; a read-only view. */
    Map<K, Long> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** The number of entries. */
    int size() {
        return entries.size();
    }

    /** The most entries the table holds. */
    int capacity() {
        return capacity;
    }
}
