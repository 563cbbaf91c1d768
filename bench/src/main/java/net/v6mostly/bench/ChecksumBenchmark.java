package net.v6mostly.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import net.v6mostly.wire.Checksum;
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

/**
 * Reference cost of the checksum primitives (RFC 1071 sum, RFC 1624 incremental update): what a
 * full recompute over a packet would cost next to the translator's incremental updates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ChecksumBenchmark {
    @Param({"1400"})
    public int length;

    private Arena arena;
    private MemorySegment data;
    private int word = 0x1234;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        data = arena.allocate(length, 64);
        for (int i = 0; i < length; i++) {
            data.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (i * 31 + 7));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** {@link Checksum#add} over the whole buffer, folded: a full transport checksum recompute. */
    @Benchmark
    public int add() {
        return Checksum.finish(Checksum.add(0, data, 0, length));
    }

    /** {@link Checksum#update}: RFC 1624 incremental update for a changed 16-bit word. */
    @Benchmark
    public int update() {
        return Checksum.update(0xBEEF, word, word + 1);
    }
}
