package net.v6mostly.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads a gateway component serves on, watched without the component's help (DESIGN.md §6:
 * "a component that cannot go on tells the runner"). {@link #start} runs the component's
 * {@code start()} on a thread of this group, so every platform thread it starts, directly or in a
 * library (the DHCP and RA loops, DNS64's listeners, NAT64's workers, sweeper and mapping log),
 * joins the group; the threads alive once {@code start()} returned are the component's serving
 * threads. The component is dead when one of them ended while the gateway was not stopping it:
 * the loop returned on an error, or an exception escaped it ({@link #uncaughtException} keeps it
 * as the reason). Threads started later (per connection, per query) are not watched.
 */
final class ServiceThreads extends ThreadGroup {
    private final Map<Thread, Throwable> uncaught = new ConcurrentHashMap<>();
    private volatile List<Thread> serving = List.of();
    private volatile boolean stopping;

    /** The group of component {@code name}. */
    ServiceThreads(String name) {
        super("gateway-" + name);
    }

    /** What the component does to start: {@code Service::start}. */
    interface Start {
        /** Starts the component. */
        void run() throws IOException;
    }

    /**
     * Runs {@code start} on a thread of this group, waits for it, rethrows what it threw, and
     * remembers the threads then alive as the serving threads.
     */
    void start(Start start) throws IOException {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread starter = Thread.ofPlatform().group(this).name(getName() + "-start").unstarted(() -> {
            try {
                start.run();
            } catch (IOException | RuntimeException | Error e) {
                failed.set(e);
            }
        });
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(getName() + ": interrupted while starting", e);
        }
        switch (failed.get()) {
            case null -> { }
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failed.get());
        }
        serving = alive(starter);
    }

    /** The threads of the group that are alive now, but {@code starter} and JDK pool workers. */
    private List<Thread> alive(Thread starter) {
        Thread[] all = new Thread[Math.max(16, activeCount() * 2)];
        int n = enumerate(all, true);
        List<Thread> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // plain platform threads only: a JDK pool worker (ForkJoinWorkerThread, InnocuousThread)
            // may end on its own when idle, which says nothing about the component
            if (all[i] != starter && all[i].getClass() == Thread.class) {
                out.add(all[i]);
            }
        }
        return List.copyOf(out);
    }

    /** Waits at most {@code millis} for {@code thread} (null: not started) to end: a service's stop. */
    static void await(Thread thread, long millis) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The serving threads, by name: for the log at start. */
    List<String> names() {
        return serving.stream().map(Thread::getName).toList();
    }

    /** The gateway is stopping the component: its threads ending is expected from now on. */
    void stopping() {
        stopping = true;
    }

    /** Whether {@link #stopping} was called. */
    boolean isStopping() {
        return stopping;
    }

    /** Why the component is dead (a serving thread ended while not stopping), or null while alive. */
    String failure() {
        if (stopping) {
            return null;
        }
        for (Thread t : serving) {
            if (!t.isAlive()) {
                Throwable e = uncaught.get(t);
                return "thread " + t.getName() + (e == null ? " ended" : " died of " + e);
            }
        }
        return null;
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        List<Thread> watched = serving;
        if (watched.isEmpty() || watched.contains(t)) { // not every short-lived thread: bounded
            uncaught.put(t, e);
        }
        super.uncaughtException(t, e);
    }
}
