package net.v6mostly.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * New TCP connections per second through the NAT64 pipeline on one thread, without the TUN: each
 * connection is the three packets of a handshake — the IPv6 SYN (new BIB entry, session in V6
 * INIT, a pool4 port drawn), the IPv4 SYN-ACK (ESTABLISHED), the IPv6 ACK — fully translated. One
 * measured operation opens {@value #CONNECTIONS} connections from 64 IPv6 hosts on a fresh
 * NAT64 (4 pool4 addresses); connections/s = {@value #CONNECTIONS} / (reported ms / 1000).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, batchSize = 1)
@Measurement(iterations = 10, batchSize = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class Nat64ConnectionBenchmark {
    static final int CONNECTIONS = 100_000;
    private static final int HOSTS = 64;
    private static final long OFF = 64;
    private static final int SERVER = Ipv4.parse("198.18.1.2");
    private static final long PREFIX_HI = 0x20010db8_00640000L;
    private static final long HOST_HI = 0x20010db8_00010000L;

    private Nat64Pipeline pipeline;
    private MemorySegment buf;
    private final PortSink sink = new PortSink();

    /** Keeps the pool4 address and port of the last translated IPv6 SYN. */
    static final class PortSink implements PacketSink {
        int addr4;
        int port4;

        @Override
        public void emit(Side side, MemorySegment packet, long offset, int length) {
            if (side == Side.V4) {
                addr4 = Bytes.i32(packet, offset + 12);
                port4 = Bytes.u16(packet, offset + 20);
            }
        }
    }

    @Setup(Level.Iteration)
    public void setUp() {
        int[] pool = new int[4];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = Ipv4.parse("198.18.0.128") + i;
        }
        Nat64State state = new Nat64State(Nat64Config.defaults(Pool4.of(pool)).withLogging(false, 1), e -> { });
        SiitSettings xlat = SiitSettings.builder().pool6(Rfc6052Prefix.parse("2001:db8:64::/96"))
                .eam(new EamTable(List.of())).ownIpv6(Ipv6Address.parse("2001:db8:64::c612:1")).build();
        pipeline = new Nat64Pipeline(state, new HeldSynPackets(), xlat, true);
        buf = Arena.ofAuto().allocate(256, 8);
    }

    @Benchmark
    public long connect() {
        for (int i = 0; i < CONNECTIONS; i++) {
            int host = i % HOSTS + 1;
            int port = 1024 + i / HOSTS;
            tcp6(host, port, 0x02);
            pipeline.translate(buf, OFF, 60, 1_000, sink, Offload.NONE);
            tcp4(sink.addr4, sink.port4, 0x12);
            pipeline.translate(buf, OFF, 40, 1_000, sink, Offload.NONE);
            tcp6(host, port, 0x10);
            pipeline.translate(buf, OFF, 60, 1_000, sink, Offload.NONE);
        }
        return pipeline.exits().get(Nat64Exit.TRANSLATED_46);
    }

    @TearDown(Level.Iteration)
    public void check() {
        long in = pipeline.exits().get(Nat64Exit.TRANSLATED_46);
        long out = pipeline.exits().get(Nat64Exit.TRANSLATED_64);
        if (in != CONNECTIONS || out != 2L * CONNECTIONS) {
            throw new IllegalStateException("not every packet was translated: " + pipeline.exits().snapshot());
        }
    }

    /** IPv6 TCP segment from 2001:db8:1::host#port to the server in the prefix, port 80. */
    private void tcp6(int host, int port, int flags) {
        Bytes.put32(buf, OFF, 6 << 28);
        Bytes.put16(buf, OFF + 4, 20);
        Bytes.put8(buf, OFF + 6, 6);
        Bytes.put8(buf, OFF + 7, 64);
        Bytes.put64(buf, OFF + 8, HOST_HI);
        Bytes.put64(buf, OFF + 16, host);
        Bytes.put64(buf, OFF + 24, PREFIX_HI);
        Bytes.put64(buf, OFF + 32, SERVER & 0xFFFFFFFFL);
        tcp(OFF + 40, port, 80, flags);
    }

    /** The server's IPv4 answer to (addr4, port4). */
    private void tcp4(int addr4, int port4, int flags) {
        Bytes.put32(buf, OFF, 0x4500_0028);
        Bytes.put32(buf, OFF + 4, 0x0000_4000);
        Bytes.put32(buf, OFF + 8, 0x4006_0000);
        Bytes.put32(buf, OFF + 12, SERVER);
        Bytes.put32(buf, OFF + 16, addr4);
        Bytes.put16(buf, OFF + 10, Checksum.finish(Checksum.add(0, buf, OFF, 20)));
        tcp(OFF + 20, 80, port4, flags);
    }

    private void tcp(long at, int sport, int dport, int flags) {
        Bytes.put16(buf, at, sport);
        Bytes.put16(buf, at + 2, dport);
        Bytes.put32(buf, at + 4, 1);
        Bytes.put32(buf, at + 8, 0);
        Bytes.put16(buf, at + 12, 0x5000 | flags);
        Bytes.put16(buf, at + 14, 0xFFFF);
        Bytes.put32(buf, at + 16, 0); // checksum not filled: the translator adjusts it, never verifies it
    }
}
