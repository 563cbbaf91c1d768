package net.v6mostly.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.linux.Libc;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.NdpStat;
import net.v6mostly.ndp.RaInterfaceSettings;
import net.v6mostly.ndp.RaScheduler;
import net.v6mostly.ndp.RouterAdvertisement;
import net.v6mostly.ndp.RouterSolicitation;
import net.v6mostly.stats.Counters;
import net.v6mostly.stats.InputFaults;

/**
 * The RA sender's I/O loop: one {@link Icmp6Socket} and one {@link RaScheduler} per interface,
 * poll(2) until the next RA is due, answer Router Solicitations (RFC 4861 §6.2.6), apply a new
 * configuration without a gap ({@link #reload}), and on {@link #stop} send each interface's final
 * RA with Router Lifetime 0 (§6.2.5). Runs on the thread that calls {@link #run}; other threads
 * only request a stop or a reload.
 *
 * <p>Hostile input (DESIGN.md §6): at most {@link #READS_PER_ROUND} messages per socket are read per
 * round, so a flood of solicitations cannot starve the schedule; a message whose handling throws is
 * counted as {@link NdpStat#INTERNAL_ERROR}, reported at a limited rate with a hex excerpt
 * ({@link InputFaults}) and dropped. A socket that cannot be read any more (poll reports it failed,
 * recvmsg fails with anything but a shortage of memory) ends {@link #run} with a
 * {@link LinuxException} after the final RAs: the service stops visibly instead of spinning.
 */
public final class RaService {
    private static final Ipv6Address ALL_NODES = Ipv6Address.parse("ff02::1");
    private static final int MAX_POLL_MS = 200;
    /** Messages read from one socket per round before the schedule gets its turn. */
    public static final int READS_PER_ROUND = 64;

    private final Consumer<String> log;
    private final RandomGenerator random;
    private final Counters<NdpStat> counters = new Counters<>(NdpStat.class);
    private final InputFaults faults;
    private final Map<String, Port> ports = new LinkedHashMap<>();
    private final AtomicReference<List<RaInterfaceSettings>> pendingReload = new AtomicReference<>();
    private final AtomicBoolean pref64Changed = new AtomicBoolean();
    private volatile boolean pref64Withdrawn;
    private final CountDownLatch opened = new CountDownLatch(1);
    private volatile String openFailure;
    private volatile boolean stopping;
    private List<RaInterfaceSettings> initial;

    /** One advertising interface. */
    private static final class Port {
        RaInterfaceSettings settings;
        RouterAdvertisement ra;
        final LinkInfo link;
        final Icmp6Socket socket;
        final RaScheduler scheduler;

        Port(RaInterfaceSettings settings, LinkInfo link, Icmp6Socket socket, RaScheduler scheduler,
                boolean pref64Withdrawn) {
            this.link = link;
            this.socket = socket;
            this.scheduler = scheduler;
            apply(settings, pref64Withdrawn);
        }

        void apply(RaInterfaceSettings s, boolean pref64Withdrawn) {
            settings = s;
            RouterAdvertisement template = s.advertisement();
            if (pref64Withdrawn) {
                template = template.withPref64Lifetime(0);
            }
            if (s.sourceLinkLayer() && link.mac().length > 0) {
                List<NdpOption> options = new ArrayList<>();
                options.add(new NdpOption.SourceLinkLayer(link.mac()));
                options.addAll(template.options());
                template = new RouterAdvertisement(template.curHopLimit(), template.managed(), template.other(),
                        template.preference(), template.routerLifetime(), template.reachableTime(),
                        template.retransTimer(), options);
            }
            ra = template;
        }
    }

    /** A service for {@code interfaces}, logging through {@code log}. */
    public RaService(List<RaInterfaceSettings> interfaces, Consumer<String> log, RandomGenerator random) {
        this.initial = List.copyOf(interfaces);
        this.log = log;
        this.random = random;
        this.faults = InputFaults.perMinute("ra", log);
    }

    /** The counters; written by the loop thread, readable from any. */
    public Counters<NdpStat> counters() {
        return counters;
    }

    /** Asks the loop to send the final RAs and return; safe from any thread (a signal handler). */
    public void stop() {
        stopping = true;
    }

    /**
     * Waits until {@link #run} has opened every interface; returns null then, or why it could not
     * (an interface failed, or {@code millis} passed first). For a caller that runs the loop on
     * another thread and must know the sender works before going on.
     */
    public String awaitOpened(long millis) throws InterruptedException {
        if (!opened.await(millis, TimeUnit.MILLISECONDS)) {
            return "interfaces not opened within " + millis + " ms";
        }
        return openFailure;
    }

    /**
     * Advertises every PREF64 with lifetime 0 ({@code true}: hosts stop using the NAT64 prefix,
     * RFC 8781 §4.1) or as configured ({@code false}). A change is a configuration change of RFC
     * 4861 §6.2.4: the next RA goes out promptly (no sooner than MIN_DELAY_BETWEEN_RAS after the
     * last) and the initial fast RAs follow. Safe from any thread.
     */
    public void withdrawPref64(boolean withdraw) {
        if (pref64Withdrawn != withdraw) {
            pref64Withdrawn = withdraw;
            pref64Changed.set(true);
        }
    }

    /** Whether PREF64 is being advertised with lifetime 0 ({@link #withdrawPref64}). */
    public boolean pref64Withdrawn() {
        return pref64Withdrawn;
    }

    /** Asks the loop to switch to {@code interfaces} keeping each interface's schedule; from any thread. */
    public void reload(List<RaInterfaceSettings> interfaces) {
        pendingReload.set(List.copyOf(interfaces));
    }

    /**
     * Opens every interface and advertises until {@link #stop}.
     *
     * @throws LinuxException when an interface cannot be opened at start, or a socket failed for
     *                        good while running (after the final RAs on the others)
     */
    public void run() throws LinuxException {
        long now = now();
        try {
            for (RaInterfaceSettings s : initial) {
                open(s, now);
            }
        } catch (LinuxException e) {
            openFailure = e.getMessage();
            throw e;
        } finally {
            opened.countDown();
        }
        initial = null;
        LinuxException failed = serve();
        for (Port p : ports.values()) {
            sendFinal(p);
            p.socket.close();
        }
        ports.clear();
        if (failed != null) {
            throw failed;
        }
    }

    /** The loop until {@link #stop}; returns the failure of a socket that is gone, else null. */
    private LinuxException serve() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoState(arena);
            MemorySegment fds = arena.allocate(8L * RaInterfaceSettings.MAX_PER_SENDER, 8);
            while (!stopping) {
                List<RaInterfaceSettings> next = pendingReload.getAndSet(null);
                if (next != null) {
                    applyReload(next, now());
                }
                if (pref64Changed.getAndSet(false)) {
                    applyPref64(now());
                }
                List<Port> list = new ArrayList<>(ports.values());
                for (int i = 0; i < list.size(); i++) {
                    fds.set(ValueLayout.JAVA_INT, 8L * i, list.get(i).socket.fd());
                    fds.set(ValueLayout.JAVA_INT, 8L * i + 4, Libc.POLLIN);
                }
                Libc.poll(errno, fds, list.size(), pollTimeout(now()));
                long now = now();
                LinuxException failed = readAll(list, fds, now);
                if (failed != null) {
                    return failed;
                }
                for (Port p : list) {
                    if (p.scheduler.due(now)) {
                        advertise(p, now);
                    }
                }
            }
        }
        return null;
    }

    /** Reads every socket poll found readable; returns the failure of a socket that is gone, else null. */
    private LinuxException readAll(List<Port> list, MemorySegment fds, long now) {
        for (int i = 0; i < list.size(); i++) {
            Port p = list.get(i);
            short revents = fds.get(ValueLayout.JAVA_SHORT, 8L * i + 6);
            try {
                if ((revents & Icmp6Socket.POLL_FAILED) != 0) {
                    throw new LinuxException("poll: the RS socket on " + p.settings.name() + " failed (revents 0x"
                            + Integer.toHexString(revents & 0xFFFF) + ")");
                }
                if ((revents & Libc.POLLIN) != 0) {
                    readSolicitations(p, now);
                }
            } catch (LinuxException e) {
                log.accept("ra: cannot go on: " + e.getMessage());
                return e;
            }
        }
        return null;
    }

    private int pollTimeout(long now) {
        long due = Long.MAX_VALUE;
        for (Port p : ports.values()) {
            due = Math.min(due, p.scheduler.nextDue());
        }
        return (int) Math.max(0, Math.min(MAX_POLL_MS, due - now));
    }

    private void open(RaInterfaceSettings s, long now) throws LinuxException {
        LinkInfo link = LinkInfo.of(s.name());
        Icmp6Socket socket = new Icmp6Socket(s.name(), link.ifindex());
        RaScheduler scheduler = new RaScheduler(s.intervals(), random);
        scheduler.start(now);
        ports.put(s.name(), new Port(s, link, socket, scheduler, pref64Withdrawn));
        log.accept("ra: advertising on " + s.name() + " (ifindex " + link.ifindex() + ")");
    }

    private void applyReload(List<RaInterfaceSettings> next, long now) {
        Map<String, RaInterfaceSettings> byName = new LinkedHashMap<>();
        next.forEach(s -> byName.put(s.name(), s));
        for (var it = ports.values().iterator(); it.hasNext(); ) {
            Port p = it.next();
            if (!byName.containsKey(p.settings.name())) {
                sendFinal(p);
                p.socket.close();
                it.remove();
                log.accept("ra: stopped advertising on " + p.settings.name());
            }
        }
        for (RaInterfaceSettings s : byName.values()) {
            Port p = ports.get(s.name());
            try {
                if (p == null) {
                    open(s, now);
                } else {
                    p.apply(s, pref64Withdrawn);
                    p.scheduler.reload(now, s.intervals());
                }
            } catch (LinuxException e) {
                log.accept("ra: cannot advertise on " + s.name() + ": " + e.getMessage());
            }
        }
        log.accept("ra: configuration reloaded; " + ports.size() + " interface(s)");
    }

    private void applyPref64(long now) {
        boolean withdrawn = pref64Withdrawn;
        for (Port p : ports.values()) {
            p.apply(p.settings, withdrawn);
            p.scheduler.reload(now, p.settings.intervals());
        }
        log.accept("ra: PREF64 " + (withdrawn ? "withdrawn (lifetime 0)" : "restored to its configured lifetime")
                + " on " + ports.size() + " interface(s); an RA follows at once");
    }

    private void readSolicitations(Port p, long now) throws LinuxException {
        for (int n = 0; n < READS_PER_ROUND; n++) {
            Icmp6Socket.Received r;
            try {
                r = p.socket.receive();
            } catch (LinuxException e) {
                if (!Icmp6Socket.transientError(e.errno())) {
                    throw e;
                }
                log.accept("ra: " + e.getMessage());
                return;
            }
            if (r == null) {
                return;
            }
            byte[] msg = p.socket.message(r.length());
            try {
                counters.increment(solicitation(p, msg, r, now));
            } catch (RuntimeException e) {
                counters.increment(NdpStat.INTERNAL_ERROR);
                faults.record(e, msg, 0, msg.length, System.nanoTime());
            }
        }
    }

    /** RFC 4861 §6.1.1 checks, then §6.2.6: the verdict on one received message. */
    private static NdpStat solicitation(Port p, byte[] msg, Icmp6Socket.Received r, long now) {
        boolean unspecified = r.source().hi() == 0 && r.source().lo() == 0;
        NdpStat verdict = RouterSolicitation.check(msg, r.length(), r.hopLimit(), unspecified);
        return verdict == NdpStat.RS_RECEIVED ? p.scheduler.solicited(now) : verdict;
    }

    /** Unexpected failures counted so far ({@link NdpStat#INTERNAL_ERROR}), for health reports. */
    public long internalErrors() {
        return faults.count();
    }

    private void advertise(Port p, long now) {
        Ipv6Address source = p.link.linkLocal();
        if (source == null) {
            return; // no usable link-local yet (DAD running): RFC 4861 §4.2 needs one; retried next round
        }
        NdpStat reason = p.scheduler.fire(now);
        send(p, p.ra, source, reason);
    }

    private void sendFinal(Port p) {
        Ipv6Address source = p.link.linkLocal();
        if (source != null) {
            send(p, p.ra.withRouterLifetime(0), source, NdpStat.RA_SENT_FINAL);
        }
    }

    private void send(Port p, RouterAdvertisement ra, Ipv6Address source, NdpStat reason) {
        try {
            p.socket.send(ra.emit(), source, ALL_NODES);
            counters.increment(reason);
        } catch (LinuxException e) {
            counters.increment(NdpStat.RA_SEND_FAILED);
            log.accept("ra: " + e.getMessage());
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }
}
