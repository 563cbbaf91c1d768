package net.v6mostly.dhcp4;

import static net.v6mostly.dhcp4.Clients.NOW;
import static net.v6mostly.dhcp4.Clients.RELAY;
import static net.v6mostly.dhcp4.Clients.SERVER;
import static net.v6mostly.dhcp4.Clients.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target: the DHCPv4 engine end to end with state (RFC 2131 §4.3, RFC 8925 §3.3). One input
 * is a session of up to 64 datagrams against one engine, each either raw bytes, a client message
 * built from fuzzed fields (a handful of MACs so that DISCOVER, REQUEST, DECLINE and RELEASE meet
 * the same leases), or such a message with bytes overwritten; time moves forward between them.
 * Invariants: nothing is thrown; every datagram is counted under exactly one exit; a reply exists
 * exactly for the answered exits, emits and parses back equal, answers the request's xid with an
 * OFFER, ACK or NAK and never offers an address outside the pools and reservations; every lease
 * change can be journalled and replays equal; no table holds more entries than there are addresses;
 * the state rebuilds an engine with the same state.
 */
class Dhcp4EngineFuzzTest {
    private static final byte[][] MACS = {Clients.MAC_A, Clients.MAC_B, Clients.MAC_RESERVED,
        Clients.MAC_IPV4_ONLY_DEVICE, {2, 0, 0, 0, 0, 0x1c}};
    private static final int[] ADDRESSES = {0, ip("192.0.2.100"), ip("192.0.2.101"), ip("192.0.2.120"),
        ip("192.0.2.121"), ip("192.0.2.130"), ip("192.0.2.5"), ip("192.0.2.200"), ip("198.51.100.10"),
        ip("198.51.100.20"), SERVER, RELAY};
    private static final int[] ANSWER_TYPES = {MessageType.OFFER.code(), MessageType.ACK.code(), MessageType.NAK.code()};

    private static Dhcp4Config config() {
        Subnet lan = Clients.lan(1800, List.of(new Pool(ip("192.0.2.100"), ip("192.0.2.120")),
                new Pool(ip("192.0.2.121"), ip("192.0.2.130"), Subnet.V6ONLY_OFF)));
        return new Dhcp4Config(List.of(lan, Clients.relayed()), 60, 600, 2, 20);
    }

    /** Every address the engine may hand out: the pools and the reservations. */
    private static Set<Integer> servable(Dhcp4Config c) {
        Set<Integer> out = new HashSet<>();
        for (Subnet s : c.subnets()) {
            for (Pool p : s.pools()) {
                for (long a = Integer.toUnsignedLong(p.first()); a <= Integer.toUnsignedLong(p.last()); a++) {
                    out.add((int) a);
                }
            }
            s.reservations().stream().filter(r -> r.address() != 0).forEach(r -> out.add(r.address()));
        }
        return out;
    }

    @FuzzTest(maxDuration = "10s")
    void engineAnswersOrCountsEveryDatagram(FuzzedDataProvider data) {
        Dhcp4Config config = config();
        Set<Integer> servable = servable(config);
        Dhcp4Engine engine = new Dhcp4Engine(config);
        long now = NOW;
        long handled = 0;
        for (int step = 0; step < 64 && data.remainingBytes() > 0; step++) {
            now += data.consumeInt(0, 300);
            engine.suspendV6Only(data.consumeInt(0, 15) == 0);
            Arrival arrival = new Arrival(data.consumeBoolean() ? "lan0" : "other0", data.consumeBoolean());
            byte[] datagram = datagram(data);
            Outcome o = engine.handle(datagram, 0, datagram.length, arrival, now);
            handled++;
            check(datagram, o, servable);
            if (o.stat() == Dhcp4Stat.POOL_EXHAUSTED) {
                reallyFull(engine, datagram, arrival, now);
            }
            assertThat(counted(engine)).isEqualTo(handled);
            assertThat(engine.tableSizes().largest()).as("%s", engine.tableSizes()).isLessThanOrEqualTo(servable.size());
            assertThat(engine.activeLeases(now)).isLessThanOrEqualTo(servable.size());
        }
        rebuilds(engine, now);
    }

    private static long counted(Dhcp4Engine engine) {
        return engine.counters().snapshot().values().stream().mapToLong(Long::longValue).sum();
    }

    private static byte[] datagram(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> data.consumeBytes(data.consumeInt(0, 700));
            case 1 -> {
                byte[] d = message(data).emit();
                for (int k = data.consumeInt(0, 4); k > 0; k--) {
                    d[data.consumeInt(0, d.length - 1)] = data.consumeByte();
                }
                yield d;
            }
            default -> message(data).emit();
        };
    }

    /** A client message from fuzzed fields, the usual addresses and MACs weighted in. */
    private static DhcpMessage message(FuzzedDataProvider data) {
        DhcpOptions.Builder b = DhcpOptions.builder().u8(DhcpOption.MESSAGE_TYPE, data.consumeInt(0, 9));
        if (data.consumeBoolean()) {
            b.put(DhcpOption.PARAMETER_REQUEST_LIST, data.consumeBoolean() ? new byte[] {1, 3, 6, 108, 121}
                    : data.consumeBytes(data.consumeInt(1, 8)));
        }
        if (data.consumeBoolean()) {
            b.u32(DhcpOption.REQUESTED_IP, Integer.toUnsignedLong(address(data)));
        }
        if (data.consumeBoolean()) {
            b.u32(DhcpOption.SERVER_ID, Integer.toUnsignedLong(data.consumeBoolean() ? SERVER : address(data)));
        }
        if (data.consumeInt(0, 3) == 0) {
            b.put(DhcpOption.CLIENT_ID, data.consumeBytes(data.consumeInt(2, 800)));
        }
        if (data.consumeInt(0, 3) == 0) {
            b.put(DhcpOption.RELAY_AGENT_INFO, data.consumeBytes(data.consumeInt(0, 300)));
        }
        byte[] mac = data.consumeBoolean() ? data.pickValue(MACS) : data.consumeBytes(6);
        int giaddr = data.consumeInt(0, 3) == 0 ? (data.consumeBoolean() ? RELAY : address(data)) : 0;
        int ciaddr = data.consumeBoolean() ? address(data) : 0;
        int flags = data.consumeBoolean() ? DhcpMessage.FLAG_BROADCAST : 0;
        return new DhcpMessage(DhcpMessage.BOOTREQUEST, 1, 6, 0, data.consumeInt(), 0, flags, ciaddr, 0, 0, giaddr,
                mac, new byte[64], new byte[128], b.build());
    }

    private static int address(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(ADDRESSES) : data.consumeInt();
    }

    private static void check(byte[] datagram, Outcome o, Set<Integer> servable) {
        assertThat(o.stat()).isNotNull();
        assertThat(o.replies()).isEqualTo(o.destination() != null);
        boolean answered = !o.stat().isDrop() && o.stat() != Dhcp4Stat.DECLINE_QUARANTINED && o.stat() != Dhcp4Stat.RELEASED;
        assertThat(o.replies()).as("%s", o.stat()).isEqualTo(answered);
        if (o.stat().isDrop()) {
            assertThat(o.changes()).isEmpty();
        }
        for (LeaseChange c : o.changes()) {
            assertThat(servable).contains(c.address());
            List<LeaseChange> back = new java.util.ArrayList<>();
            byte[] encoded = LeaseJournal.encode(List.of(c)).array();
            assertThat(LeaseJournal.replay(encoded, "fuzz", back::add, w -> { })).isEqualTo(encoded.length);
            assertThat(back).containsExactly(c);
        }
        if (!o.replies()) {
            return;
        }
        DhcpMessage request = DhcpMessage.parse(datagram, 0, datagram.length).message();
        DhcpMessage reply = o.reply();
        byte[] emitted = reply.emit();
        DhcpMessage.Decoded again = DhcpMessage.parse(emitted, 0, emitted.length);
        assertThat(again.ok()).as("%s", again.fault()).isTrue();
        assertThat(again.message()).isEqualTo(reply);
        assertThat(reply.op()).isEqualTo(DhcpMessage.BOOTREPLY);
        assertThat(reply.xid()).isEqualTo(request.xid());
        assertThat(reply.chaddr()).isEqualTo(request.chaddr());
        assertThat(reply.options().u8(DhcpOption.MESSAGE_TYPE, -1)).isIn(ANSWER_TYPES[0], ANSWER_TYPES[1], ANSWER_TYPES[2]);
        if (reply.yiaddr() != 0) {
            assertThat(servable).contains(reply.yiaddr());
        }
        if (reply.options().messageType() == MessageType.NAK) {
            assertThat(reply.yiaddr()).isZero();
        }
    }

    /** POOL_EXHAUSTED (found by search or by the full-pool memo) means no pool address is free for this client. */
    private static void reallyFull(Dhcp4Engine engine, byte[] datagram, Arrival arrival, long now) {
        DhcpMessage m = DhcpMessage.parse(datagram, 0, datagram.length).message();
        Subnet s = engine.select(m, arrival);
        String key = Dhcp4Engine.clientKey(m);
        Reservation r = s.reservationFor(m.options().get(DhcpOption.CLIENT_ID), m.hardwareAddress());
        if (r != null && r.address() != 0) {
            return;     // a client with a reserved address is offered that address only
        }
        for (Pool p : s.pools()) {
            for (long a = Integer.toUnsignedLong(p.first()); a <= Integer.toUnsignedLong(p.last()); a++) {
                assertThat(s.isReserved((int) a) || !engine.table().isFreeFor((int) a, key, now))
                        .as("%s free at %d", net.v6mostly.addr.Ipv4.format((int) a), now).isTrue();
            }
        }
    }

    /** The state a compaction writes rebuilds an engine whose state is the same, and survives the journal. */
    private static void rebuilds(Dhcp4Engine engine, long now) {
        List<LeaseChange> state = engine.state(now);
        Dhcp4Engine rebuilt = new Dhcp4Engine(engine.config());
        state.forEach(rebuilt::restore);
        assertThat(rebuilt.state(now)).containsExactlyInAnyOrderElementsOf(state);
        byte[] encoded = LeaseJournal.encode(state).array();
        List<LeaseChange> back = new java.util.ArrayList<>();
        assertThat(LeaseJournal.replay(encoded, "fuzz", back::add, w -> { })).isEqualTo(encoded.length);
        assertThat(back).isEqualTo(state);
    }
}
