package net.v6mostly.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.dhcp4.Dhcp4Config;
import net.v6mostly.dhcp4.Dhcp4Engine;
import net.v6mostly.dhcp4.Dhcp4Stat;
import net.v6mostly.dhcp4.DhcpMessage;
import net.v6mostly.dhcp4.DhcpOption;
import net.v6mostly.dhcp4.DhcpOptions;
import net.v6mostly.dhcp4.LeaseJournal;
import net.v6mostly.dhcp4.MessageType;
import net.v6mostly.dhcp4.Pool;
import net.v6mostly.dhcp4.Subnet;

/**
 * The server loop on the kernel's loopback (a free port, not 67): a datagram whose handling throws
 * is counted as {@link Dhcp4Stat#INTERNAL_ERROR}, reported with a hex excerpt, and the next one is
 * served; a lease journal that cannot be written ends {@link Dhcp4Server#run} with an error that
 * says so.
 */
class Dhcp4ServerTest {
    private static final int LOOPBACK = Ipv4.parse("127.0.0.1");

    @TempDir
    Path dir;

    /** A clock that throws once when armed: an unexpected exception inside the handling of one datagram. */
    private static final class TrippingClock extends Clock {
        final AtomicBoolean armed = new AtomicBoolean();

        @Override
        public Instant instant() {
            if (armed.getAndSet(false)) {
                throw new IllegalStateException("injected fault");
            }
            return Instant.ofEpochSecond(1_700_000_000L);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static Dhcp4Engine engine() {
        Subnet lo = new Subnet("lo", Ipv4Prefix.parse("127.0.0.0/8"), "lo", LOOPBACK,
                List.of(new Pool(Ipv4.parse("127.0.0.100"), Ipv4.parse("127.0.0.150"))), List.of(), 600,
                new int[0], new int[0], null, 0, List.of(), Subnet.V6ONLY_OFF);
        return new Dhcp4Engine(new Dhcp4Config(List.of(lo), 60, 60));
    }

    /** A DHCPRELEASE for a lease nobody holds: handled silently (RELEASE_IGNORED), nothing sent. */
    private static byte[] release(int last) {
        return new DhcpMessage(DhcpMessage.BOOTREQUEST, 1, 6, 0, 0x1d, 0, 0, Ipv4.parse("127.0.0.9"), 0, 0, 0,
                new byte[] {2, 0, 0, 0, 0, (byte) last}, new byte[64], new byte[128],
                DhcpOptions.builder().u8(DhcpOption.MESSAGE_TYPE, MessageType.RELEASE.code()).build()).emit();
    }

    private static int freePort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Test
    void aDatagramWhoseHandlingThrowsIsCountedReportedAndTheNextIsServed() throws Exception {
        Dhcp4Engine engine = engine();
        TrippingClock clock = new TrippingClock();
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        int port = freePort();
        AtomicReference<Dhcp4Server> running = new AtomicReference<>();
        java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
        try (LeaseJournal journal = LeaseJournal.open(dir, c -> { }, w -> { });
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            // the sockets live in a confined arena: opened, used and closed by the server thread
            Thread loop = Thread.ofPlatform().start(() -> {
                try (Dhcp4Server server = new Dhcp4Server(engine, journal, List.of("lo"), log::add, () -> { }, clock,
                        port)) {
                    running.set(server);
                    opened.countDown();
                    server.run(control(stop));
                } catch (Throwable t) {
                    ended.set(t);
                    opened.countDown();
                }
            });
            assertThat(opened.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Dhcp4Server server = running.get();
            assertThat(server).as("%s", ended.get()).isNotNull();
            byte[] first = release(1);
            try {
                clock.armed.set(true);
                client.send(new DatagramPacket(first, first.length, InetAddress.getLoopbackAddress(), port));
                assertThat(waitFor(() -> engine.counters().get(Dhcp4Stat.INTERNAL_ERROR) == 1)).as("%s %s", log, ended.get()).isTrue();
                byte[] second = release(2);
                client.send(new DatagramPacket(second, second.length, InetAddress.getLoopbackAddress(), port));
                assertThat(waitFor(() -> engine.counters().get(Dhcp4Stat.RELEASE_IGNORED) == 1)).as("%s", log).isTrue();
            } finally {
                stop.set(true);
                loop.join(10_000);
            }
            assertThat(loop.isAlive()).isFalse();
            assertThat(ended.get()).isNull();
            assertThat(server.internalErrors()).isEqualTo(1);
            assertThat(engine.counters().get(Dhcp4Stat.INTERNAL_ERROR)).isEqualTo(1);
            // the report: the exception, where, and the datagram's first bytes (op 1, htype 1, hlen 6)
            assertThat(log).filteredOn(l -> l.contains("input dropped")).singleElement().asString()
                    .startsWith("warning: input dropped after an unexpected IllegalStateException (injected fault)")
                    .contains(first.length + " bytes: 01010600");
        }
    }

    @Test
    void aLeaseJournalThatCannotBeWrittenEndsRunWithAnErrorThatSaysSo() throws Exception {
        Dhcp4Engine engine = engine();
        int port = freePort();
        LeaseJournal journal = LeaseJournal.open(dir, c -> { }, w -> { });
        journal.close();     // every write now fails, as on a lost disk
        try (Dhcp4Server server = new Dhcp4Server(engine, journal, List.of("lo"), l -> { }, () -> { },
                Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC), port);
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            // a DHCPREQUEST in SELECTING state for a free address: decided ACK_SELECTING, a change to journal
            byte[] request = new DhcpMessage(DhcpMessage.BOOTREQUEST, 1, 6, 0, 0x2d, 0, 0, 0, 0, 0, 0,
                    new byte[] {2, 0, 0, 0, 0, 3}, new byte[64], new byte[128], DhcpOptions.builder()
                            .u8(DhcpOption.MESSAGE_TYPE, MessageType.REQUEST.code())
                            .u32(DhcpOption.SERVER_ID, Integer.toUnsignedLong(LOOPBACK))
                            .u32(DhcpOption.REQUESTED_IP, Integer.toUnsignedLong(Ipv4.parse("127.0.0.100"))).build())
                    .emit();
            client.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
            AtomicBoolean stop = new AtomicBoolean();
            Thread watchdog = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(20_000);
                } catch (InterruptedException e) {
                    return;
                }
                stop.set(true);
            });
            assertThatThrownBy(() -> server.run(control(stop))).isInstanceOf(IOException.class)
                    .hasMessageContaining("lease journal unwritable, DHCPv4 server stopped");
            watchdog.interrupt();
            assertThat(engine.counters().get(Dhcp4Stat.ACK_SELECTING)).isEqualTo(1);   // decided, never sent
        }
    }

    private static Dhcp4Server.Control control(AtomicBoolean stop) {
        return new Dhcp4Server.Control() {
            @Override
            public boolean stopRequested() {
                return stop.get();
            }

            @Override
            public Dhcp4Config reloadRequested() {
                return null;
            }
        };
    }
}
