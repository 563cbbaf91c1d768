package net.v6mostly.dhcp4;

import static net.v6mostly.dhcp4.Clients.LAN;
import static net.v6mostly.dhcp4.Clients.NOW;
import static net.v6mostly.dhcp4.Clients.SERVER;
import static net.v6mostly.dhcp4.Clients.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;


import org.junit.jupiter.api.Test;

/**
 * Issue 15: a flood of distinct MACs keeps every structure of the engine near the pool size.
 * 10^6 DHCPDISCOVERs, a thousand per simulated second; every tenth asks for option 108, every
 * seventh goes on to a DHCPREQUEST. Pending offers expire after offer-hold (60 s) and are
 * displaced, bindings displace each other per address, adoption figures use fixed memory.
 */
class Dhcp4FloodTest {
    private static final int CLIENTS = 1_000_000;
    /** Pool 192.0.2.100-150 (51) plus the reservation 192.0.2.5 of Clients.lan. */
    private static final int ADDRESSES = 51 + 1;

    private static byte[] mac(int i) {
        return new byte[] {2, 0x66, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
    }

    @Test
    void aMillionDistinctMacsKeepEveryTableAtMostOneEntryPerAddress() {
        Dhcp4Engine engine = new Dhcp4Engine(Clients.config(1800));
        long answered = 0;
        long asked108 = 0;
        for (int i = 0; i < CLIENTS; i++) {
            long now = NOW + i / 1000;
            Clients.Builder b = msg(MessageType.DISCOVER, mac(i));
            if (i % 10 == 0) {
                b.asks108();
                asked108++;
            }
            Outcome offer = engine.handle(b.build(), LAN, now);
            answered += offer.replies() ? 1 : 0;
            if (i % 7 == 0 && offer.stat() == Dhcp4Stat.OFFER_SENT) {
                Outcome ack = engine.handle(msg(MessageType.REQUEST, mac(i)).serverId(SERVER)
                        .requested(offer.reply().yiaddr()).build(), LAN, now);
                assertThat(ack.stat()).isEqualTo(Dhcp4Stat.ACK_SELECTING);
            }
            if (i % 100_000 == 0) {
                assertBounded(engine);
            }
        }
        assertBounded(engine);
        assertThat(answered).isGreaterThan(asked108);       // the pool kept serving as offers expired
        Adoption lan = engine.adoption().get(0);
        assertThat((double) lan.ipv6Only()).isCloseTo(asked108, within(asked108 * 0.03));
        assertThat(lan.ipv4Leased()).isPositive();
        // every datagram is counted under exactly one exit
        long counted = engine.counters().snapshot().values().stream().mapToLong(Long::longValue).sum();
        assertThat(counted).isEqualTo(CLIENTS + engine.counters().get(Dhcp4Stat.ACK_SELECTING));
    }

    private static void assertBounded(Dhcp4Engine engine) {
        LeaseTable.Sizes sizes = engine.tableSizes();
        assertThat(sizes.largest()).as("%s", sizes).isLessThanOrEqualTo(ADDRESSES);
        // three figures per subnet, each at most the exact set (64 KiB) or the registers (16 KiB)
        assertThat(engine.adoptionFootprint()).isLessThanOrEqualTo(2L * 3 * DistinctCounter.EXACT * 2 * Long.BYTES);
    }

    @Test
    void aFullPoolIsSearchedOncePerChangeNotOncePerDiscover() {
        Dhcp4Engine engine = new Dhcp4Engine(Clients.config(Subnet.V6ONLY_OFF));    // 51 pool addresses, hold 60 s
        int[] offered = new int[51];
        for (int i = 0; i < 51; i++) {
            offered[i] = engine.handle(msg(MessageType.DISCOVER, mac(i)).build(), LAN, NOW + i).reply().yiaddr();
        }
        for (int i = 51; i < 10_051; i++) {
            assertThat(engine.handle(msg(MessageType.DISCOVER, mac(i)).build(), LAN, NOW + 59).stat())
                    .isEqualTo(Dhcp4Stat.POOL_EXHAUSTED);
        }
        assertThat(engine.fullSearches()).isEqualTo(1);
        // the first held offer ends at NOW + 60 (offer-hold), the others later: it alone is offered again
        assertThat(engine.handle(msg(MessageType.DISCOVER, mac(20_000)).build(), LAN, NOW + 60).reply().yiaddr())
                .isEqualTo(offered[0]);
        // a client turning the offer down (REQUEST naming another server) frees its address at once
        engine.handle(msg(MessageType.REQUEST, mac(20_000)).serverId(Clients.RELAY).requested(offered[0]).build(),
                LAN, NOW + 60);
        assertThat(engine.handle(msg(MessageType.DISCOVER, mac(20_001)).build(), LAN, NOW + 60).reply().yiaddr())
                .isEqualTo(offered[0]);
        assertThat(engine.handle(msg(MessageType.DISCOVER, mac(20_002)).build(), LAN, NOW + 60).stat())
                .isEqualTo(Dhcp4Stat.POOL_EXHAUSTED);
    }

    @Test
    void distinctCountsAreExactUpTo4096AndWithinTwoPercentBeyond() {
        DistinctCounter c = new DistinctCounter();
        for (int round = 0; round < 2; round++) {              // duplicates do not count
            for (int i = 0; i < DistinctCounter.EXACT; i++) {
                c.add("hw:1:" + i);
            }
        }
        assertThat(c.count()).isEqualTo(DistinctCounter.EXACT);
        for (int n : List.of(10_000, 100_000, 1_000_000)) {
            DistinctCounter d = new DistinctCounter();
            for (int i = 0; i < n; i++) {
                d.add("hw:1:" + i);
                d.add("hw:1:" + i);
            }
            assertThat((double) d.count()).as("n = %d", n).isCloseTo(n, within(n * 0.02));
            assertThat(d.footprint()).isEqualTo(1 << DistinctCounter.P);
        }
    }
}
