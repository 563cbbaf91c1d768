package net.v6mostly.dns64;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Accepts DNS-over-TCP connections (RFC 1035 §4.2.2, RFC 7766): two-byte length, message, as many
 * queries per connection as the client sends, answered in order on the connection's virtual
 * thread. At most {@code max-tcp-connections} at once; a client silent for {@code tcp-idle-timeout}
 * is disconnected (RFC 7766 §6.2.3), so a slow client cannot hold the server.
 */
final class TcpListener implements Runnable {
    private final ServerSocket server;
    private final Supplier<QueryHandler> handler;
    private final Semaphore inFlight;
    private final Semaphore connections;
    private final Dns64Counters counters;

    TcpListener(ServerSocket server, Supplier<QueryHandler> handler, Semaphore inFlight, Semaphore connections,
            Dns64Counters counters) {
        this.server = server;
        this.handler = handler;
        this.inFlight = inFlight;
        this.connections = connections;
        this.counters = counters;
    }

    @Override
    public void run() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                continue;
            }
            if (!connections.tryAcquire()) {
                counters.increment(Dns64Stat.TCP_REJECTED);
                closeQuietly(s);
                continue;
            }
            counters.increment(Dns64Stat.TCP_CONNECTIONS);
            Thread.ofVirtual().start(() -> serve(s));
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout((int) handler.get().settings().tcpIdleTimeout().toMillis());
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException e) {
                    return;
                }
                byte[] query = new byte[length];
                in.readFully(query);
                if (!inFlight.tryAcquire()) {
                    counters.increment(Dns64Stat.OVERLOAD_DROPPED);
                    return;
                }
                byte[] answer;
                try {
                    answer = handler.get().handle(query, length, s.getInetAddress(), false);
                } finally {
                    inFlight.release();
                }
                if (answer == null) {
                    return;
                }
                byte[] framed = new byte[answer.length + 2];
                framed[0] = (byte) (answer.length >>> 8);
                framed[1] = (byte) answer.length;
                System.arraycopy(answer, 0, framed, 2, answer.length);
                out.write(framed);
                out.flush();
            }
        } catch (SocketTimeoutException e) {
            counters.increment(Dns64Stat.TCP_IDLE_CLOSED);
        } catch (IOException e) {
            // connection reset or truncated stream: close it
        } finally {
            connections.release();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // refusing anyway
        }
    }
}
