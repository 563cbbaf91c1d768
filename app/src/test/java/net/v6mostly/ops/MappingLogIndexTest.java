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
        assertThat(i.add("")).isFalse();
        assertThat(i.add(good.replace("2026-12-03T13", "2026-13-03T13"))).as("bad time").isFalse();
        assertThat(i.add(good.replace("port4=\"9\"", "port4=\"70000\""))).as("bad port").isFalse();
        assertThat(i.add(good.replace("pool4=\"203.0.113.1\"", "pool4=\"203.0.113\""))).as("bad address").isFalse();
        assertThat(i.add(good.replace(" src6=\"2001:db8:1::2\"", ""))).as("no src6").isFalse();
        assertThat(i.add(good.substring(0, good.length() - 20))).as("torn line").isFalse();
        assertThat(i.lines()).isEqualTo(8);
        assertThat(i.events()).isEqualTo(1);
        assertThat(i.unreadable()).isEqualTo(5);
        assertThat(i.find(9, "icmp", at(1), 0)).hasSize(1);
    }
}
