package net.v6mostly.datapath;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
    private final List<SiitWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private SiitDatapath(TunDevice tun) {
        this.tun = tun;
    }

    /**
     * Starts {@code workerCount} workers on {@code tun}: one per queue when the device has
     * several queues (then {@code workerCount} must equal them), else all on its one queue.
     */
    public static SiitDatapath start(TunDevice tun, SiitSettings settings, int workerCount) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workers must be at least 1, not " + workerCount);
        }
        if (tun.queues() > 1 && tun.queues() != workerCount) {
            throw new IllegalArgumentException("a multi-queue device needs one worker per queue: " + tun.queues()
                    + " queues, " + workerCount + " workers");
        }
        SiitDatapath datapath = new SiitDatapath(tun);
        for (int i = 0; i < workerCount; i++) {
            int fd = tun.fd(tun.queues() > 1 ? i : 0);
            SiitWorker worker = new SiitWorker(fd, tun.vnetHeader(),
                    (tun.offloads() & (TunDevice.TUN_F_USO4 | TunDevice.TUN_F_USO6)) != 0, settings);
            Thread thread = Thread.ofPlatform().name("v6mostly-siit-" + tun.name() + "-" + i).unstarted(worker);
            datapath.workers.add(worker);
            datapath.threads.add(thread);
        }
        datapath.threads.forEach(Thread::start);
        return datapath;
    }

    /** Hands new settings to every worker; each takes them before its next packet (no packet is lost). */
    public void reload(SiitSettings settings) {
        for (SiitWorker w : workers) {
            w.siit().reload(settings);
        }
    }

    /**
     * Lets every worker read an empty queue for {@code micros} µs before it sleeps (0: sleep at
     * once); see {@link SiitWorker#busyPoll}.
     */
    public void busyPoll(int micros) {
        workers.forEach(w -> w.busyPoll(micros * 1000L));
    }

    /** The device. */
    public TunDevice tun() {
        return tun;
    }

    /** Translator counters summed over the workers. */
    public Map<XlatStat, Long> xlatCounters() {
        Map<XlatStat, Long> sum = new EnumMap<>(XlatStat.class);
        for (SiitWorker w : workers) {
            w.siit().counters().snapshot().forEach((k, v) -> sum.merge(k, v, Long::sum));
        }
        return sum;
    }

    /** Data-path counters summed over the workers. */
    public Map<DatapathStat, Long> datapathCounters() {
        Map<DatapathStat, Long> sum = new EnumMap<>(DatapathStat.class);
        for (SiitWorker w : workers) {
            w.counters().snapshot().forEach((k, v) -> sum.merge(k, v, Long::sum));
        }
        return sum;
    }

    /** Why a worker stopped on its own (e.g. the device vanished), or null while all run. */
    public String failure() {
        for (int i = 0; i < workers.size(); i++) {
            if (!threads.get(i).isAlive() && workers.get(i).failure() != null) {
                return workers.get(i).failure();
            }
        }
        return null;
    }

    /** Whether every worker thread is still running. */
    public boolean running() {
        return threads.stream().allMatch(Thread::isAlive);
    }

    /**
     * Stops the workers (each finishes the packet in hand), waits for them, then closes the
     * device's descriptors.
     */
    @Override
    public void close() {
        workers.forEach(SiitWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tun.close();
    }
}
