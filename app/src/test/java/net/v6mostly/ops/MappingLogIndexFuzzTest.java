package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.xlat.rfc6146.MappingEvent;
import net.v6mostly.xlat.rfc6146.Protocol;
import net.v6mostly.xlat.rfc6146.Rfc5424Formatter;

/**
 * Jazzer targets: mapping-log lines (RFC 6888 REQ-12) into {@link MappingLogIndex}, as
 * {@code nat64 lookup} reads them from files anyone may have touched.
 */
class MappingLogIndexFuzzTest {
    static final int POOL = Ipv4.parse("203.0.113.1");
    static final long T0 = Instant.parse("2026-12-03T13:00:00Z").toEpochMilli();
    static final long YEAR_9999 = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();
    static final String CHECK_HOST = "fuzz-check-source";
    static final Rfc5424Formatter CHECK = new Rfc5424Formatter(CHECK_HOST, "v6mostly");
    static final MappingEvent.Kind[] KINDS = MappingEvent.Kind.values();

    /**
     * Any lines, raw or the daemon's own with fuzzed fields, among which a well-formed
     * create/delete pair of another log source. Invariants: {@code add} never throws; every line is
     * exactly one of event, marker, unreadable (it carries {@code [nat64@32473} or is over-long), or
     * skipped; {@code find} never throws and returns only mappings of the port asked for; the pair is
     * found again, whole, at a time within it.
     */
    @FuzzTest(maxDuration = "10s")
    void anyLinesAreAccountedForAndAGoodPairIsFoundAgain(FuzzedDataProvider data) {
        MappingLogIndex i = new MappingLogIndex(POOL);
        int port = data.consumeInt(0, 65535);
        long t1 = data.consumeLong(0, YEAR_9999 - 2);
        long t2 = data.consumeLong(t1 + 1, YEAR_9999);
        MappingEvent create = new MappingEvent(t1, MappingEvent.Kind.BIB_CREATE, Protocol.UDP, 0x20010db8ffff0000L, 7,
                5000, POOL, port, port, 0, -1);
        assertThat(i.add(CHECK.format(create))).isTrue();
        long n = 1;
        while (data.remainingBytes() > 0 && n < 64) {
            String line = line(data);
            if (line.contains(CHECK_HOST)) {
                continue; // the pair's source is ours alone
            }
            long understood = i.events() + i.markers();
            long unreadable = i.unreadable();
            boolean ok = i.add(line);
            n++;
            long nowUnderstood = i.events() + i.markers();
            assertThat(nowUnderstood - understood).isEqualTo(ok ? 1 : 0);
            boolean looksLikeOurs = line.contains("[nat64@32473") || line.length() > MappingLogIndex.MAX_LINE;
            assertThat(i.unreadable() - unreadable).as(line).isEqualTo(!ok && looksLikeOurs ? 1 : 0);
        }
        assertThat(i.add(CHECK.format(new MappingEvent(t2, MappingEvent.Kind.BIB_DELETE, Protocol.UDP,
                0x20010db8ffff0000L, 7, 5000, POOL, port, port, 0, -1)))).isTrue();
        assertThat(i.lines()).isEqualTo(n + 1);
        Instant mid = Instant.ofEpochMilli(t1 + (t2 - t1) / 2);
        assertThat(i.find(port, "udp", mid, 0)).as("the well-formed pair")
                .anySatisfy(m -> {
                    assertThat(m.src6()).isEqualTo("2001:db8:ffff::7");
                    assertThat(m.from()).isEqualTo(Instant.ofEpochMilli(t1));
                    assertThat(m.to()).isEqualTo(Instant.ofEpochMilli(t2));
                });
        int asked = data.consumeInt(-1, 65535);
        for (MappingLogIndex.Mapping m : i.find(asked, null, null, 0)) {
            assertThat(asked < 0 || m.first() <= asked && asked <= m.last()).isTrue();
            assertThat(m.describe()).isNotEmpty();
        }
    }

    /** Raw text, a daemon line with fuzzed fields, or a daemon line cut or spliced. */
    static String line(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> data.consumeString(300);
            case 1 -> new Rfc5424Formatter(data.consumeAsciiString(12), "v6mostly").format(event(data));
            case 2 -> {
                String good = new Rfc5424Formatter("plat1", "v6mostly").format(event(data));
                int cut = data.consumeInt(0, good.length());
                yield good.substring(0, cut) + data.consumeString(40) + good.substring(cut);
            }
            default -> data.consumeString(20) + new Rfc5424Formatter("plat1", "v6mostly").format(event(data));
        };
    }

    static MappingEvent event(FuzzedDataProvider data) {
        MappingEvent.Kind kind = data.pickValue(KINDS);
        long time = data.consumeLong(0, YEAR_9999);
        if (kind == MappingEvent.Kind.NAT64_START) {
            return MappingEvent.start(time);
        }
        int first = data.consumeInt(0, 65535);
        int last = kind == MappingEvent.Kind.BLOCK_ALLOC || kind == MappingEvent.Kind.BLOCK_RELEASE
                ? data.consumeInt(first, 65535) : first;
        boolean session = kind == MappingEvent.Kind.SESSION_CREATE || kind == MappingEvent.Kind.SESSION_DELETE;
        return new MappingEvent(time, kind, data.pickValue(Protocol.values()), data.consumeLong(), data.consumeLong(),
                data.consumeInt(-1, 65535), data.consumeBoolean() ? POOL : data.consumeInt(), first, last,
                data.consumeInt(), session ? data.consumeInt(0, 65535) : -1);
    }

    /**
     * Logs as a daemon writes them: BIB entries of four ports created and deleted by four
     * subscribers with the 120 s hold-down (RFC 6888 REQ-8), restarts (a crash: no deletes, then a
     * {@code nat64-start}, after which ports are free at once), optionally events lost (queue
     * full), the lines read as up to three files in any order. Invariants: without losses, at each
     * start, end, middle and end + 1 ms of every holding a port names at most one subscriber, only
     * one that held it then, and inside a holding exactly its holder; with losses, a port names two
     * only when the index says that a bound was inferred.
     */
    @FuzzTest(maxDuration = "10s")
    void daemonLogsNameOneHolderPerPortAtATime(FuzzedDataProvider data) {
        boolean lossy = data.consumeBoolean();
        Rfc5424Formatter f = new Rfc5424Formatter("plat1", "v6mostly");
        List<String> lines = new ArrayList<>();
        List<long[]> truth = new ArrayList<>(); // port, subscriber, from, to, 1 if ended by a restart
        int[] holder = {-1, -1, -1, -1};
        long[] since = new long[4];
        long[] freed = {Long.MIN_VALUE / 2, Long.MIN_VALUE / 2, Long.MIN_VALUE / 2, Long.MIN_VALUE / 2};
        long t = T0;
        lines.add(f.format(MappingEvent.start(t)));
        for (int op = 0; op < 60 && data.remainingBytes() > 0; op++) {
            t += data.consumeInt(1, 300_000);
            int p = data.consumeInt(0, 3);
            switch (data.consumeInt(0, 2)) {
                case 0 -> {
                    if (holder[p] < 0 && t - freed[p] >= 120_000) {
                        holder[p] = data.consumeInt(0, 3);
                        since[p] = t;
                        emit(lines, f, t, MappingEvent.Kind.BIB_CREATE, holder[p], p, lossy && data.consumeBoolean());
                    }
                }
                case 1 -> {
                    if (holder[p] >= 0) {
                        emit(lines, f, t, MappingEvent.Kind.BIB_DELETE, holder[p], p, lossy && data.consumeBoolean());
                        truth.add(new long[] {p, holder[p], since[p], t, 0});
                        holder[p] = -1;
                        freed[p] = t;
                    }
                }
                default -> {
                    for (int q = 0; q < 4; q++) {
                        if (holder[q] >= 0) {
                            truth.add(new long[] {q, holder[q], since[q], t, 1});
                            holder[q] = -1;
                        }
                        freed[q] = Long.MIN_VALUE / 2;
                    }
                    lines.add(f.format(MappingEvent.start(t)));
                }
            }
        }
        for (int q = 0; q < 4; q++) {
            if (holder[q] >= 0) {
                truth.add(new long[] {q, holder[q], since[q], STILL_HELD, 0});
            }
        }
        MappingLogIndex i = new MappingLogIndex(POOL);
        int cut1 = data.consumeInt(0, lines.size());
        int cut2 = data.consumeInt(cut1, lines.size());
        List<List<String>> files = new ArrayList<>(List.of(lines.subList(0, cut1), lines.subList(cut1, cut2),
                lines.subList(cut2, lines.size())));
        for (int k = 0; k < 3; k++) {
            files.add(files.remove(data.consumeInt(0, 2 - k)));
        }
        files.forEach(file -> file.forEach(i::add));
        assertThat(i.unreadable()).isZero();
        for (long[] h : truth) {
            long[] times = h[3] == STILL_HELD ? new long[] {h[2], h[2] + 1}
                    : new long[] {h[2], h[3], h[2] + (h[3] - h[2]) / 2, h[3] + 1};
            for (long at : times) {
                int port = (int) h[0];
                List<MappingLogIndex.Mapping> named = i.find(PORT0 + port, "udp", Instant.ofEpochMilli(at), 0);
                if (!lossy) {
                    List<String> held = holders(truth, port, at);
                    assertThat(named).as("at %d", at).hasSizeLessThanOrEqualTo(1)
                            .allSatisfy(m -> assertThat(held).as("named at %d", at).contains(m.src6()));
                    if (at > h[2] && at < h[3]) {
                        assertThat(named).as("inside a holding").singleElement()
                                .satisfies(m -> assertThat(m.src6()).isEqualTo(src6(h[1])));
                    }
                } else if (named.size() > 1) {
                    assertThat(named).as("two named at %d: a bound must be inferred", at)
                            .anySatisfy(m -> assertThat(m.note()).isNotNull());
                }
            }
        }
    }

    /** Who held {@code port} at {@code at}: an end by delete is inclusive, an end by restart is not. */
    static List<String> holders(List<long[]> truth, int port, long at) {
        List<String> out = new ArrayList<>();
        for (long[] h : truth) {
            if (h[0] == port && h[2] <= at && (at < h[3] || at == h[3] && h[4] == 0)) {
                out.add(src6(h[1]));
            }
        }
        return out;
    }

    static final int PORT0 = 40000;
    /** The end of a holding that lasts past the log. */
    static final long STILL_HELD = Long.MAX_VALUE / 2;

    static String src6(long subscriber) {
        return "2001:db8:" + (subscriber + 1) + "::1";
    }

    private static void emit(List<String> lines, Rfc5424Formatter f, long t, MappingEvent.Kind kind, int subscriber,
            int p, boolean lost) {
        if (!lost) {
            lines.add(f.format(new MappingEvent(t, kind, Protocol.UDP, 0x20010db800000000L | (long) (subscriber + 1) << 16,
                    1, 5000, POOL, PORT0 + p, PORT0 + p, 0, -1)));
        }
    }
}
