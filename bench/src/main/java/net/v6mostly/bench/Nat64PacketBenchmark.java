package net.v6mostly.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.rfc6146.HeldSynPackets;
import net.v6mostly.xlat.rfc6146.Nat64Config;
import net.v6mostly.xlat.rfc6146.Nat64Exit;
import net.v6mostly.xlat.rfc6146.Nat64Pipeline;
import net.v6mostly.xlat.rfc6146.Nat64State;
import net.v6mostly.xlat.rfc6146.Pool4;
import net.v6mostly.xlat.rfc7757.EamTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per packet of the stateful NAT64 ({@link Nat64Pipeline#translate}, RFC 6146 §3.4–3.7) on an
 * established flow, in both directions: the BIB entry and the session exist before the measurement
 * (made in setup by the flow's first packets), so each measured packet is a lookup, a session
 * update and an RFC 7915 translation with the session's transport address. Run with
 * {@code -prof gc}: the steady state must not allocate (DESIGN.md §3.5).
 *
 * <p>The pipeline rewrites its input in place, so every call first restores the pristine packet;
 * {@code copyOnly46}/{@code copyOnly64} measure that restore alone, to be subtracted.
 *
 * <p>{@code kind}: {@code UDP64} UDP in 64-byte IP packets; {@code TCP1400} TCP data segments
 * (PSH, ACK) in 1400-byte IP packets of a connection whose handshake went through the NAT64 in
 * setup (the session is ESTABLISHED, RFC 6146 §3.5.2.2). The IPv6 client is 2001:db8:1::2, the
 * IPv4 server 203.0.113.20 (behind pool6 2001:db8:64::/96), pool4 one address, 198.51.100.1.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class Nat64PacketBenchmark {
    /** Where the packet starts in the working buffer: at least {@link Nat64Pipeline#HEADROOM}, 8-aligned. */
    private static final long OFF = 64;
    private static final int POOL4 = 0xC633_6401; // 198.51.100.1
    /** 2001:db8:1::2, outside pool6. */
    private static final byte[] CLIENT6 = ByteBuffer.allocate(16).putInt(0x2001_0db8).putInt(0x0001_0000).putInt(0)
            .putInt(2).array();
    private static final byte[] SERVER6 = Packets.v6(Packets.SERVER4);
    private static final int HANDSHAKE_LENGTH6 = 60;
    private static final int HANDSHAKE_LENGTH4 = 40;

    @Param({"UDP64", "TCP1400"})
    public String kind;

    private Arena arena;
    private MemorySegment work;
    private MemorySegment pristine46;
    private MemorySegment pristine64;
    private int len46;
    private int len64;
    private Nat64Pipeline pipeline;
    private final TranslateBenchmark.LengthSink sink = new TranslateBenchmark.LengthSink();
    /** Constant clock (ms): the session never expires and no sweep runs. */
    private final long now = 1_000_000L;

    @Setup(Level.Trial)
    public void setUp() {
        Nat64State state = new Nat64State(Nat64Config.defaults(Pool4.of(POOL4)).withLogging(false, 1), e -> { });
        SiitSettings xlat = SiitSettings.builder().pool6(Rfc6052Prefix.parse(Packets.POOL6))
                .eam(new EamTable(List.of())).ownIpv6(Ipv6Address.parse("2001:db8:64::c612:1"))
                .icmpErrorsPerSecond(0).build();
        pipeline = new Nat64Pipeline(state, new HeldSynPackets(), xlat, true);
        arena = Arena.ofShared();
        work = arena.allocate(OFF + 2048, 64);

        int clientPort = Packets.CLIENT_PORT;
        int serverPort = Packets.SERVER_PORT;
        byte[] in64;
        int port4;
        byte[] in46;
        switch (kind) {
            case "UDP64" -> {
                in64 = Packets.udp6(64, CLIENT6, SERVER6, clientPort, serverPort);
                port4 = openFlow(in64); // the first packet creates the BIB entry and the session
                in46 = Packets.udp4(64, Packets.SERVER4, POOL4, serverPort, port4);
            }
            case "TCP1400" -> {
                port4 = openFlow(Packets.tcp6(HANDSHAKE_LENGTH6, CLIENT6, SERVER6, clientPort, serverPort,
                        Packets.TCP_SYN));
                check(Nat64Exit.TRANSLATED_46, Side.V6, Packets.tcp4(HANDSHAKE_LENGTH4, Packets.SERVER4, POOL4,
                        serverPort, port4, Packets.TCP_SYN_ACK));
                check(Nat64Exit.TRANSLATED_64, Side.V4, Packets.tcp6(HANDSHAKE_LENGTH6, CLIENT6, SERVER6,
                        clientPort, serverPort, Packets.TCP_ACK));
                in64 = Packets.tcp6(1400, CLIENT6, SERVER6, clientPort, serverPort, Packets.TCP_PSH_ACK);
                in46 = Packets.tcp4(1400, Packets.SERVER4, POOL4, serverPort, port4, Packets.TCP_PSH_ACK);
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
        pristine46 = arena.allocate(in46.length, 64).copyFrom(MemorySegment.ofArray(in46));
        pristine64 = arena.allocate(in64.length, 64).copyFrom(MemorySegment.ofArray(in64));
        len46 = in46.length;
        len64 = in64.length;
        check(Nat64Exit.TRANSLATED_64, Side.V4, in64);
        check(Nat64Exit.TRANSLATED_46, Side.V6, in46);
    }

    /** Translates the flow's first IPv6 packet and returns the pool4 port its new BIB entry got. */
    private int openFlow(byte[] first) {
        byte[] out = check(Nat64Exit.TRANSLATED_64, Side.V4, first);
        ByteBuffer b = ByteBuffer.wrap(out);
        if (b.getInt(12) != POOL4) {
            throw new AssertionError(kind + ": source " + Integer.toHexString(b.getInt(12)) + " is not the pool4 address");
        }
        return b.getShort((out[0] & 0xF) * 4) & 0xFFFF;
    }

    /**
     * Translates {@code packet} once outside the measurement and insists on the success exit, one
     * emitted packet on the expected side, and valid checksums: a benchmark of a drop path would
     * be fast and worthless.
     */
    private byte[] check(Nat64Exit expected, Side side, byte[] packet) {
        MemorySegment.copy(packet, 0, work, ValueLayout.JAVA_BYTE, OFF, packet.length);
        byte[][] out = new byte[1][];
        int[] count = new int[1];
        PacketSink capture = (s, seg, o, l) -> {
            if (s != side) {
                throw new AssertionError(kind + ": emitted on " + s + ", expected " + side);
            }
            out[0] = seg.asSlice(o, l).toArray(ValueLayout.JAVA_BYTE);
            count[0]++;
        };
        Nat64Exit exit = pipeline.translate(work, OFF, packet.length, now, capture, Offload.NONE);
        if (exit != expected || count[0] != 1) {
            throw new AssertionError(kind + ": " + exit + " with " + count[0] + " packets, expected " + expected
                    + "; state " + pipeline.stateCounters().snapshot());
        }
        boolean valid = side == Side.V6 ? Packets.checksumsVerify6(out[0]) : Packets.checksumsVerify4(out[0]);
        if (!valid) {
            throw new AssertionError(kind + ": translated packet has a wrong checksum");
        }
        return out[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long drops = pipeline.exits().drops() + pipeline.xlatCounters().drops();
        arena.close();
        if (drops != 0) {
            throw new AssertionError(kind + ": " + drops + " packets dropped during the run: "
                    + pipeline.exits().snapshot());
        }
    }

    /** 4→6: restore the IPv4 packet from the server, translate it to the client (RFC 6146 §3.7, RFC 7915 §4). */
    @Benchmark
    public void translate46(Blackhole bh) {
        MemorySegment.copy(pristine46, 0, work, OFF, len46);
        bh.consume(pipeline.translate(work, OFF, len46, now, sink, Offload.NONE));
        bh.consume(sink.bytes);
    }

    /** 6→4: restore the client's IPv6 packet, translate it to the server (RFC 6146 §3.7, RFC 7915 §5). */
    @Benchmark
    public void translate64(Blackhole bh) {
        MemorySegment.copy(pristine64, 0, work, OFF, len64);
        bh.consume(pipeline.translate(work, OFF, len64, now, sink, Offload.NONE));
        bh.consume(sink.bytes);
    }

    /** Baseline of {@link #translate46}: the restore copy alone. */
    @Benchmark
    public void copyOnly46(Blackhole bh) {
        MemorySegment.copy(pristine46, 0, work, OFF, len46);
        bh.consume(work);
    }

    /** Baseline of {@link #translate64}: the restore copy alone. */
    @Benchmark
    public void copyOnly64(Blackhole bh) {
        MemorySegment.copy(pristine64, 0, work, OFF, len64);
        bh.consume(work);
    }
}
