package net.v6mostly.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.Siit;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.XlatStat;
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
 * Cost per packet of the stateless translator ({@link Siit#translate}) in both directions, and
 * proof that the steady state allocates nothing (DESIGN.md §3.5): run with {@code -prof gc} and
 * read {@code gc.alloc.rate.norm}.
 *
 * <p>The translator rewrites its input in place, so every call first restores the pristine packet
 * into the working buffer; {@code copyOnly46}/{@code copyOnly64} measure exactly that restore for
 * the same packet, to be subtracted from {@code translate46}/{@code translate64}.
 *
 * <p>{@code kind}: {@code UDP64} UDP in 64-byte IP packets; {@code TCP1400} TCP in 1400-byte IP
 * packets (DF set); {@code ICMP_ERROR} ICMPv4 Port Unreachable (3/3) resp. ICMPv6 Port
 * Unreachable (1/4) quoting a 64-byte UDP packet (RFC 7915 §4.2–4.3, §5.2–5.3).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TranslateBenchmark {
    /** Where the packet starts in the working buffer: at least {@link Siit#HEADROOM}, 8-aligned. */
    private static final long OFF = 64;

    @Param({"UDP64", "TCP1400", "ICMP_ERROR"})
    public String kind;

    private Arena arena;
    private MemorySegment work;
    private MemorySegment pristine46;
    private MemorySegment pristine64;
    private int len46;
    private int len64;
    private Siit siit;
    private final LengthSink sink = new LengthSink();
    /** Constant clock: the translated paths never consult the ICMP rate limiter. */
    private final long now = 1_000L; // wall-clock milliseconds (Translator)

    /** Sums the lengths of emitted packets; the benchmark hands the sum to a Blackhole. */
    static final class LengthSink implements PacketSink {
        long bytes;

        @Override
        public void emit(Side side, MemorySegment packet, long offset, int length) {
            bytes += length;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        byte[] in46;
        byte[] in64;
        switch (kind) {
            case "UDP64" -> { in46 = Packets.udp4(64); in64 = Packets.udp6(64); }
            case "TCP1400" -> { in46 = Packets.tcp4(1400); in64 = Packets.tcp6(1400); }
            case "ICMP_ERROR" -> {
                in46 = Packets.icmp4PortUnreachable(Packets.udp4(64));
                in64 = Packets.icmp6PortUnreachable(Packets.udp6(64));
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
        arena = Arena.ofShared();
        work = arena.allocate(OFF + 2048, 64);
        pristine46 = arena.allocate(in46.length, 64).copyFrom(MemorySegment.ofArray(in46));
        pristine64 = arena.allocate(in64.length, 64).copyFrom(MemorySegment.ofArray(in64));
        len46 = in46.length;
        len64 = in64.length;
        siit = new Siit(SiitSettings.builder()
                .pool6(Rfc6052Prefix.parse(Packets.POOL6))
                .ownIpv4(Ipv4.parse("192.0.2.1"))
                .ownIpv6(Ipv6Address.parse("2001:db8:ffff::1"))
                .icmpErrorsPerSecond(0)
                .build());
        check(XlatStat.TRANSLATED_46, Side.V6, pristine46, len46);
        check(XlatStat.TRANSLATED_64, Side.V4, pristine64, len64);
    }

    /**
     * Translates the packet once outside the measurement and insists on the success exit, one
     * emitted packet on the expected side, and valid checksums: a benchmark of a drop path would
     * be fast and worthless.
     */
    private void check(XlatStat expected, Side side, MemorySegment pristine, int len) {
        MemorySegment.copy(pristine, 0, work, OFF, len);
        byte[][] out = new byte[1][];
        int[] count = new int[1];
        XlatStat stat = siit.translate(work, OFF, len, now, (s, seg, o, l) -> {
            if (s != side) {
                throw new AssertionError(kind + ": emitted on " + s + ", expected " + side);
            }
            out[0] = seg.asSlice(o, l).toArray(ValueLayout.JAVA_BYTE);
            count[0]++;
        }, Offload.NONE);
        if (stat != expected || count[0] != 1) {
            throw new AssertionError(kind + ": " + stat + " with " + count[0] + " packets, expected " + expected);
        }
        boolean valid = side == Side.V6 ? Packets.checksumsVerify6(out[0]) : Packets.checksumsVerify4(out[0]);
        if (!valid) {
            throw new AssertionError(kind + ": translated packet has a wrong checksum");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long drops = siit.counters().drops();
        arena.close();
        if (drops != 0) {
            throw new AssertionError(kind + ": " + drops + " packets dropped during the run");
        }
    }

    /** 4→6: restore the IPv4 packet, translate it (RFC 7915 §4). */
    @Benchmark
    public void translate46(Blackhole bh) {
        MemorySegment.copy(pristine46, 0, work, OFF, len46);
        bh.consume(siit.translate(work, OFF, len46, now, sink, Offload.NONE));
        bh.consume(sink.bytes);
    }

    /** 6→4: restore the IPv6 packet, translate it (RFC 7915 §5). */
    @Benchmark
    public void translate64(Blackhole bh) {
        MemorySegment.copy(pristine64, 0, work, OFF, len64);
        bh.consume(siit.translate(work, OFF, len64, now, sink, Offload.NONE));
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
