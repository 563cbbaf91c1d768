package net.v6mostly.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.dhcp4.Arrival;
import net.v6mostly.dhcp4.Destination;
import net.v6mostly.dhcp4.Dhcp4Config;
import net.v6mostly.dhcp4.Dhcp4Engine;
import net.v6mostly.dhcp4.Dhcp4Stat;
import net.v6mostly.dhcp4.DhcpOption;
import net.v6mostly.dhcp4.LeaseChange;
import net.v6mostly.dhcp4.LeaseJournal;
import net.v6mostly.dhcp4.Outcome;
import net.v6mostly.dhcp4.Subnet;
import net.v6mostly.linux.Libc;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.stats.InputFaults;

/**
 * The DHCPv4 server's I/O loop: receive on port 67 of each served interface (recvmmsg, a batch at
 * a time), let the engine decide, make the lease changes durable (fsync, once per batch of up to
 * {@value #BATCH} queued datagrams: group commit), then send the replies (sendmmsg) the way
 * RFC 2131 §4.1 asks: to the relay, unicast to ciaddr, broadcast on the receiving interface, or
 * unicast to the client's hardware address through a packet socket. A reply the kernel refuses
 * is counted ({@link Dhcp4Stat#REPLY_REFUSED}) and logged; it never stops the server. The journal
 * is compacted once it holds more records than the last snapshot (at least
 * {@value #COMPACT_EVERY}), so compaction costs O(1) per change however large the lease table,
 * and on exit.
 *
 * <p>One datagram never stops the server (issue 15): an unexpected exception while deciding,
 * sending or logging one is counted ({@link Dhcp4Stat#INTERNAL_ERROR}), reported at a limited rate
 * with a hex excerpt ({@link InputFaults}), and that datagram is dropped. What the server cannot
 * go on without ends {@link #run} with an exception that says so: poll on the sockets failing, or
 * the lease journal refusing a write or a compaction (then no reply of the batch is sent, since
 * RFC 2131 §4.3.2 lets a client use a lease once it hears the DHCPACK).
 */
public final class Dhcp4Server implements AutoCloseable {
    static final int COMPACT_EVERY = 1000;
    /**
     * Datagrams decided before one journal write + fsync; bounds the latency a batch adds. A slow
     * fsync (tens of ms on a busy virtual disk) lets the queue grow, and the next batch takes
     * more of it: the cost of durability is shared by up to this many clients.
     */
    static final int BATCH = 512;
    /** Receive queue asked of the kernel: a burst of clients waits there during an fsync. */
    static final int RECEIVE_QUEUE_BYTES = 4 << 20;
    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    /** What the command asks of the loop between polls (signals). */
    public interface Control {
        boolean stopRequested();

        /** A new configuration to apply now (SIGHUP), or null. */
        Dhcp4Config reloadRequested();
    }

    private final Dhcp4Engine engine;
    private final LeaseJournal journal;
    private final Consumer<String> log;
    private final Runnable flushLog;
    private final Clock clock;
    private final List<UdpSocket4> sockets = new ArrayList<>();
    private final List<PacketSocket> packets = new ArrayList<>();
    private final byte[] buffer = new byte[65536];
    private final Outcome[] outcomes = new Outcome[BATCH];
    private final String[] sources = new String[BATCH];
    private final List<LeaseChange> changes = new ArrayList<>();
    static final int EXHAUSTION_WARNING_SECONDS = 60;
    private final UdpSocket4.Refusal refusal = this::refused;
    private final InputFaults faults;
    private long lastExhaustionWarning = Long.MIN_VALUE / 2;
    private long unwarnedExhaustions;
    private volatile boolean logEachMessage = true;

    /**
     * Opens a socket pair per interface; without a packet socket, hardware unicast falls back to
     * broadcast. {@code log} takes a line per datagram; {@code flushLog} runs once per batch.
     */
    public Dhcp4Server(Dhcp4Engine engine, LeaseJournal journal, List<String> interfaces, Consumer<String> log,
            Runnable flushLog, Clock clock) throws LinuxException {
        this(engine, journal, interfaces, log, flushLog, clock, Destination.SERVER_PORT);
    }

    /** As the public constructor, listening on {@code port} (tests use a free one on loopback). */
    Dhcp4Server(Dhcp4Engine engine, LeaseJournal journal, List<String> interfaces, Consumer<String> log,
            Runnable flushLog, Clock clock, int port) throws LinuxException {
        this.engine = engine;
        this.journal = journal;
        this.log = log;
        this.flushLog = flushLog;
        this.clock = clock;
        this.faults = InputFaults.perMinute("warning", log);
        try {
            for (String name : interfaces) {
                UdpSocket4 socket = new UdpSocket4(name, port, buffer.length);
                sockets.add(socket);
                if (!socket.receiveBuffer(RECEIVE_QUEUE_BYTES)) {
                    log.accept("warning: the kernel refused a " + (RECEIVE_QUEUE_BYTES >> 20) + " MiB receive queue on "
                            + name + "; bursts of clients may be dropped");
                }
                PacketSocket p = null;
                try {
                    p = new PacketSocket(name);
                } catch (LinuxException e) {
                    log.accept("warning: " + e.getMessage() + "; replies to clients without an address will be broadcast");
                }
                packets.add(p);
            }
        } catch (LinuxException e) {
            close();
            throw e;
        }
    }

    /**
     * Whether every datagram gets a log line (what came, what the server did, what it sent); off,
     * only warnings and the counters remain, and the loop formats nothing per datagram.
     */
    public void logEachMessage(boolean on) {
        logEachMessage = on;
    }

    /** Serves until {@code control} asks to stop. */
    public void run(Control control) throws LinuxException, IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoState(arena);
            MemorySegment fds = arena.allocate(8L * sockets.size(), 4);
            for (int i = 0; i < sockets.size(); i++) {
                fds.set(ValueLayout.JAVA_INT, 8L * i, sockets.get(i).fd());
                fds.set(ValueLayout.JAVA_SHORT, 8L * i + 4, Libc.POLLIN);
            }
            while (!control.stopRequested()) {
                Dhcp4Config reload = control.reloadRequested();
                if (reload != null) {
                    engine.reconfigure(reload);
                    log.accept("configuration reloaded: " + reload.subnets().size() + " subnet(s)");
                }
                int n = Libc.poll(errno, fds, sockets.size(), 500);
                if (n < 0 && Libc.errno(errno) != Libc.EINTR) {
                    throw new LinuxException("poll", "dhcp4 sockets", Libc.errno(errno));
                }
                for (int i = 0; n > 0 && i < sockets.size(); i++) {
                    if ((fds.get(ValueLayout.JAVA_SHORT, 8L * i + 6) & Libc.POLLIN) != 0) {
                        drain(i);
                    }
                }
                if (journal.appended() >= Math.max(COMPACT_EVERY, journal.snapshotSize())) {
                    compact();
                }
            }
            compact();
        }
    }

    private void compact() throws IOException {
        try {
            journal.compact(engine.state(clock.instant().getEpochSecond()));
        } catch (IOException e) {
            throw new IOException("lease store unwritable, DHCPv4 server stopped: compaction failed: " + e.getMessage(), e);
        }
    }

    /** Datagrams dropped after an unexpected exception: the {@link Dhcp4Stat#INTERNAL_ERROR} count. */
    public long internalErrors() {
        return faults.count();
    }

    /**
     * One batch per wake-up, so the loop checks signals and other interfaces in between. Group
     * commit: decide a batch of queued datagrams, make all their lease changes durable with one
     * write and one fsync, only then send the replies.
     */
    private void drain(int i) throws LinuxException, IOException {
        UdpSocket4 socket = sockets.get(i);
        int length;
        int count = 0;
        boolean logging = logEachMessage;
        changes.clear();
        while (count < BATCH && (length = socket.receive(buffer)) >= 0) {
            Outcome o = decide(socket, length);
            if (o == null) {
                continue;
            }
            changes.addAll(o.changes());
            outcomes[count] = o;
            sources[count] = logging ? socket.lastInterface() + " from " + Ipv4.format(socket.lastSource()) : null;
            count++;
        }
        try {
            journal.append(changes);   // durable before any client of the batch hears of it
        } catch (IOException e) {
            Arrays.fill(outcomes, 0, count, null);
            throw new IOException("lease journal unwritable, DHCPv4 server stopped (the " + count
                    + " decided replies were not sent): " + e.getMessage(), e);
        }
        for (int k = 0; k < count; k++) {
            Outcome o = outcomes[k];
            outcomes[k] = null;
            try {
                if (o.replies()) {
                    send(i, o);
                }
                if (logging) {
                    log.accept(describe(sources[k], o));
                }
            } catch (RuntimeException e) {
                fault(e, new byte[0], 0);
            }
        }
        socket.flush(refusal);
        flushLog.run();
    }

    /**
     * The engine's decision on the datagram in the buffer, or null when handling it threw: then it
     * is counted as {@link Dhcp4Stat#INTERNAL_ERROR}, reported, and dropped.
     */
    private Outcome decide(UdpSocket4 socket, int length) {
        try {
            long now = clock.instant().getEpochSecond();
            Arrival arrival = new Arrival(socket.lastInterface(), isBroadcast(socket.lastDestination()));
            Outcome o = engine.handle(buffer, 0, length, arrival, now);
            if (o.stat() == Dhcp4Stat.POOL_EXHAUSTED) {
                poolExhausted(arrival.interfaceName(), giaddr(length), now);
            }
            return o;
        } catch (RuntimeException | StackOverflowError e) {
            fault(e, buffer, length);
            return null;
        }
    }

    private void fault(Throwable e, byte[] input, int length) {
        engine.counters().increment(Dhcp4Stat.INTERNAL_ERROR);
        faults.record(e, input, 0, length, System.nanoTime());
    }

    /** The log line of one datagram: where it came from, the outcome, and the reply sent. */
    private static String describe(String source, Outcome o) {
        String what = source + ": " + o.stat();
        if (o.replies()) {
            what += " -> " + o.destination() + " " + MAC.formatHex(o.reply().hardwareAddress())
                    + " yiaddr " + Ipv4.format(o.reply().yiaddr())
                    + (o.reply().options().has(DhcpOption.IPV6_ONLY_PREFERRED)
                            ? " option 108 V6ONLY_WAIT " + o.reply().options().u32(DhcpOption.IPV6_ONLY_PREFERRED, 0)
                            : "");
        }
        return what;
    }

    private boolean isBroadcast(int destination) {
        if (destination == -1) {
            return true;
        }
        for (Subnet s : engine.config().subnets()) {
            if (s.prefix().length() < 31 && destination == (s.prefix().address() | ~s.mask())) {
                return true;
            }
        }
        return false;
    }

    private void send(int i, Outcome o) {
        byte[] data = o.reply().emit();
        Destination d = o.destination();
        UdpSocket4 socket = sockets.get(i);
        switch (d.kind()) {
            case RELAY, UNICAST -> socket.send(data, d.address(), d.port(), refusal);
            case BROADCAST -> socket.send(data, -1, d.port(), refusal);
            case HARDWARE_UNICAST -> {
                PacketSocket p = packets.get(i);
                if (p == null) {
                    socket.send(data, -1, d.port(), refusal);
                } else {
                    try {
                        p.send(o.reply().hardwareAddress(), o.reply().options().address(DhcpOption.SERVER_ID),
                                d.address(), Destination.SERVER_PORT, d.port(), data);
                    } catch (LinuxException e) {
                        engine.counters().increment(Dhcp4Stat.REPLY_REFUSED);
                        log.accept("warning: reply to " + MAC.formatHex(o.reply().hardwareAddress()) + " not sent: "
                                + e.getMessage());
                    }
                }
            }
        }
    }

    /**
     * A DHCPDISCOVER got no offer because the pools are full (RFC 2131 §4.3.1): a warning at once,
     * then at most one every {@value #EXHAUSTION_WARNING_SECONDS} s with the count in between, so
     * the operator hears of it even with {@code log-messages = false} and a flood cannot fill the log.
     */
    private void poolExhausted(String interfaceName, int giaddr, long now) {
        unwarnedExhaustions++;
        if (now - lastExhaustionWarning >= EXHAUSTION_WARNING_SECONDS) {
            log.accept("warning: pool exhausted: no free address to offer to a client on " + interfaceName
                    + (giaddr != 0 ? " (relay " + Ipv4.format(giaddr) + ")" : "") + "; " + unwarnedExhaustions
                    + " DHCPDISCOVER(s) unanswered since the last warning (counter POOL_EXHAUSTED)");
            lastExhaustionWarning = now;
            unwarnedExhaustions = 0;
        }
    }

    /** The giaddr field (RFC 2131 §2, offset 24) of the datagram in the buffer, 0 when too short. */
    private int giaddr(int length) {
        return length < 28 ? 0 : (buffer[24] & 0xff) << 24 | (buffer[25] & 0xff) << 16 | (buffer[26] & 0xff) << 8
                | buffer[27] & 0xff;
    }

    /** A reply the kernel would not send: counted, logged, and the server goes on. */
    private void refused(int address, int port, int errno) {
        engine.counters().increment(Dhcp4Stat.REPLY_REFUSED);
        log.accept("warning: reply to " + (address == -1 ? "255.255.255.255" : Ipv4.format(address)) + ":" + port
                + " not sent: " + Libc.strerror(errno) + " (errno " + errno + ")");
    }

    @Override
    public void close() {
        sockets.forEach(UdpSocket4::close);
        for (PacketSocket p : packets) {
            if (p != null) {
                p.close();
            }
        }
    }
}
