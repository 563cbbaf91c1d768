package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.xlat.rfc6146.MappingEvent;
import net.v6mostly.xlat.rfc6146.Protocol;
import net.v6mostly.xlat.rfc6146.Rfc5424Formatter;

/**
 * Mapping logs read back (RFC 6888 REQ-12): the lines are made by the daemon's own formatter, so
 * what the NAT64 writes is what the lookup reads.
 */
class MappingLogIndexTest {
    static final Rfc5424Formatter FORMAT = new Rfc5424Formatter("plat1", "v6mostly");
    static final int POOL = Ipv4.parse("203.0.113.1");
    static final long HOST_A_HI = 0x20010db800010000L;
    static final long T0 = Instant.parse("2026-12-03T13:00:00Z").toEpochMilli();

    static String line(long minutes, MappingEvent.Kind kind, Protocol p, long lo, int port6, int port4, int last) {
        return FORMAT.format(new MappingEvent(T0 + minutes * 60_000, kind, p, HOST_A_HI, lo, port6, POOL, port4, last, 0,
                -1));
    }

    static Instant at(long minutes) {
        return Instant.ofEpochMilli(T0 + minutes * 60_000);
    }

    @Test
    void aBibEntryIsFoundWithinItsLifetimeAndNotOutside() {
        MappingLogIndex i = new MappingLogIndex(POOL);
        assertThat(i.add(line(0, MappingEvent.Kind.BIB_CREATE, Protocol.TCP, 2, 59302, 25078, 25078))).isTrue();
        assertThat(i.add(line(4, MappingEvent.Kind.BIB_DELETE, Protocol.TCP, 2, 59302, 25078, 25078))).isTrue();
        List<MappingLogIndex.Mapping> m = i.find(25078, "tcp", at(2), 0);
        assertThat(m).singleElement().satisfies(x -> {
            assertThat(x.src6()).isEqualTo("2001:db8:1::2");
            assertThat(x.sport6()).isEqualTo(59302);
            assertThat(x.from()).isEqualTo(at(0));
            assertThat(x.to()).isEqualTo(at(4));
        });
        assertThat(m.getFirst().describe()).contains("203.0.113.1#25078", "2001:db8:1::2#59302",
                "2026-12-03T13:00:00Z", "2026-12-03T13:04:00Z");
        assertThat(i.find(25078, "tcp", at(5), 0)).as("after the delete").isEmpty();
        assertThat(i.find(25078, "tcp", at(5), 60)).as("within the slack").hasSize(1);
        assertThat(i.find(25078, "udp", at(2), 0)).as("another protocol").isEmpty();
        assertThat(i.find(25079, null, at(2), 0)).as("another port").isEmpty();
        assertThat(i.find(-1, null, null, 0)).as("every mapping of the address").hasSize(1);
        MappingLogIndex other = new MappingLogIndex(Ipv4.parse("203.0.113.2"));
        assertThat(other.add(line(0, MappingEvent.Kind.BIB_CREATE, Protocol.TCP, 2, 59302, 25078, 25078))).isTrue();
        assertThat(other.find(-1, null, null, 0)).as("another address's events are not kept").isEmpty();
    }

    @Test
    void aPortReusedAfterTheHoldDownNamesTheRightHostAtEachTime() {
        MappingLogIndex i = new MappingLogIndex(POOL);
        i.add(line(0, MappingEvent.Kind.BIB_CREATE, Protocol.UDP, 2, 5000, 40000, 40000));
        i.add(line(10, MappingEvent.Kind.BIB_DELETE, Protocol.UDP, 2, 5000, 40000, 40000));
        i.add(line(13, MappingEvent.Kind.BIB_CREATE, Protocol.UDP, 3, 6000, 40000, 40000));
        assertThat(i.find(40000, "udp", at(9), 0)).singleElement()
                .satisfies(x -> assertThat(x.src6()).isEqualTo("2001:db8:1::2"));
        assertThat(i.find(40000, "udp", at(20), 0)).singleElement().satisfies(x -> {
            assertThat(x.src6()).isEqualTo("2001:db8:1::3");
            assertThat(x.to()).as("still mapped at the end of the log").isNull();
        });
        assertThat(i.find(40000, "udp", at(11), 0)).as("in the hold-down gap nobody had it").isEmpty();
    }

    @Test
    void aPortBlockCoversEveryPortInItAndARotatedLogStillAnswers() {
        MappingLogIndex i = new MappingLogIndex(POOL);
        // the log begins after the block was given: only its release is seen
        i.add(line(30, MappingEvent.Kind.BLOCK_RELEASE, Protocol.TCP, 2, -1, 2048, 2175));
        List<MappingLogIndex.Mapping> m = i.find(2100, null, at(20), 0);
        assertThat(m).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo("block");
            assertThat(x.from()).as("before the log starts").isNull();
            assertThat(x.describe()).contains("#2048-2175", "before the log starts");
        });
        assertThat(i.find(2176, null, at(20), 0)).isEmpty();
    }

    @Test
    void sessionsCarryTheirDestination() {
        MappingLogIndex i = new MappingLogIndex(POOL);
        i.add(FORMAT.format(new MappingEvent(T0, MappingEvent.Kind.SESSION_CREATE, Protocol.TCP, HOST_A_HI, 2, 51000,
                POOL, 40001, 40001, Ipv4.parse("198.51.100.7"), 443)));
        assertThat(i.find(40001, "tcp", at(1), 0)).singleElement()
                .satisfies(x -> assertThat(x.dst()).isEqualTo("198.51.100.7#443"));
    }

    @Test
    void prefixesOtherLinesAndBrokenLinesAreHandled() {
        MappingLogIndex i = new MappingLogIndex(POOL);
        String good = line(0, MappingEvent.Kind.BIB_CREATE, Protocol.ICMP, 2, 7, 9, 9);
        assertThat(i.add("Dec 03 13:00:00 plat1 v6mostly[812]: " + good)).as("a journald prefix").isTrue();
        assertThat(i.add("2026-12-03T13:00:00.000Z INFO  Nat64Daemon: translating on nat64")).isFalse();
        assertThat(i.add("ts=2026-12-03T13:00:00.000Z level=info component=nat64 msg=\"translating on nat64\""))
                .as("a daemon log line in [logging] text format").isFalse();
        assertThat(i.add("{\"ts\":\"2026-12-03T13:00:00.000Z\",\"level\":\"info\",\"component\":\"nat64\","
                + "\"msg\":\"translating on nat64\"}")).as("the same in JSON").isFalse();
        assertThat(i.add("")).isFalse();
        assertThat(i.add(good.replace("2026-12-03T13", "2026-13-03T13"))).as("bad time").isFalse();
        assertThat(i.add(good.replace("port4=\"9\"", "port4=\"70000\""))).as("bad port").isFalse();
        assertThat(i.add(good.replace("pool4=\"203.0.113.1\"", "pool4=\"203.0.113\""))).as("bad address").isFalse();
        assertThat(i.add(good.replace(" src6=\"2001:db8:1::2\"", ""))).as("no src6").isFalse();
        assertThat(i.add(good.substring(0, good.length() - 20))).as("torn line").isFalse();
        assertThat(i.lines()).isEqualTo(10);
        assertThat(i.events()).isEqualTo(1);
        assertThat(i.unreadable()).isEqualTo(5);
        assertThat(i.find(9, "icmp", at(1), 0)).hasSize(1);
    }

    static String marker(String host, long minutes) {
        return new Rfc5424Formatter(host, "v6mostly").format(MappingEvent.start(T0 + minutes * 60_000));
    }

    static String fromOtherHost(long minutes, MappingEvent.Kind kind, long lo, int port6, int port4) {
        return FORMAT.format(new MappingEvent(T0 + minutes * 60_000, kind, Protocol.UDP, 0x20010db800020000L, lo,
                port6, POOL, port4, port4, 0, -1));
    }

    @Test
    void aRestartMarkerEndsWhatWasOpenSoOnePortNeverNamesTwoSubscribers_rfc6888_req12() {
        MappingLogIndex i = new MappingLogIndex(POOL);
        assertThat(marker("plat1", 10)).isEqualTo("<134>1 2026-12-03T13:10:00.000Z plat1 v6mostly - nat64-start"
                + " [nat64@32473 start=\"2026-12-03T13:10:00.000Z\"]");
        i.add(line(0, MappingEvent.Kind.BIB_CREATE, Protocol.UDP, 2, 5000, 40000, 40000)); // crashed: no delete
        assertThat(i.add(marker("plat1", 10))).isTrue();
        i.add(fromOtherHost(10, MappingEvent.Kind.BIB_CREATE, 9, 6000, 40000)); // the new instance, same ms
        assertThat(i.markers()).isEqualTo(1);
        assertThat(i.find(40000, "udp", at(5), 0)).singleElement().satisfies(x -> {
            assertThat(x.src6()).isEqualTo("2001:db8:1::2");
            assertThat(x.to()).isEqualTo(at(10));
            assertThat(x.describe()).contains("ended by a NAT64 restart");
        });
        assertThat(i.find(40000, "udp", at(10), 0)).as("the instant of the restart").singleElement()
                .satisfies(x -> assertThat(x.src6()).isEqualTo("2001:db8:2::9"));
        assertThat(i.find(40000, "udp", at(30), 0)).singleElement()
                .satisfies(x -> assertThat(x.src6()).isEqualTo("2001:db8:2::9"));
        assertThat(i.find(40000, "udp", null, 0)).hasSize(2);
    }

    @Test
    void aMarkerOfAnotherLogSourceEndsNothingOfThisOne() {
        MappingLogIndex i = new MappingLogIndex(POOL);
        i.add(line(0, MappingEvent.Kind.BIB_CREATE, Protocol.UDP, 2, 5000, 40000, 40000));
        i.add(marker("plat2", 10));
        assertThat(i.find(40000, "udp", at(30), 0)).singleElement().satisfies(x -> assertThat(x.to()).isNull());
    }

    @Test
    void aLostDeleteIsInferredFromTheNextMappingOfThePort() {
        MappingLogIndex i = new MappingLogIndex(POOL);
        // the bib-delete of the first was lost (queue full): the port was given again at minute 5
        i.add(line(0, MappingEvent.Kind.BIB_CREATE, Protocol.TCP, 2, 5000, 40000, 40000));
        i.add(FORMAT.format(new MappingEvent(T0 + 5 * 60_000, MappingEvent.Kind.BIB_CREATE, Protocol.TCP,
                0x20010db800020000L, 9, 6000, POOL, 40000, 40000, 0, -1)));
        assertThat(i.find(40000, "tcp", at(3), 0)).singleElement()
                .satisfies(x -> assertThat(x.src6()).isEqualTo("2001:db8:1::2"));
        assertThat(i.find(40000, "tcp", at(5), 0)).singleElement()
                .satisfies(x -> assertThat(x.src6()).isEqualTo("2001:db8:2::9"));
        assertThat(i.find(40000, "tcp", null, 0)).filteredOn(x -> x.src6().equals("2001:db8:1::2")).singleElement()
                .satisfies(x -> {
                    assertThat(x.to()).isEqualTo(at(5));
                    assertThat(x.describe()).contains("end not logged");
                });
        assertThat(i.find(40000, "udp", at(3), 0)).as("another protocol's port is another port").isEmpty();
    }

    @Test
    void overlappingBlocksEndTheOlderOne_rfc7422() {
        MappingLogIndex i = new MappingLogIndex(POOL);
        i.add(line(0, MappingEvent.Kind.BLOCK_ALLOC, Protocol.UDP, 2, -1, 2048, 2111));
        i.add(FORMAT.format(new MappingEvent(T0 + 60_000, MappingEvent.Kind.BLOCK_ALLOC, Protocol.UDP,
                0x20010db800020000L, 9, -1, POOL, 2048, 2111, 0, -1)));
        assertThat(i.find(2050, "udp", at(2), 0)).singleElement()
                .satisfies(x -> assertThat(x.src6()).isEqualTo("2001:db8:2::9"));
    }

    @Test
    void aDeleteWhoseCreateWasLostBeganAfterTheLastStart() {
        MappingLogIndex i = new MappingLogIndex(POOL);
        i.add(marker("plat1", 0));
        i.add(line(20, MappingEvent.Kind.BIB_DELETE, Protocol.UDP, 2, 5000, 40000, 40000));
        assertThat(i.find(40000, "udp", null, 0)).singleElement().satisfies(x -> {
            assertThat(x.from()).isEqualTo(at(0));
            assertThat(x.describe()).contains("creation not in the log");
        });
    }

    @Test
    void everyLineIsAccountedForAndOverlongLinesAreNotParsed() {
        MappingLogIndex i = new MappingLogIndex(POOL);
        i.add(line(0, MappingEvent.Kind.BIB_CREATE, Protocol.UDP, 2, 5000, 40000, 40000));
        i.add(marker("plat1", 1));
        i.add("just a line");
        i.add("[nat64@32473 " + "x".repeat(MappingLogIndex.MAX_LINE));
        i.add(line(2, MappingEvent.Kind.BIB_CREATE, Protocol.UDP, 2, 5000, 40000, 40000).replace("udp", "u\"dp"));
        assertThat(i.lines()).isEqualTo(5);
        assertThat(i.events()).isEqualTo(1);
        assertThat(i.markers()).isEqualTo(1);
        assertThat(i.unreadable()).isEqualTo(2);
    }
}
