package net.v6mostly.datapath;

import static net.v6mostly.datapath.LoopPackets.payload;
import static net.v6mostly.datapath.SiitWorkerLoopTest.NO_OFFLOAD;
import static net.v6mostly.datapath.SiitWorkerLoopTest.SETTINGS;
import static net.v6mostly.datapath.SiitWorkerLoopTest.USO;
import static net.v6mostly.datapath.SiitWorkerLoopTest.udp4;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.v6mostly.linux.LinuxException;
import net.v6mostly.stats.InputFaults;
import net.v6mostly.tun.FakeTun;

/**
 * DESIGN.md §3.5 on the whole worker loop, over a {@link FakeTun}: reading a batch, translating
 * (RFC 7915 §4), joining UDP datagrams into super-packets when the device has USO, writing and
 * polling an empty queue allocate nothing on the worker's thread. Measured with the JVM's
 * allocation counter of that thread over 10 000 datagrams after warm-up; the bound leaves room
 * for a stray allocation by the JVM itself, not for one per packet or per batch. The warm-up
 * runs the per-batch path (the empty read, poll(2)) as often as the per-packet one: until the
 * JIT has compiled it, a cold poll(2) downcall allocates a few dozen bytes per batch.
 */
class SiitWorkerAllocationTest {
    private static final int PER_ROUND = 50;
    private FakeTun tun;
    private SiitWorker worker;
    private Thread thread;

    @AfterEach
    void close() {
        if (worker != null) {
            worker.stop();
            WorkerThreads.join(thread);
        }
        if (tun != null) {
            tun.close();
        }
    }

    @ParameterizedTest(name = "virtio-net header and USO: {0}")
    @ValueSource(booleans = {false, true})
    void theWorkerLoopAllocatesNothingPerPacket(boolean offloads) throws LinuxException {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        var threads = (com.sun.management.ThreadMXBean) bean;
        tun = offloads ? FakeTun.withVnetHeader(USO) : FakeTun.plain();
        worker = new SiitWorker(tun.fd(0), tun.vnetHeader(), tun.udpGso(), SETTINGS,
                InputFaults.perMinute("siit fake0", System.err::println));
        thread = Thread.ofPlatform().name("siit-worker-allocation-test").start(worker);
        byte[] datagram = udp4(1001, payload(64, 1));

        long written = 0;
        for (int round = 0; round < 200; round++) { // warm-up: JIT of the per-packet path
            written = round(datagram, PER_ROUND, written);
        }
        for (int round = 0; round < 12_000; round++) { // and of the per-batch path (poll, EAGAIN)
            written = round(datagram, 1, written);
        }
        // Up to five windows of 10 000 datagrams, the fewest bytes counting: on a loaded machine the
        // batches come smaller and a rarely taken per-batch branch may still run interpreted in the
        // first window (about 40 bytes a batch, seen in CI). One allocation per packet would cost
        // at least 10 000 bytes in every window, so the bound still catches it.
        long allocated = Long.MAX_VALUE;
        for (int window = 0; window < 5 && allocated >= 2_000; window++) {
            long before = threads.getThreadAllocatedBytes(thread.threadId());
            long batches = worker.counters().get(DatapathStat.BATCHES);
            for (int round = 0; round < 200; round++) {
                written = round(datagram, PER_ROUND, written);
            }
            batches = worker.counters().get(DatapathStat.BATCHES) - batches;
            long bytes = threads.getThreadAllocatedBytes(thread.threadId()) - before;
            System.out.println("[alloc] worker loop, window " + window + ", 10000 datagrams (offloads " + offloads + "): "
                    + bytes + " bytes allocated in " + batches + " batches; "
                    + worker.counters().get(DatapathStat.UDP_SUPER_PACKETS_WRITTEN) + " UDP super-packets of "
                    + worker.counters().get(DatapathStat.PACKETS_WRITTEN) + " datagrams");
            allocated = Math.min(allocated, bytes);
        }
        assertThat(allocated).as("bytes allocated by the worker over 10 000 datagrams").isLessThan(2_000);
        assertThat(worker.counters().drops()).isZero();
        if (offloads) {
            assertThat(worker.counters().get(DatapathStat.UDP_SUPER_PACKETS_WRITTEN)).as("the joining path ran")
                    .isPositive();
        }
    }

    /** Hands the worker {@value #PER_ROUND} datagrams and takes what it writes until all are out. */
    private long round(byte[] datagram, int count, long written) {
        for (int i = 0; i < count; i++) {
            tun.send(offloadsHeader(), datagram);
        }
        long target = written + count;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (worker.counters().get(DatapathStat.PACKETS_WRITTEN) < target) {
            tun.receive(1);
            assertThat(System.nanoTime()).as("the worker wrote the round within 10 s").isLessThan(deadline);
        }
        while (tun.receive(0) != null) {
            // the last packets, written before the counter moved
        }
        return target;
    }

    private byte[] offloadsHeader() {
        return tun.vnetHeader() ? NO_OFFLOAD : null;
    }
}
