package net.v6mostly.dns64;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Finished answers, kept for as long as their TTLs allow (RFC 1035 §7.4) and negative answers
 * for their SOA negative TTL (RFC 2308 §5; without an SOA they are not cached, §5). Bounded by an
 * entry count and a total wire size, least recently used out first. A hit returns a copy whose TTLs
 * are reduced by the time spent in the cache (RFC 2308 §6 does the same for the SOA).
 *
 * <p>Keyed by name, type, class, the DO and CD bits (a DO+CD query must never see a synthesized
 * answer, RFC 6147 §5.5) and whether the client gets synthesis at all.
 */
public final class DnsCache {
    /** Upper bound on any cached TTL, as resolvers commonly apply (one day). */
    static final long MAX_TTL = 86_400;

    /** What an answer is cached under. */
    public record Key(Name name, int type, int dclass, boolean dnssecOk, boolean checkingDisabled, boolean synth) {
    }

    private record Entry(Message message, long storedNanos, long ttl, int size, AtomicReference<Aged> lastAged) {
        Entry(Message message, long storedNanos, long ttl, int size) {
            this(message, storedNanos, ttl, size, new AtomicReference<>());
        }
    }

    /** An aged copy, kept per entry: every hit within the same second shares it instead of re-creating records. */
    private record Aged(long age, Message message) {
    }

    private final int maxEntries;
    private final long maxBytes;
    private final LongSupplier nanoClock;
    private final Dns64Counters counters;
    private final LinkedHashMap<Key, Entry> map = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** A cache of at most {@code maxEntries} answers and {@code maxBytes} wire bytes. */
    public DnsCache(int maxEntries, long maxBytes, LongSupplier nanoClock, Dns64Counters counters) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.nanoClock = nanoClock;
        this.counters = counters;
    }

    /**
     * The cached answer for {@code key} with TTLs aged, or null; the ID and question are the caller's to set.
     * The message is shared by every hit within the same second of age: read it, never modify it.
     */
    public Message get(Key key) {
        Hit h = lookup(key);
        return h == null ? null : h.message();
    }

    /** A cached answer with TTLs aged, and how many more whole seconds the entry may be used. */
    public record Hit(Message message, long remainingSeconds) {
    }

    /** Like {@link #get}, with the entry's remaining life (for the wire-level copies of {@link WireAnswers}). */
    public Hit lookup(Key key) {
        Entry e;
        long now = nanoClock.getAsLong();
        synchronized (this) {
            e = map.get(key);
            if (e == null) {
                return null;
            }
            long age = (now - e.storedNanos) / 1_000_000_000L;
            if (age >= e.ttl) {
                remove(key);
                return null;
            }
        }
        long age = (now - e.storedNanos) / 1_000_000_000L;
        Aged last = e.lastAged.get();
        if (last != null && last.age == age) {
            return new Hit(last.message, e.ttl - age);
        }
        Message m = aged(e.message, age);
        e.lastAged.set(new Aged(age, m));
        return new Hit(m, e.ttl - age);
    }

    /** Stores {@code response} under {@code key} when it is cacheable; returns whether it was. */
    public boolean put(Key key, Message response, int wireSize) {
        long ttl = ttl(response);
        if (ttl <= 0 || maxEntries == 0 || wireSize > maxBytes) {
            return false;
        }
        synchronized (this) {
            remove(key);
            map.put(key, new Entry(response, nanoClock.getAsLong(), ttl, wireSize));
            bytes += wireSize;
            Iterator<Map.Entry<Key, Entry>> eldest = map.entrySet().iterator();
            while ((map.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
                Entry e = eldest.next().getValue();
                eldest.remove();
                bytes -= e.size;
                counters.increment(Dns64Stat.CACHE_EVICTED);
            }
        }
        return true;
    }

    /** The cache's clock (ns), for copies that must age with it. */
    long now() {
        return nanoClock.getAsLong();
    }

    /** Number of entries. */
    public synchronized int size() {
        return map.size();
    }

    /** Total wire bytes held. */
    public synchronized long bytes() {
        return bytes;
    }

    private void remove(Key key) {
        Entry old = map.remove(key);
        if (old != null) {
            bytes -= old.size;
        }
    }

    /**
     * How long {@code m} may be cached: the smallest TTL of its answer and authority records for
     * NOERROR with data; the SOA negative TTL (min of SOA TTL and MINIMUM) for NXDOMAIN and NODATA;
     * 0 (do not cache) for other RCODEs, truncated answers and negative answers without SOA.
     */
    static long ttl(Message m) {
        int rcode = m.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN || m.getHeader().getFlag(org.xbill.DNS.Flags.TC)) {
            return 0;
        }
        if (rcode == Rcode.NOERROR && !m.getSection(Section.ANSWER).isEmpty()) {
            long min = MAX_TTL;
            for (int s : new int[] {Section.ANSWER, Section.AUTHORITY}) {
                for (Record r : m.getSection(s)) {
                    min = Math.min(min, r.getTTL());
                }
            }
            return min;
        }
        long negative = Synthesis.negativeTtl(m);
        return negative < 0 ? 0 : Math.min(negative, MAX_TTL);
    }

    /** A copy of {@code m} whose record TTLs are lowered by {@code age} seconds. */
    static Message aged(Message m, long age) {
        Message out = new Message(m.getHeader().getID());
        out.setHeader(m.getHeader().clone());
        for (int s : new int[] {Section.QUESTION, Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            out.removeAllRecords(s);
            for (Record r : m.getSection(s)) {
                out.addRecord(s == Section.QUESTION || r.getType() == Type.OPT || age == 0 ? r : withTtl(r,
                        Math.max(0, r.getTTL() - age)), s);
            }
        }
        return out;
    }

    /** {@code r} with TTL {@code ttl}. */
    static Record withTtl(Record r, long ttl) {
        return Record.newRecord(r.getName(), r.getType(), r.getDClass(), ttl, r.rdataToWireCanonical());
    }
}
