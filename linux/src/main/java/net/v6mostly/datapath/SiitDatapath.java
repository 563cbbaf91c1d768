package net.v6mostly.datapath;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

import net.v6mostly.stats.InputFaults;
import net.v6mostly.tun.TunDevice;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.XlatStat;

/**
 * The stateless translator on a TUN device: worker threads, each with its own translator and
 * buffers (DESIGN.md §4). With a multi-queue device every worker owns one queue; with a single
 * queue all workers read the same file descriptor, so even one elephant flow spreads over cores.
 */
public final class SiitDatapath implements AutoCloseable {
    private final TunDevice tun;
    private final WorkerThreads threads;

    private SiitDatapath(TunDevice tun, WorkerThreads threads) {
        this.tun = tun;
        this.threads = threads;
    }

    /**
     * Starts {@code workerCount} workers on {@code tun}: one per queue when the device has
     * several queues (then {@code workerCount} must equal them), else all on its one queue.
     * Packets that raise an unexpected exception are reported on standard error.
     */
    public static SiitDatapath start(TunDevice tun, SiitSettings settings, int workerCount) {
        return start(tun, settings, workerCount, System.err::println);
    }

    /**
     * Like {@link #start(TunDevice, SiitSettings, int)}, reporting packets that raise an unexpected
     * exception (counted as {@link DatapathStat#INTERNAL_ERROR}, dropped) through {@code report}.
     */
    public static SiitDatapath start(TunDevice tun, SiitSettings settings, int workerCount, Consumer<String> report) {
        InputFaults faults = WorkerThreads.faults("siit " + tun.name(), report);
        WorkerThreads threads = new WorkerThreads(tun, workerCount, "v6mostly-siit", faults,
                i -> new SiitWorker(WorkerThreads.fd(tun, i), tun.vnetHeader(), WorkerThreads.udpGso(tun), settings,
                        faults));
        threads.start();
        return new SiitDatapath(tun, threads);
    }

    /** Hands new settings to every worker; each takes them before its next packet (no packet is lost). */
    public void reload(SiitSettings settings) {
        for (SiitWorker w : threads.workers()) {
            w.siit().reload(settings);
        }
    }

    /**
     * Lets every worker read an empty queue for {@code micros} µs before it sleeps (0: sleep at
     * once); see {@link SiitWorker#busyPoll}.
     */
    public void busyPoll(int micros) {
        threads.busyPoll(micros);
    }

    /** The device. */
    public TunDevice tun() {
        return tun;
    }

    /** Translator counters summed over the workers. */
    public Map<XlatStat, Long> xlatCounters() {
        Map<XlatStat, Long> sum = new EnumMap<>(XlatStat.class);
        for (SiitWorker w : threads.workers()) {
            w.siit().counters().snapshot().forEach((k, v) -> sum.merge(k, v, Long::sum));
        }
        return sum;
    }

    /** Data-path counters summed over the workers. */
    public Map<DatapathStat, Long> datapathCounters() {
        return threads.datapathCounters();
    }

    /** Why a worker stopped on its own (e.g. the device vanished), or null while all run. */
    public String failure() {
        return threads.failure();
    }

    /** Whether every worker thread is still running. */
    public boolean running() {
        return threads.running();
    }

    /**
     * Stops the workers (each finishes the packet in hand), waits for them, then closes the
     * device's descriptors.
     */
    @Override
    public void close() {
        threads.stop();
        tun.close();
    }
}
