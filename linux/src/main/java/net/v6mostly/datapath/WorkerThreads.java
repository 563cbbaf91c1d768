package net.v6mostly.datapath;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import net.v6mostly.stats.InputFaults;
import net.v6mostly.tun.TunDevice;

/**
 * The data-path threads of one TUN device (DESIGN.md §4), whatever translator they run: one
 * {@link SiitWorker} per thread, one per queue on a multi-queue device, else all on its one queue.
 * {@link SiitDatapath} and {@link Nat64Datapath} keep their translators and share this.
 */
final class WorkerThreads {
    private final List<SiitWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final InputFaults faults;

    /**
     * Creates (not yet started) {@code count} workers on {@code tun}, worker {@code i} made by
     * {@code make} from its descriptor's index, in threads named {@code prefix-DEVICE-i}; packets
     * that raise an unexpected exception are counted in {@code faults}.
     */
    WorkerThreads(TunDevice tun, int count, String prefix, InputFaults faults, IntFunction<SiitWorker> make) {
        this.faults = faults;
        if (count < 1) {
            throw new IllegalArgumentException("workers must be at least 1, not " + count);
        }
        if (tun.queues() > 1 && tun.queues() != count) {
            throw new IllegalArgumentException("a multi-queue device needs one worker per queue: " + tun.queues()
                    + " queues, " + count + " workers");
        }
        for (int i = 0; i < count; i++) {
            SiitWorker worker = make.apply(i);
            workers.add(worker);
            threads.add(Thread.ofPlatform().name(prefix + "-" + tun.name() + "-" + i).unstarted(worker));
        }
    }

    /** The descriptor worker {@code i} reads: its own queue, or the device's only one. */
    static int fd(TunDevice tun, int i) {
        return tun.fd(tun.queues() > 1 ? i : 0);
    }

    /** Whether the device takes UDP GSO super-packets (TUN_F_USO4/6), so workers may join datagrams. */
    static boolean udpGso(TunDevice tun) {
        return (tun.offloads() & (TunDevice.TUN_F_USO4 | TunDevice.TUN_F_USO6)) != 0;
    }

    void start() {
        threads.forEach(Thread::start);
    }

    List<SiitWorker> workers() {
        return workers;
    }

    /** See {@link SiitWorker#busyPoll}; {@code micros} µs for every worker. */
    void busyPoll(int micros) {
        workers.forEach(w -> w.busyPoll(micros * 1000L));
    }

    /** Data-path counters summed over the workers, with {@link DatapathStat#INTERNAL_ERROR} from the faults. */
    Map<DatapathStat, Long> datapathCounters() {
        Map<DatapathStat, Long> sum = new EnumMap<>(DatapathStat.class);
        for (SiitWorker w : workers) {
            w.counters().snapshot().forEach((k, v) -> sum.merge(k, v, Long::sum));
        }
        sum.put(DatapathStat.INTERNAL_ERROR, faults.count());
        return sum;
    }

    /** The faults of this device's workers. */
    InputFaults faults() {
        return faults;
    }

    /** A datapath's faults, reported through {@code report} (five a minute, DESIGN.md §6). */
    static InputFaults faults(String component, Consumer<String> report) {
        return InputFaults.perMinute(component, report);
    }

    /** Why a worker stopped on its own (e.g. the device vanished), or null while all run. */
    String failure() {
        for (int i = 0; i < workers.size(); i++) {
            if (!threads.get(i).isAlive() && workers.get(i).failure() != null) {
                return workers.get(i).failure();
            }
        }
        return null;
    }

    /** Whether every worker thread runs. */
    boolean running() {
        return threads.stream().allMatch(Thread::isAlive);
    }

    /** Stops the workers (each finishes the packet in hand) and waits up to 2 s for each. */
    void stop() {
        workers.forEach(SiitWorker::stop);
        threads.forEach(WorkerThreads::join);
    }

    static void join(Thread t) {
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
