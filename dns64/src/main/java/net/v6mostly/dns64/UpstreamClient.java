package net.v6mostly.dns64;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;

/**
 * Asks the configured resolvers, in order, moving to the next on a timeout or failure. Each query
 * gets a fresh ID from {@link SecureRandom} and a fresh UDP socket bound to a kernel-chosen
 * (randomized) ephemeral port, so neither is predictable (RFC 5452 §9.2, §10); a response counts
 * only from the right address with the right ID and question (RFC 5452 §3), with QR set and
 * opcode QUERY ({@link #usable}). A response with TC=1
 * is fetched again over TCP (RFC 1035 §4.2.2, RFC 7766 §5).
 */
public final class UpstreamClient implements Upstream {
    private static final int MAX_MESSAGE = 65535;
    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final Dns64Counters counters;
    private final SecureRandom random = new SecureRandom();

    /** Asks {@code servers} in order, giving each {@code timeout}. */
    public UpstreamClient(List<InetSocketAddress> servers, Duration timeout, Dns64Counters counters) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
        this.counters = counters;
    }

    @Override
    public Message ask(Message query) throws UpstreamException {
        return ask(query, QueryBudget.unlimited());
    }

    /** Asks each server in turn; every UDP attempt and every TCP retry is paid from {@code budget}. */
    @Override
    public Message ask(Message query, QueryBudget budget) throws UpstreamException {
        boolean allTimedOut = true;
        String last = "no upstream";
        for (int i = 0; i < servers.size(); i++) {
            InetSocketAddress server = servers.get(i);
            if (i > 0) {
                counters.increment(Dns64Stat.UPSTREAM_FAILOVER);
            }
            budget.spend();
            try {
                return askOne(server, query, budget);
            } catch (SocketTimeoutException e) {
                last = server + ": timed out after " + timeout.toMillis() + " ms";
            } catch (IOException | RuntimeException e) {
                allTimedOut = false;
                last = server + ": " + e.getMessage();
            }
        }
        throw new UpstreamException(last, allTimedOut);
    }

    private Message askOne(InetSocketAddress server, Message query, QueryBudget budget)
            throws IOException, UpstreamException {
        Message q = query.clone();
        int id;
        synchronized (random) {
            id = random.nextInt(0x10000);
        }
        q.getHeader().setID(id);
        byte[] wire = q.toWire();
        long deadline = System.nanoTime() + timeout.toNanos();
        Message r = udp(server, wire, q, deadline);
        if (r.getHeader().getFlag(Flags.TC)) {
            counters.increment(Dns64Stat.UPSTREAM_TCP_RETRY);
            budget.spend();
            r = tcp(server, wire, q, System.nanoTime() + timeout.toNanos());
        }
        return r;
    }

    private static Message udp(InetSocketAddress server, byte[] wire, Message q, long deadline) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(server);
            s.send(new DatagramPacket(wire, wire.length));
            byte[] buf = new byte[MAX_MESSAGE];
            while (true) {
                s.setSoTimeout(remainingMillis(deadline));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                Message r = parseMatching(buf, p.getLength(), q);
                if (r != null) {
                    return r;
                }
            }
        }
    }

    private static Message tcp(InetSocketAddress server, byte[] wire, Message q, long deadline) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server, remainingMillis(deadline));
            s.setSoTimeout(remainingMillis(deadline));
            OutputStream out = s.getOutputStream();
            byte[] framed = new byte[wire.length + 2];
            framed[0] = (byte) (wire.length >>> 8);
            framed[1] = (byte) wire.length;
            System.arraycopy(wire, 0, framed, 2, wire.length);
            out.write(framed);
            DataInputStream in = new DataInputStream(s.getInputStream());
            int length = in.readUnsignedShort();
            byte[] buf = new byte[length];
            in.readFully(buf);
            Message r = parseMatching(buf, length, q);
            if (r == null) {
                throw new IOException("TCP answer does not match the query");
            }
            return r;
        }
    }

    /** The response if it answers {@code q} (ID, QR, question), else null (RFC 5452 §3). */
    private static Message parseMatching(byte[] buf, int length, Message q) {
        if (length < 12) {
            return null;
        }
        byte[] copy = java.util.Arrays.copyOf(buf, length);
        Message r;
        try {
            r = new Message(copy);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        boolean sameQuestion = r.getQuestion() != null && r.getQuestion().equals(q.getQuestion());
        if (r.getHeader().getID() != q.getHeader().getID() || !usable(r) || !sameQuestion) {
            return null;
        }
        return r;
    }

    /**
     * Whether {@code r} can be a response to our query at all: QR set and opcode QUERY, which a
     * response copies from its query (RFC 1035 §4.1.1). Any other opcode is refused: an UPDATE
     * message may carry records without RDATA (RFC 2136 §2.4), which relayed in a QUERY answer would
     * be a message the client cannot parse. Nor is a message whose records cannot be written again
     * ({@link #rewritable}).
     */
    static boolean usable(Message r) {
        return r.getHeader().getFlag(Flags.QR) && r.getHeader().getOpcode() == Opcode.QUERY && rewritable(r);
    }

    /**
     * Whether the records of {@code r} can be written again and read back: dnsjava accepts some
     * RDATA it cannot write (a WKS record without a service bitmap throws in {@code rrToWire}), and
     * a record we relay must make an answer the client can parse. Refused otherwise, as malformed.
     */
    private static boolean rewritable(Message r) {
        try {
            new Message(r.toWire());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("upstream timeout");
        }
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }
}
