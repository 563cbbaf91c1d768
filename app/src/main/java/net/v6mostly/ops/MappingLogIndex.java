package net.v6mostly.ops;

import java.time.DateTimeException;
import java.time.Instant;
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
 * block, {@code session-create}/{@code session-delete} for a session. Events are paired in time
 * order, so files may be read in any order (the current log, then the rotated ones).
 *
 * <p>Mappings whose end the log does not show are closed by what must have ended them, so that one
 * port never names two subscribers at one time (per log source: the HOSTNAME and APP-NAME fields):
 * <ul>
 *   <li>a {@code nat64-start} marker (a restart: the tables began empty) ends every mapping of its
 *       source still open, "ended by a restart";
 *   <li>a new BIB entry or block on a port ends whichever mapping of the same kind held it, "end not
 *       logged" (a lost delete: queue full, crash without marker).
 * </ul>
 * A mapping still open at the end of the log is open at its end; one whose start is not in the log
 * began before it (or, after a marker, after that marker).
 *
 * <p>Lines may carry a prefix (a journald or file-shipper header) before the {@code <PRI>1}. Each
 * line is exactly one of: a mapping event, a start marker, unreadable (it carries
 * {@code [nat64@32473} but cannot be read, or is longer than {@value #MAX_LINE} characters), or
 * another line (skipped). Only the events of one pool4 address are kept, so a day of logs of a busy
 * NAT64 fits in memory. Not thread-safe.
 */
public final class MappingLogIndex {
    /** Longest line read; ours are under 300 characters. Longer ones are not parsed (bounded time). */
    static final int MAX_LINE = 4096;
    private static final Pattern LINE = Pattern.compile(
            "<\\d{1,3}>1 (\\S+) (\\S+) (\\S+) \\S+ (bib-create|bib-delete|block-alloc|block-release|session-create"
                    + "|session-delete|nat64-start) \\[nat64@32473((?: [a-z0-9]+=\"[^\"]*\")*)]");
    private static final Pattern PARAM = Pattern.compile(" ([a-z0-9]+)=\"([^\"]*)\"");
    private static final String ENDED_BY_RESTART = "ended by a NAT64 restart";
    private static final String END_NOT_LOGGED = "end not logged: the port was given again";
    private static final String START_NOT_LOGGED = "creation not in the log";

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
     * @param note     how {@code from} or {@code to} was inferred when the log does not show it, else null
     */
    public record Mapping(String kind, String proto, String src6, int sport6, int pool4, int first, int last,
            String dst, Instant from, Instant to, String note) {

        /**
         * Whether it covers {@code [start, end]} in part. An end the log shows is inclusive; an
         * inferred one is exclusive, since that instant belongs to what ended it.
         */
        boolean overlaps(Instant start, Instant end) {
            boolean endInferred = note != null && !note.equals(START_NOT_LOGGED);
            return (from == null || !from.isAfter(end))
                    && (to == null || (endInferred ? to.isAfter(start) : !to.isBefore(start)));
        }

        /** One line: what was mapped to what, and when. */
        public String describe() {
            String ports = first == last ? Integer.toString(first) : first + "-" + last;
            return String.format("%-5s %-7s %s#%s  <-  %s%s%s  from %s  to %s%s", proto, kind, Ipv4.format(pool4),
                    ports, src6, sport6 >= 0 ? "#" + sport6 : "", dst == null ? "" : "  (to " + dst + ")",
                    from == null ? "before the log starts" : from, to == null ? "the end of the log (still mapped)" : to,
                    note == null ? "" : "  (" + note + ")");
        }
    }

    private record Key(String origin, String kind, String proto, String src6, int sport6, int first, int last,
            String dst) {
    }

    /** The port a BIB entry holds, within one log source. */
    private record Port(String origin, String proto, int port) {
    }

    private record Event(Instant time, int type, Key key, String origin) {
    }

    private record Open(Instant from, String note) {
    }

    private static final int START = 0;
    private static final int OPENS = 1;
    private static final int CLOSES = 2;

    private final List<Event> read = new ArrayList<>();
    private final Map<Key, Open> open = new HashMap<>();
    private final Map<Port, Key> bibPorts = new HashMap<>();
    private final Map<String, Instant> lastStart = new HashMap<>();
    /** When each BIB port was last freed: a mapping whose creation was lost began after that. */
    private final Map<Port, Instant> portFree = new HashMap<>();
    private final List<Mapping> closed = new ArrayList<>();
    private final int pool4;
    private boolean paired = true;
    private long lines;
    private long events;
    private long markers;
    private long unreadable;

    /** An index of the mappings of pool4 address {@code pool4}. */
    public MappingLogIndex(int pool4) {
        this.pool4 = pool4;
    }

    /** Takes one log line; returns whether it was a mapping event or a start marker (of any address). */
    public boolean add(String line) {
        lines++;
        if (line.length() > MAX_LINE) {
            unreadable++;
            return false;
        }
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            if (line.contains("[nat64@32473")) {
                unreadable++;
            }
            return false;
        }
        try {
            Instant time = Instant.parse(m.group(1));
            String origin = m.group(2) + " " + m.group(3);
            String event = m.group(4);
            if (event.equals("nat64-start")) {
                read.add(new Event(time, START, null, origin));
                paired = false;
                markers++;
                return true;
            }
            Map<String, String> p = new HashMap<>();
            Matcher pm = PARAM.matcher(m.group(5));
            while (pm.find()) {
                p.put(pm.group(1), pm.group(2));
            }
            Key key = key(origin, event, p);
            if (key == null) {
                unreadable++;
                return false;
            }
            if (Ipv4.parse(p.get("pool4")) == pool4) {
                read.add(new Event(time, event.endsWith("create") || event.endsWith("alloc") ? OPENS : CLOSES, key,
                        origin));
                paired = false;
            }
            events++;
            return true;
        } catch (DateTimeException | IllegalArgumentException | NullPointerException e) {
            unreadable++;
            return false;
        }
    }

    /** The key of a mapping event's parameters, or null when one is missing or out of range. */
    private static Key key(String origin, String event, Map<String, String> p) {
        String kind = event.substring(0, event.indexOf('-'));
        boolean block = kind.equals("block");
        int first = port(p.get(block ? "port4first" : "port4"));
        int last = block ? port(p.get("port4last")) : first;
        String dst = kind.equals("session") ? Ipv4.format(Ipv4.parse(p.get("dst4"))) + "#" + port(p.get("dport"))
                : null;
        String src6 = p.get("src6");
        String proto = p.get("proto");
        if (src6 == null || proto == null || p.get("pool4") == null || last < first) {
            return null;
        }
        return new Key(origin, kind, proto, src6, block ? -1 : port(p.get("sport6")), first, last, dst);
    }

    private static int port(String text) {
        int v = Integer.parseInt(text);
        if (v < 0 || v > 65535) {
            throw new IllegalArgumentException("port " + v);
        }
        return v;
    }

    private Mapping mapping(Key k, Instant from, Instant to, String note) {
        return new Mapping(k.kind(), k.proto(), k.src6(), k.sport6(), pool4, k.first(), k.last(), k.dst(), from, to,
                note);
    }

    /**
     * The mappings of the address (of {@code port}, unless -1; of {@code proto}, unless null) that
     * overlap {@code [at - slackSeconds, at + slackSeconds]}, or every one of them when {@code at}
     * is null; oldest first. A mapping whose end was inferred at τ does not cover τ: its successor
     * does.
     */
    public List<Mapping> find(int port, String proto, Instant at, long slackSeconds) {
        pair();
        Instant start = at == null ? null : at.minusSeconds(slackSeconds);
        Instant end = at == null ? null : at.plusSeconds(slackSeconds);
        List<Mapping> all = new ArrayList<>(closed);
        open.forEach((k, o) -> all.add(mapping(k, o.from(), null, o.note())));
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

    /**
     * Pairs every event read so far, in time order (a stable sort keeps same-millisecond order; a
     * marker goes before the events of its millisecond, which can only be its own instance's).
     */
    private void pair() {
        if (paired) {
            return;
        }
        open.clear();
        closed.clear();
        bibPorts.clear();
        lastStart.clear();
        portFree.clear();
        read.sort(Comparator.comparing(Event::time).thenComparing(e -> e.type() != START));
        for (Event e : read) {
            switch (e.type()) {
                case START -> restart(e);
                case OPENS -> opens(e);
                default -> closes(e);
            }
        }
        paired = true;
    }

    private void restart(Event e) {
        lastStart.put(e.origin(), e.time());
        open.entrySet().removeIf(o -> {
            if (!o.getKey().origin().equals(e.origin())) {
                return false;
            }
            closed.add(mapping(o.getKey(), o.getValue().from(), e.time(), ENDED_BY_RESTART));
            return true;
        });
        bibPorts.keySet().removeIf(p -> p.origin().equals(e.origin()));
    }

    private void opens(Event e) {
        Key k = e.key();
        end(k, e.time()); // created twice without a delete between: the first one ended unseen
        if (k.kind().equals("bib")) {
            Key holder = bibPorts.put(new Port(k.origin(), k.proto(), k.first()), k);
            if (holder != null) {
                end(holder, e.time());
            }
        } else if (k.kind().equals("block")) {
            List<Key> overlapping = new ArrayList<>();
            for (Key o : open.keySet()) {
                if (o.kind().equals("block") && o.origin().equals(k.origin()) && o.proto().equals(k.proto())
                        && o.first() <= k.last() && k.first() <= o.last()) {
                    overlapping.add(o);
                }
            }
            overlapping.forEach(o -> end(o, e.time()));
        }
        open.put(k, new Open(e.time(), null));
    }

    /** Closes {@code k} at {@code time} if open: its end was not logged. */
    private void end(Key k, Instant time) {
        Open o = open.remove(k);
        if (o != null) {
            closed.add(mapping(k, o.from(), time, END_NOT_LOGGED));
            freed(k, time);
        }
    }

    private void freed(Key k, Instant time) {
        if (k.kind().equals("bib")) {
            portFree.put(new Port(k.origin(), k.proto(), k.first()), time);
        }
    }

    private void closes(Event e) {
        Key k = e.key();
        Open o = open.remove(k);
        Port port = k.kind().equals("bib") ? new Port(k.origin(), k.proto(), k.first()) : null;
        if (o != null) {
            if (port != null) {
                bibPorts.remove(port, k);
            }
            closed.add(mapping(k, o.from(), e.time(), o.note()));
            freed(k, e.time());
            return;
        }
        // its creation is not in the log: it began after the last start and after its port was last
        // freed, and whoever else the log shows on the port had let it go by now
        Instant since = lastStart.get(k.origin());
        if (port != null) {
            Instant free = portFree.get(port);
            if (free != null && (since == null || free.isAfter(since))) {
                since = free;
            }
            Key holder = bibPorts.remove(port);
            if (holder != null) {
                end(holder, e.time());
            }
        }
        closed.add(mapping(k, since, e.time(), START_NOT_LOGGED));
        freed(k, e.time());
    }

    /** Lines read. */
    public long lines() {
        return lines;
    }

    /** Mapping events understood. */
    public long events() {
        return events;
    }

    /** {@code nat64-start} markers read. */
    public long markers() {
        return markers;
    }

    /** Lines that looked like mapping events but could not be read. */
    public long unreadable() {
        return unreadable;
    }
}
