package net.v6mostly.xlat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.xlat.rfc6146.HeldSynPackets;
import net.v6mostly.xlat.rfc6146.Nat64Config;
import net.v6mostly.xlat.rfc6146.Nat64Pipeline;
import net.v6mostly.xlat.rfc6146.Nat64State;
import net.v6mostly.xlat.rfc6146.Pool4;
import net.v6mostly.xlat.rfc6146.Protocol;
import net.v6mostly.xlat.rfc6146.SessionSweeper;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * Replays the NAT64 half of the Jool graybox corpus ({@code manifest-nat64.jsonl}) in order on ONE
 * fresh NAT64 instance, as the corpus README asks: the {@code session-test} exchanges create the
 * state later ones use, and the simultaneous-open tests need a held SYN to time out. The clock is
 * injected: each exchange advances it by its {@code wait_s} and runs the expiry sweep, so the 6 s
 * TCP_INCOMING_SYN hold expires without sleeping. Configuration changes between exchanges come from
 * each exchange's {@code state} snapshot (MTUs, traffic class, ICMP error source).
 *
 * <p>The IPv4 host n4 of the topology is simulated for the one behaviour a test depends on: it has
 * no route to 203.0.113.0/24 and answers such packets with ICMP Destination Unreachable, Net
 * Unreachable (issue132). Deviations from Jool are listed in docs/conformance/jool-graybox.md.
 */
class JoolGrayboxNat64Test {
    private static final Optional<Path> CORPUS = GrayboxCorpus.locate();
    private static final int N4 = Ipv4.parse("192.0.2.5");
    private static final int POOL4 = Ipv4.parse("192.0.2.2");
    private static final long START = 1_780_000_000_000L;

    private static int passed;
    private static int failed;

    @Test
    void nat64ExchangesInOrderOnOneInstance() throws IOException {
        Assumptions.assumeTrue(CORPUS.isPresent(),
                "../shared/conformance/jool-graybox is absent: the Jool graybox replay is skipped");
        Path corpus = CORPUS.get();
        List<GrayboxCorpus.Exchange> all = GrayboxCorpus.exchanges(corpus, "manifest-nat64.jsonl");
        Instance nat64 = new Instance(all.get(0).state());
        List<String> failures = new ArrayList<>();
        for (GrayboxCorpus.Exchange x : all) {
            try {
                List<byte[]> actual = nat64.run(corpus, x);
                compare(corpus, x, actual);
                passed++;
            } catch (AssertionError | RuntimeException e) {
                failed++;
                failures.add(x.id() + " " + x.group() + " " + x.expect() + ": " + e.getMessage());
            }
        }
        assertThat(failures).as("NAT64 graybox exchanges that failed").isEmpty();
        assertThat(passed).isEqualTo(42);
    }

    /** One NAT64 whose tables live across exchanges; settings follow each exchange's state. */
    private static final class Instance {
        final Nat64State state;
        final HeldSynPackets held = new HeldSynPackets();
        final SessionSweeper sweeper;
        final Arena arena = Arena.ofAuto();
        final MemorySegment buf = arena.allocate(70_000);
        Nat64Pipeline pipeline;
        Nat64Pipeline sweeping;
        String settingsKey = "";
        long now = START;

        Instance(JsonNode state0) {
            JsonNode range = state0.get("pool4").get(0);
            String[] ports = range.get("ports").asText().split("-");
            var r = new Pool4.PortRange(Integer.parseInt(ports[0]), Integer.parseInt(ports[1]));
            Pool4 pool = new Pool4(new int[] {Ipv4.parse(range.get("address").asText())}, r, r, r);
            state = new Nat64State(Nat64Config.defaults(pool).withLogging(false, 42), e -> { });
            for (JsonNode b : state0.get("bib_static")) {
                String[] v6 = b.get("ipv6").asText().split("#");
                String[] v4 = b.get("ipv4").asText().split("#");
                Ipv6Address a = Ipv6Address.parse(v6[0]);
                Protocol p = Protocol.valueOf(b.get("proto").asText().toUpperCase());
                state.addStatic(p, a.hi(), a.lo(), Integer.parseInt(v6[1]), Ipv4.parse(v4[0]), Integer.parseInt(v4[1]));
            }
            sweeper = new SessionSweeper(state);
        }

        void configure(JsonNode s) {
            String key = s.toString();
            if (key.equals(settingsKey)) {
                return;
            }
            settingsKey = key;
            SiitSettings xlat = SiitSettings.builder()
                    .pool6(Rfc6052Prefix.parse(s.get("pool6").asText()))
                    .eam(new EamTable(List.of()))
                    .ownIpv4(POOL4)
                    .ownIpv6(Ipv6Address.parse("2001:db8::1"))
                    .lowestIpv6Mtu(s.get("lowest-ipv6-mtu").asInt())
                    .mtu4(s.get("mtu").get("xlat_if4").asInt())
                    .mtu6(s.get("mtu").get("xlat_if6").asInt())
                    .resetTrafficClass(s.get("zeroize-traffic-class").asBoolean())
                    .wkpNonGlobal(true) // the corpus puts 192.0.2.0/24 behind 64:ff9b::/96
                    .icmpErrorsPerSecond(0)
                    .build();
            boolean better = s.get("source-icmpv6-errors-better").asBoolean();
            pipeline = new Nat64Pipeline(state, held, xlat, better);
            sweeping = new Nat64Pipeline(state, held, xlat, better);
        }

        List<byte[]> run(Path corpus, GrayboxCorpus.Exchange x) throws IOException {
            configure(x.state());
            Side want = x.expectAt().equals("n4") ? Side.V4 : Side.V6;
            List<byte[]> out = new ArrayList<>();
            ArrayDeque<byte[]> fromN4 = new ArrayDeque<>();
            PacketSink sink = (side, seg, off, len) -> {
                byte[] p = seg.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE);
                if (side == want) {
                    out.add(p);
                }
                if (side == Side.V4) {
                    byte[] reply = n4(p);
                    if (reply != null) {
                        fromN4.add(reply);
                    }
                }
            };
            for (GrayboxCorpus.Send send : x.sends()) {
                inject(Files.readAllBytes(corpus.resolve("nat64").resolve(send.file())), sink);
                while (!fromN4.isEmpty()) {
                    inject(fromN4.poll(), sink);
                }
            }
            now += Math.round(x.waitSeconds() * 1000);
            while (!sweeping.sweep(sweeper, now, 1 << 16, sink)) {
                // one full cycle
            }
            return out;
        }

        void inject(byte[] packet, PacketSink sink) {
            MemorySegment.copy(packet, 0, buf, ValueLayout.JAVA_BYTE, Nat64Pipeline.HEADROOM, packet.length);
            pipeline.translate(buf, Nat64Pipeline.HEADROOM, packet.length, now, sink, Offload.NONE);
        }
    }

    /**
     * The IPv4 host n4 (192.0.2.5) of the corpus topology, reduced to what a test depends on: it has
     * no route to 203.0.113.0/24 and answers with ICMP 3/0 sourced from itself, quoting the packet as
     * it arrived (Linux {@code icmp_send}: TOS 0xC0, TTL 64).
     */
    static byte[] n4(byte[] packet) {
        MemorySegment p = MemorySegment.ofArray(packet);
        int dst = Bytes.i32(p, Ipv4Header.DESTINATION);
        if (!Ipv4.in(dst, Ipv4.parse("203.0.113.0"), 24) || Bytes.u8(p, Ipv4Header.PROTOCOL) == IpProtocol.ICMP) {
            return null;
        }
        int quoted = Math.min(packet.length, 548);
        byte[] reply = new byte[28 + quoted];
        MemorySegment r = MemorySegment.ofArray(reply);
        Ipv4Header.write(r, 0, 0xC0, reply.length, 0, 0, 64, IpProtocol.ICMP, N4, Bytes.i32(p, Ipv4Header.SOURCE));
        Bytes.put32(r, 20, 3 << 24);
        MemorySegment.copy(p, 0, r, 28, quoted);
        Bytes.put16(r, 22, Checksum.finish(Checksum.add(0, r, 20, 8 + quoted)));
        return reply;
    }

    private static void compare(Path corpus, GrayboxCorpus.Exchange x, List<byte[]> actual) throws IOException {
        assertThat(actual).as("packets emitted toward %s", x.expectAt()).hasSize(x.expect().size());
        for (int i = 0; i < actual.size(); i++) {
            byte[] expected = Files.readAllBytes(corpus.resolve("nat64").resolve(x.expect().get(i)));
            JoolGrayboxSiitTest.assertPacket(x.expect().get(i), expected, actual.get(i), x.ignore());
        }
    }

    @AfterAll
    static void summary() {
        if (CORPUS.isPresent()) {
            System.out.println("jool-graybox nat64: " + passed + " passed, " + failed + " failed");
        }
    }
}
