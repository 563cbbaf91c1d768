package net.v6mostly.ops;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.v6mostly.addr.Ipv4;

/**
 * Reads NAT64 mapping logs (the RFC 5424 lines of {@code Rfc5424Formatter}: RFC 6888 REQ-12, RFC 7422
 * §2) back into mappings with a start and an end, to answer an abuse request: which IPv6 host held
 * pool4 address T, port t, at time τ? A {@code bib-create} opens a mapping and the matching
 * {@code bib-delete} closes it; {@code block-alloc}/{@code block-release} do the same for a port
 * block, {@code session-create}/{@code session-delete} for a session. A mapping whose end is not in
 * the log is still open at its end; one whose start is not (the log was rotated) began before it.
 * Events are paired in time order, so files may be read in any order (the current log, then the
 * rotated ones).
 *
 * <p>Lines may carry a prefix (a journald or file-shipper header) before the {@code <PRI>1}; lines
 * without a mapping are skipped, and a mapping line that cannot be read is counted, never fatal.
 * Only the events of one pool4 address are kept, so a day of logs of a busy NAT64 fits in memory.
 * Not thread-safe.
 */
public final class MappingLogIndex {
    private static final Pattern LINE = Pattern.compile(
            "<\\d{1,3}>1 (\\S+) \\S+ \\S+ \\S+ (bib-create|bib-delete|block-alloc|block-release|session-create"
                    + "|session-delete) \\[nat64@32473((?: [a-z0-9]+=\"[^\"]*\")*)]");
    private static final Pattern PARAM = Pattern.compile(" ([a-z0-9]+)=\"([^\"]*)\"");

    /**
     * One mapping as the log tells it.
     *
     * @param kind     {@code bib}, {@code block} or {@code session}
     * @param proto    {@code tcp}, {@code udp} or {@code icmp}
     * @param src6     the IPv6 host
     * @param sport6   its port (ICMP: identifier), or -1 for a block
     * @param pool4    the pool4 address
     * @param first    the first pool4 port (the only one unless a block)
     * @param last     the last pool4 port
     * @param dst      {@code dst4#dport} of a session, else null
     * @param from     when it began, or null when before the log
     * @param to       when it ended, or null when still open at the end of the log
     */
    public record Mapping(String kind, String proto, String src6, int sport6, int pool4, int first, int last,
            String dst, Instant from, Instant to) {

        /** Whether it covers {@code [start, end]} in part. */
        boolean overlaps(Instant start, Instant end) {
            return (from == null || !from.isAfter(end)) && (to == null || !to.isBefore(start));
        }

        /** One line: what was mapped to what, and when. */
        public String describe() {
            String ports = first == last ? Integer.toString(first) : first + "-" + last;
            return String.format("%-5s %-7s %s#%s  <-  %s%s%s  from %s  to %s", proto, kind, Ipv4.format(pool4), ports,
                    src6, sport6 >= 0 ? "#" + sport6 : "", dst == null ? "" : "  (to " + dst + ")",
                    from == null ? "before the log starts" : from, to == null ? "the end of the log (still mapped)" : to);
        }
    }

    private record Key(String kind, String proto, String src6, int sport6, int pool4, int first, int last, String dst) {
    }

    private record Event(Instant time, boolean opens, Key key) {
    }

    private final List<Event> read = new ArrayList<>();
    private final Map<Key, Instant> open = new HashMap<>();
    private final List<Mapping> closed = new ArrayList<>();
    private final int pool4;
    private boolean paired = true;
    private long lines;
    private long events;
    private long unreadable;

    /** An index of the mappings of pool4 address {@code pool4}. */
    public MappingLogIndex(int pool4) {
        this.pool4 = pool4;
    }

    /** Takes one log line; returns whether it was a mapping event (of any address). */
    public boolean add(String line) {
        lines++;
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            if (line.contains("[nat64@32473")) {
                unreadable++;
            }
            return false;
        }
        Map<String, String> p = new HashMap<>();
        Matcher pm = PARAM.matcher(m.group(3));
        while (pm.find()) {
            p.put(pm.group(1), pm.group(2));
        }
        try {
            Instant time = Instant.parse(m.group(1));
            String event = m.group(2);
            String kind = event.substring(0, event.indexOf('-'));
            boolean block = kind.equals("block");
            int first = port(p.get(block ? "port4first" : "port4"));
            int last = block ? port(p.get("port4last")) : first;
            String dst = kind.equals("session") ? Ipv4.format(Ipv4.parse(p.get("dst4"))) + "#" + port(p.get("dport"))
                    : null;
            String src6 = p.get("src6");
            if (src6 == null || p.get("proto") == null || last < first) {
                unreadable++;
                return false;
            }
            Key key = new Key(kind, p.get("proto"), src6, block ? -1 : port(p.get("sport6")), Ipv4.parse(p.get("pool4")),
                    first, last, dst);
            if (key.pool4() == pool4) {
                read.add(new Event(time, event.endsWith("create") || event.endsWith("alloc"), key));
                paired = false;
            }
            events++;
            return true;
        } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
            unreadable++;
            return false;
        }
    }

    private static int port(String text) {
        int v = Integer.parseInt(text);
        if (v < 0 || v > 65535) {
            throw new IllegalArgumentException("port " + v);
        }
        return v;
    }

    private static Mapping mapping(Key k, Instant from, Instant to) {
        return new Mapping(k.kind(), k.proto(), k.src6(), k.sport6(), k.pool4(), k.first(), k.last(), k.dst(), from, to);
    }

    /**
     * The mappings of the address (of {@code port}, unless -1; of {@code proto}, unless null) that
     * overlap {@code [at - slackSeconds, at + slackSeconds]}, or every one of them when {@code at}
     * is null; oldest first.
     */
    public List<Mapping> find(int port, String proto, Instant at, long slackSeconds) {
        pair();
        Instant start = at == null ? null : at.minusSeconds(slackSeconds);
        Instant end = at == null ? null : at.plusSeconds(slackSeconds);
        List<Mapping> all = new ArrayList<>(closed);
        open.forEach((k, from) -> all.add(mapping(k, from, null)));
        List<Mapping> out = new ArrayList<>();
        for (Mapping m : all) {
            if ((port < 0 || m.first() <= port && port <= m.last())
                    && (proto == null || m.proto().equals(proto)) && (at == null || m.overlaps(start, end))) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Mapping::from, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Mapping::kind));
        return out;
    }

    /** Pairs every event read so far, in time order (a stable sort keeps same-millisecond order). */
    private void pair() {
        if (paired) {
            return;
        }
        open.clear();
        closed.clear();
        read.sort(Comparator.comparing(Event::time));
        for (Event e : read) {
            if (e.opens()) {
                Instant before = open.put(e.key(), e.time());
                if (before != null) {   // created twice without a delete between: the first one ended unseen
                    closed.add(mapping(e.key(), before, null));
                }
            } else {
                closed.add(mapping(e.key(), open.remove(e.key()), e.time()));
            }
        }
        paired = true;
    }

    /** Lines read. */
    public long lines() {
        return lines;
    }

    /** Mapping events understood. */
    public long events() {
        return events;
    }

    /** Lines that looked like mapping events but could not be read. */
    public long unreadable() {
        return unreadable;
    }
}
