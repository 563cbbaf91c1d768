package net.v6mostly.datapath;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import net.v6mostly.linux.Libc;
import net.v6mostly.stats.Counters;
import net.v6mostly.stats.InputFaults;
import net.v6mostly.tun.TunDevice;
import net.v6mostly.tun.TunQueue;
import net.v6mostly.wire.VirtioNetHeader;
import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.XlatStat;
import net.v6mostly.xlat.rfc6146.HeldSynPackets;
import net.v6mostly.xlat.rfc6146.Nat64Exit;
import net.v6mostly.xlat.rfc6146.Nat64Pipeline;
import net.v6mostly.xlat.rfc6146.Nat64Stat;
import net.v6mostly.xlat.rfc6146.Nat64State;
import net.v6mostly.xlat.rfc6146.SessionSweeper;

/**
 * The stateful NAT64 on a TUN device: the {@link SiitWorker} I/O loop with a {@link Nat64Pipeline}
 * per worker over one shared {@link Nat64State}, plus one sweeping thread that expires sessions a
 * slice at a time (RFC 6146 §3.5.1, §4) and answers timed-out held SYNs. Expiry never stops the
 * data path: the sweep takes the same per-entry monitors as the workers, one entry at a time.
 * An unexpected exception in a worker's packet or in a sweep step is counted
 * ({@link DatapathStat#INTERNAL_ERROR}) and reported, and the thread goes on (DESIGN.md §6).
 */
public final class Nat64Datapath implements AutoCloseable {
    /** How often the sweeper runs. */
    static final long SWEEP_MILLIS = 10;
    /** Pool4 slots examined per sweep step: a /29 pool (8 × 3 × 65 536 slots) cycles in about 1 s. */
    static final int SWEEP_BUDGET = 16_384;

    private final TunDevice tun;
    private final Nat64State state;
    private final List<Nat64Pipeline> pipelines;
    private final WorkerThreads threads;
    private final Nat64Pipeline sweeping;
    private final Thread sweeper;
    /** The sweeping thread's writes (the ICMP errors for timed-out held SYNs) and their losses. */
    private final Counters<DatapathStat> sweeperCounters = new Counters<>(DatapathStat.class);
    private volatile boolean running = true;

    private Nat64Datapath(TunDevice tun, Nat64State state, Nat64Pipeline sweeping, List<Nat64Pipeline> pipelines,
            WorkerThreads threads) {
        this.tun = tun;
        this.state = state;
        this.sweeping = sweeping;
        this.pipelines = List.copyOf(pipelines);
        this.threads = threads;
        this.sweeper = Thread.ofPlatform().name("v6mostly-nat64-sweep-" + tun.name()).unstarted(this::sweepLoop);
    }

    /**
     * Starts {@code workerCount} workers on {@code tun} (one per queue on a multi-queue device) and
     * the sweeping thread; unexpected exceptions are reported on standard error.
     */
    public static Nat64Datapath start(TunDevice tun, Nat64State state, SiitSettings xlat,
            boolean icmpErrorsFromSender, int workerCount) {
        return start(tun, state, xlat, icmpErrorsFromSender, workerCount, System.err::println);
    }

    /**
     * Like {@link #start(TunDevice, Nat64State, SiitSettings, boolean, int)}, reporting packets (and
     * sweep steps) that raised an unexpected exception through {@code report}.
     */
    public static Nat64Datapath start(TunDevice tun, Nat64State state, SiitSettings xlat,
            boolean icmpErrorsFromSender, int workerCount, Consumer<String> report) {
        HeldSynPackets held = new HeldSynPackets();
        List<Nat64Pipeline> pipelines = new ArrayList<>();
        InputFaults faults = WorkerThreads.faults("nat64 " + tun.name(), report);
        WorkerThreads threads = new WorkerThreads(tun, workerCount, "v6mostly-nat64", faults, i -> {
            Nat64Pipeline pipeline = new Nat64Pipeline(state, held, xlat, icmpErrorsFromSender);
            pipelines.add(pipeline);
            return new SiitWorker(WorkerThreads.fd(tun, i), tun.vnetHeader(), WorkerThreads.udpGso(tun),
                    pipeline, faults);
        });
        Nat64Datapath d = new Nat64Datapath(tun, state, new Nat64Pipeline(state, held, xlat, icmpErrorsFromSender),
                pipelines, threads);
        threads.start();
        d.sweeper.start();
        return d;
    }

    /** The sweeping thread: a slice of the tables every {@link #SWEEP_MILLIS}, errors to the TUN. */
    private void sweepLoop() {
        SessionSweeper sweep = new SessionSweeper(state);
        boolean vnet = tun.vnetHeader();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoState(arena);
            TunQueue queue = new TunQueue(tun.fd(0), vnet, arena, reason -> sweeperCounters.increment(
                    DatapathStat.of(reason)));
            PacketSink out = (Side side, MemorySegment p, long off, int len) -> {
                if (vnet) {
                    VirtioNetHeader.writeNone(p, off - VirtioNetHeader.LENGTH);
                }
                if (queue.write(p, off, len)) {
                    sweeperCounters.increment(DatapathStat.PACKETS_WRITTEN);
                }
            };
            while (running) {
                try {
                    sweeping.sweep(sweep, System.currentTimeMillis(), SWEEP_BUDGET, out);
                } catch (RuntimeException | StackOverflowError e) {
                    // a session built from outside input broke the sweep: count it, go on with the next step
                    threads.faults().record(e, errno, 0, 0, System.nanoTime());
                }
                LockSupport.parkNanos(SWEEP_MILLIS * 1_000_000L);
            }
        }
    }

    /** Hands new RFC 7915 settings (MTUs, own addresses) to every pipeline; sessions are kept. */
    public void reload(SiitSettings xlat) {
        pipelines.forEach(p -> p.reload(xlat));
        sweeping.reload(xlat);
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

    /** The shared tables. */
    public Nat64State state() {
        return state;
    }

    /** Pipeline exits summed over the workers and the sweeper. */
    public Map<Nat64Exit, Long> exits() {
        Map<Nat64Exit, Long> sum = new EnumMap<>(Nat64Exit.class);
        add(sum, sweeping.exits());
        pipelines.forEach(p -> add(sum, p.exits()));
        return sum;
    }

    /** State-engine outcomes summed over the workers and the sweeper. */
    public Map<Nat64Stat, Long> stateCounters() {
        Map<Nat64Stat, Long> sum = new EnumMap<>(Nat64Stat.class);
        add(sum, sweeping.stateCounters());
        pipelines.forEach(p -> add(sum, p.stateCounters()));
        return sum;
    }

    /** RFC 7915 translator counters summed over the workers and the sweeper. */
    public Map<XlatStat, Long> xlatCounters() {
        Map<XlatStat, Long> sum = new EnumMap<>(XlatStat.class);
        add(sum, sweeping.xlatCounters());
        pipelines.forEach(p -> add(sum, p.xlatCounters()));
        return sum;
    }

    /** Data-path counters summed over the workers. */
    public Map<DatapathStat, Long> datapathCounters() {
        Map<DatapathStat, Long> sum = threads.datapathCounters();
        sweeperCounters.snapshot().forEach((k, v) -> sum.merge(k, v, Long::sum));
        return sum;
    }

    private static <E extends Enum<E> & net.v6mostly.stats.Stat> void add(Map<E, Long> sum, Counters<E> c) {
        c.snapshot().forEach((k, v) -> sum.merge(k, v, Long::sum));
    }

    /** Why a worker stopped on its own, or null while all run. */
    public String failure() {
        return threads.failure();
    }

    /** Whether every worker and the sweeper run. */
    public boolean running() {
        return sweeper.isAlive() && threads.running();
    }

    /** Stops the workers and the sweeper, waits for them, then closes the device. */
    @Override
    public void close() {
        running = false;
        threads.stop();
        WorkerThreads.join(sweeper);
        tun.close();
    }
}
