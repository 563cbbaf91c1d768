package net.v6mostly.datapath;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.linux.Libc;
import net.v6mostly.stats.InputFaults;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.VirtioNetHeader;
import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.Siit;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.Translator;
import net.v6mostly.xlat.XlatStat;

/**
 * One packet never stops a TUN worker (DESIGN.md §6, issue 15): a translator that throws on one
 * packet costs that packet only, counted once as {@link DatapathStat#INTERNAL_ERROR} and reported
 * with a hex excerpt, while the packets after it in the same batch and in later batches are
 * translated (RFC 7915 §5.1) and written. A descriptor that stops working (read(2) fails with
 * EBADF) ends the worker with a failure the daemon reports before exiting non-zero.
 *
 * <p>The "TUN" is one end of a SOCK_SEQPACKET socket pair: like a TUN device it keeps packet
 * boundaries, one packet per read(2) and write(2), so the worker runs unchanged.
 */
class SiitWorkerFaultTest {
    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int O_WRONLY = 1;
    private static final int POISON_PORT = 6666;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKETPAIR = LINKER.downcallHandle(
            LINKER.defaultLookup().find("socketpair").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle DUP2 = LINKER.downcallHandle(LINKER.defaultLookup().find("dup2").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final SiitSettings SETTINGS = SiitSettings.builder()
            .pool6(Rfc6052Prefix.parse("2001:db8:64::/96")).ownIpv4(0xCB0071FE) // 203.0.113.254
            .ownIpv6(Ipv6Address.parse("2001:db8:ffff::1")).icmpErrorsPerSecond(0).build();
    private static final int NODE4 = 0xC0000201; // 192.0.2.1, the IPv6 node 2001:db8:64::c000:201
    private static final int HOST4 = 0xC6336402; // 198.51.100.2, as 2001:db8:64::c633:6402

    private final Arena arena = Arena.ofShared();
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final InputFaults faults = InputFaults.perMinute("siit test0", reports::add);
    private final MemorySegment errno = Libc.errnoState(arena);
    private int workerFd;
    private int peerFd;
    private SiitWorker worker;
    private Thread thread;
    private boolean vnet;

    @BeforeEach
    void pair() throws Throwable {
        MemorySegment fds = arena.allocate(JAVA_INT, 2);
        assertThat((int) SOCKETPAIR.invokeExact(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0, fds)).isZero();
        workerFd = fds.getAtIndex(JAVA_INT, 0);
        peerFd = fds.getAtIndex(JAVA_INT, 1);
    }

    @AfterEach
    void close() {
        if (worker != null) {
            worker.stop();
            WorkerThreads.join(thread);
        }
        Libc.close(errno, workerFd);
        Libc.close(errno, peerFd);
        arena.close();
    }

    @Test
    void aPacketThatThrowsIsDroppedAndCountedAndTheBatchGoesOn() throws Exception {
        // queued before the worker starts, so one read batch holds all four
        for (int port : new int[] {1001, POISON_PORT, 1002, 1003}) {
            send(udp6(port));
        }
        start();
        assertThat(receivePorts(3)).as("the packets after the poisoned one are translated, in order")
                .containsExactly(1001, 1002, 1003);
        send(udp6(POISON_PORT));
        send(udp6(1004));
        assertThat(receivePorts(1)).as("a later batch after a second fault").containsExactly(1004);
        stopWorker();

        assertThat(faults.count()).as("one INTERNAL_ERROR per poisoned packet").isEqualTo(2);
        assertThat(worker.counters().get(DatapathStat.PACKETS_READ)).isEqualTo(6);
        assertThat(worker.counters().get(DatapathStat.PACKETS_WRITTEN))
                .as("what the poisoned packets had emitted before throwing was taken back").isEqualTo(4);
        assertThat(worker.failure()).isNull();
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0)).startsWith("siit test0: input dropped after an unexpected IllegalStateException")
                .contains("poisoned packet")
                // the excerpt shows the packet as it was when the translator gave up: here already
                // rewritten in place to IPv4 (20 bytes further on), so it shows the IPv6 header's tail
                .containsPattern("; 56 bytes: [0-9a-f]{64,}");
    }

    @Test
    void withVirtioNetHeadersTooThePoisonedPacketAloneIsLost() throws Exception {
        vnet = true; // every read and write starts with a virtio-net header (IFF_VNET_HDR)
        for (int port : new int[] {1001, POISON_PORT, 1002}) {
            send(udp6(port));
        }
        start();
        assertThat(receivePorts(2)).containsExactly(1001, 1002);
        stopWorker();
        assertThat(faults.count()).isEqualTo(1);
        assertThat(worker.counters().get(DatapathStat.PACKETS_WRITTEN)).isEqualTo(2);
    }

    @Test
    void aDescriptorThatFailsEndsTheWorkerWithItsReason() throws Throwable {
        start();
        send(udp6(1001));
        assertThat(receivePorts(1)).containsExactly(1001);
        // replace the worker's descriptor (atomically, no number reuse) by one it cannot read
        int writeOnly = Libc.open(errno, arena.allocateFrom("/dev/null"), O_WRONLY);
        assertThat(writeOnly).isNotNegative();
        assertThat((int) DUP2.invokeExact(writeOnly, workerFd)).isEqualTo(workerFd);
        Libc.close(errno, writeOnly);
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(worker.failure()).startsWith("read(2) on the TUN failed: ").endsWith("(errno 9)");
        assertThat(worker.counters().get(DatapathStat.READ_ERROR)).isEqualTo(1);
        assertThat(faults.count()).isZero();
    }

    private void start() {
        Siit siit = new Siit(SETTINGS);
        Translator poisoned = new Translator() {
            @Override
            public XlatStat translate(MemorySegment buf, long off, int len, long now, PacketSink sink, int offload) {
                boolean poison = Bytes.u16(buf, off + 40 + 2) == POISON_PORT;
                XlatStat exit = siit.translate(buf, off, len, now, sink, offload);
                if (poison) { // after the translation was emitted into the batch: it must not go out
                    throw new IllegalStateException("poisoned packet");
                }
                return exit;
            }

            @Override
            public SiitSettings settings() {
                return siit.settings();
            }
        };
        worker = new SiitWorker(workerFd, vnet, false, poisoned, faults);
        thread = Thread.ofPlatform().name("siit-worker-fault-test").start(worker);
    }

    private void stopWorker() throws InterruptedException {
        worker.stop();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
    }

    /** An IPv6/UDP packet from the node to the host, destination port {@code port}, valid checksum. */
    private static byte[] udp6(int port) {
        MemorySegment p = MemorySegment.ofArray(new byte[40 + 8 + 8]);
        Bytes.put32(p, 0, 6 << 28);
        Bytes.put16(p, 4, 16);
        Bytes.put8(p, 6, 17);
        Bytes.put8(p, 7, 64);
        Bytes.put64(p, 8, 0x20010db800640000L);
        Bytes.put64(p, 16, NODE4 & 0xFFFFFFFFL);
        Bytes.put64(p, 24, 0x20010db800640000L);
        Bytes.put64(p, 32, HOST4 & 0xFFFFFFFFL);
        Bytes.put16(p, 40, 5000);
        Bytes.put16(p, 42, port);
        Bytes.put16(p, 44, 16);
        Bytes.put64(p, 48, 0x0102030405060708L);
        long seed = Checksum.pseudo6(Bytes.i64(p, 8), Bytes.i64(p, 16), Bytes.i64(p, 24), Bytes.i64(p, 32), 17, 16);
        Bytes.put16(p, 46, Checksum.finish(Checksum.add(seed, p, 40, 16)));
        return p.toArray(ValueLayout.JAVA_BYTE);
    }

    /** Writes {@code packet} to the worker, after an all-zero virtio-net header (GSO_NONE) when {@link #vnet}. */
    private void send(byte[] packet) {
        int header = vnet ? VirtioNetHeader.LENGTH : 0;
        MemorySegment s = arena.allocate(header + packet.length);
        MemorySegment.copy(MemorySegment.ofArray(packet), 0, s, header, packet.length);
        assertThat(Libc.write(errno, peerFd, s.address(), header + packet.length)).isEqualTo(header + packet.length);
    }

    /**
     * Reads {@code count} packets (waiting up to 10 s for each), checks each is the RFC 7915 §5.1
     * translation of {@link #udp6} with valid IPv4 header and UDP checksums, returns their ports.
     */
    private List<Integer> receivePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        MemorySegment buf = arena.allocate(2048);
        MemorySegment pfd = arena.allocate(8);
        pfd.set(JAVA_INT, 0, peerFd);
        pfd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
        int header = vnet ? VirtioNetHeader.LENGTH : 0;
        while (ports.size() < count) {
            assertThat(Libc.poll(errno, pfd, 1, 10_000)).as("a packet within 10 s").isEqualTo(1);
            long n = Libc.read(errno, peerFd, buf.address(), 2048);
            assertThat(n).isEqualTo(header + 20 + 8 + 8);
            if (vnet) {
                assertThat(VirtioNetHeader.gsoType(buf, 0)).isEqualTo(VirtioNetHeader.GSO_NONE);
                assertThat(VirtioNetHeader.flags(buf, 0)).isZero();
            }
            MemorySegment p = buf.asSlice(header);
            assertThat(Bytes.u8(p, 0)).isEqualTo(0x45);
            assertThat(Bytes.i32(p, 12)).isEqualTo(NODE4);
            assertThat(Bytes.i32(p, 16)).isEqualTo(HOST4);
            assertThat(Checksum.verifies(0, p, 0, 20)).as("IPv4 header checksum").isTrue();
            assertThat(Checksum.verifies(Checksum.pseudo4(NODE4, HOST4, 17, 16), p, 20, 16)).as("UDP checksum")
                    .isTrue();
            ports.add(Bytes.u16(p, 22));
        }
        return ports;
    }
}
