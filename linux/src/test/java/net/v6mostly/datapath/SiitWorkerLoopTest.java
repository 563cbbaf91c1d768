package net.v6mostly.datapath;

import static net.v6mostly.datapath.LoopPackets.TCP;
import static net.v6mostly.datapath.LoopPackets.TCP_HEADER;
import static net.v6mostly.datapath.LoopPackets.UDP;
import static net.v6mostly.datapath.LoopPackets.concat;
import static net.v6mostly.datapath.LoopPackets.ipv4;
import static net.v6mostly.datapath.LoopPackets.ipv6;
import static net.v6mostly.datapath.LoopPackets.makePartial;
import static net.v6mostly.datapath.LoopPackets.payload;
import static net.v6mostly.datapath.LoopPackets.pseudo6;
import static net.v6mostly.datapath.LoopPackets.tcp;
import static net.v6mostly.datapath.LoopPackets.udp;
import static net.v6mostly.datapath.LoopPackets.vnet;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.stats.InputFaults;
import net.v6mostly.tun.FakeTun;
import net.v6mostly.tun.TunDevice;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.VirtioNetHeader;
import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.Siit;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.Translator;
import net.v6mostly.xlat.XlatStat;

/**
 * The worker loop without root, over a {@link FakeTun}, with a real {@link Siit}: what goes in is
 * what the kernel would hand over, what comes out is compared byte for byte with the RFC 7915
 * translation (§4.1 for 4→6, §5.1 for 6→4) and, with offloads, with the {@code virtio_net_hdr}
 * the kernel needs (include/uapi/linux/virtio_net.h: gso_type, hdr_len = L3+L4 header bytes,
 * gso_size = payload bytes per segment, csum_start = offset of the L4 header, csum_offset = offset
 * of its checksum field in it; 16-bit fields little-endian). Packets are queued before the worker
 * starts, so a batch holds all of them: batch boundaries are exact.
 */
class SiitWorkerLoopTest {
    static final SiitSettings SETTINGS = SiitSettings.builder()
            .pool6(Rfc6052Prefix.parse("2001:db8:64::/96")).ownIpv4(0xCB0071FE) // 203.0.113.254
            .ownIpv6(Ipv6Address.parse("2001:db8:ffff::1")).icmpErrorsPerSecond(0).build();
    static final int NODE4 = 0xC0000201; // 192.0.2.1, the IPv6 node 2001:db8:64::c000:201
    static final int HOST4 = 0xC6336402; // 198.51.100.2, as 2001:db8:64::c633:6402
    static final int USO = TunDevice.TUN_F_CSUM | TunDevice.TUN_F_TSO4 | TunDevice.TUN_F_TSO6 | TunDevice.TUN_F_USO4
            | TunDevice.TUN_F_USO6;
    static final byte[] NO_OFFLOAD = new byte[VirtioNetHeader.LENGTH];

    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final InputFaults faults = InputFaults.perMinute("siit fake0", reports::add);
    private FakeTun tun;
    private SiitWorker worker;
    private Thread thread;

    @AfterEach
    void close() {
        if (worker != null) {
            worker.stop();
            WorkerThreads.join(thread);
        }
        if (tun != null) {
            tun.close();
        }
    }

    /** An IPv4 datagram from the host to the node, DF set, TTL 64. */
    static byte[] udp4(int sport, byte[] payload) {
        return ipv4(0, 7, true, 64, UDP, HOST4, NODE4, udp(sport, 53, payload));
    }

    /** Its RFC 7915 §4.1 translation: Traffic Class = TOS, Hop Limit = TTL - 1, RFC 6052 addresses. */
    static byte[] udp4Translated(int sport, byte[] payload) {
        return ipv6(0, 63, UDP, HOST4, NODE4, udp(sport, 53, payload));
    }

    @Test
    void aBatchComesOutTranslatedByteForByteInItsOrder() throws Exception {
        tun = FakeTun.plain();
        for (int i = 0; i < 5; i++) {
            tun.send(udp4(1001 + i, payload(10 + 30 * i, i)));
        }
        start();
        for (int i = 0; i < 5; i++) {
            assertThat(hex(receive())).as("packet %d", i).isEqualTo(hex(udp4Translated(1001 + i, payload(10 + 30 * i, i))));
        }
        stopAndCheckNothingElse();
        assertThat(counter(DatapathStat.PACKETS_READ)).isEqualTo(5);
        assertThat(counter(DatapathStat.PACKETS_WRITTEN)).isEqualTo(5);
        assertThat(counter(DatapathStat.BATCHES)).as("one read batch, one flush").isEqualTo(1);
    }

    @Test
    void moreThanSixtyFourPacketsAreReadInTwoBatches() throws Exception {
        tun = FakeTun.plain();
        for (int i = 0; i < 70; i++) {
            tun.send(udp4(2000 + i, payload(16, i)));
        }
        start();
        for (int i = 0; i < 70; i++) {
            assertThat(hex(receive())).as("packet %d", i).isEqualTo(hex(udp4Translated(2000 + i, payload(16, i))));
        }
        stopAndCheckNothingElse();
        assertThat(counter(DatapathStat.BATCHES)).as("64, then 6").isEqualTo(2);
        assertThat(counter(DatapathStat.PACKETS_WRITTEN)).isEqualTo(70);
    }

    /**
     * DESIGN.md §3.6, "now is read once per batch and passed down": the worker reads its clock
     * once for each batch read, and every packet of the batch is translated with that reading.
     * The clock here counts its reads: batch 1 (64 packets) sees 1, batch 2 (6 packets) sees 2.
     */
    @Test
    void theClockIsReadOncePerBatchAndEveryPacketOfTheBatchGetsIt() throws Exception {
        tun = FakeTun.plain();
        for (int i = 0; i < 70; i++) {
            tun.send(udp4(2000 + i, payload(16, i)));
        }
        Siit siit = new Siit(SETTINGS);
        List<Long> nows = new CopyOnWriteArrayList<>();
        long[] reads = {0};
        Translator recording = new Translator() {
            @Override
            public XlatStat translate(MemorySegment buf, long off, int len, long now, PacketSink sink, int offload) {
                nows.add(now);
                return siit.translate(buf, off, len, now, sink, offload);
            }

            @Override
            public SiitSettings settings() {
                return siit.settings();
            }
        };
        worker = new SiitWorker(tun.fd(0), tun.vnetHeader(), tun.udpGso(), recording, faults, () -> ++reads[0]);
        thread = Thread.ofPlatform().name("siit-worker-loop-test").start(worker);
        for (int i = 0; i < 70; i++) {
            receive();
        }
        stopAndCheckNothingElse();
        assertThat(counter(DatapathStat.BATCHES)).as("64, then 6").isEqualTo(2);
        List<Long> expected = new ArrayList<>(Collections.nCopies(64, 1L));
        expected.addAll(Collections.nCopies(6, 2L));
        assertThat(nows).as("one clock reading per batch, passed with each of its packets").isEqualTo(expected);
        assertThat(reads[0]).as("the clock is not read for the empty polls in between").isEqualTo(2);
    }

    @Test
    void anIcmpErrorBuiltMidBatchGoesOutBetweenItsNeighbours() throws Exception {
        tun = FakeTun.plain();
        tun.send(udp4(1001, payload(20, 1)));
        byte[] expiring = ipv4(0, 8, true, 1, UDP, HOST4, NODE4, udp(1002, 53, payload(20, 2)));
        tun.send(expiring);
        tun.send(udp4(1003, payload(20, 3)));
        start();
        assertThat(hex(receive())).isEqualTo(hex(udp4Translated(1001, payload(20, 1))));
        byte[] error = receive();
        // RFC 7915 §4.1 / RFC 1812 §5.3.1: TTL 1 is not forwarded; ICMPv4 Time Exceeded (11/0) goes
        // back to the IPv4 source from the translator's own address, quoting the packet
        MemorySegment e = MemorySegment.ofArray(error);
        assertThat(Bytes.u8(e, 0)).isEqualTo(0x45);
        assertThat(Bytes.u8(e, 9)).as("ICMP").isEqualTo(1);
        assertThat(Bytes.i32(e, 12)).isEqualTo(0xCB0071FE);
        assertThat(Bytes.i32(e, 16)).isEqualTo(HOST4);
        assertThat(Bytes.u16(e, 20)).as("type 11 code 0").isEqualTo(11 << 8);
        assertThat(Arrays.copyOfRange(error, 28, 28 + 28)).as("the quoted header")
                .isEqualTo(Arrays.copyOfRange(expiring, 0, 28));
        assertThat(hex(receive())).isEqualTo(hex(udp4Translated(1003, payload(20, 3))));
        stopAndCheckNothingElse();
        assertThat(counter(DatapathStat.PACKETS_WRITTEN)).isEqualTo(3);
        assertThat(counter(DatapathStat.BATCHES)).isEqualTo(1);
    }

    @Test
    void datagramsOfOneFlowAreJoinedIntoOneUdpSuperPacket() throws Exception {
        tun = FakeTun.withVnetHeader(USO);
        byte[][] payloads = {payload(200, 0), payload(200, 1), payload(200, 2), payload(120, 3)};
        for (byte[] p : payloads) {
            tun.send(NO_OFFLOAD, udp4(1001, p));
        }
        tun.send(NO_OFFLOAD, udp4(1002, payload(200, 4))); // another flow: not joined
        start();

        byte[] joined = receive();
        // NEEDS_CSUM, GSO_UDP_L4 (5), hdr_len 40 + 8 = 48, gso_size 200, csum_start 40, csum_offset 6
        assertThat(hex(Arrays.copyOf(joined, 10))).isEqualTo("01 05 30 00 c8 00 28 00 06 00");
        byte[] all = concat(payloads);
        byte[] expected = udp4Translated(1001, all);
        // CHECKSUM_PARTIAL: the checksum field holds the folded pseudo-header sum, the kernel
        // completes it per segment
        makePartial(expected, 40, UDP, pseudo6(HOST4, NODE4, UDP, 8 + all.length));
        assertThat(hex(Arrays.copyOfRange(joined, 10, joined.length))).isEqualTo(hex(expected));

        byte[] alone = receive();
        assertThat(hex(alone)).isEqualTo(hex(concat(NO_OFFLOAD, udp4Translated(1002, payload(200, 4)))));
        stopAndCheckNothingElse();
        assertThat(counter(DatapathStat.PACKETS_WRITTEN)).as("counted in datagrams").isEqualTo(5);
        assertThat(counter(DatapathStat.UDP_SUPER_PACKETS_WRITTEN)).isEqualTo(1);
    }

    @Test
    void withoutUsoTheDatagramsGoOutOneByOne() throws Exception {
        tun = FakeTun.withVnetHeader(USO & ~(TunDevice.TUN_F_USO4 | TunDevice.TUN_F_USO6));
        for (int i = 0; i < 3; i++) {
            tun.send(NO_OFFLOAD, udp4(1001, payload(200, i)));
        }
        start();
        for (int i = 0; i < 3; i++) {
            assertThat(hex(receive())).isEqualTo(hex(concat(NO_OFFLOAD, udp4Translated(1001, payload(200, i)))));
        }
        stopAndCheckNothingElse();
        assertThat(counter(DatapathStat.UDP_SUPER_PACKETS_WRITTEN)).isZero();
    }

    @Test
    void aPartialChecksumTcpSuperPacket64ComesOutAsATcpv4SuperPacket() throws Exception {
        tun = FakeTun.withVnetHeader(USO);
        byte[] data = payload(3000, 9);
        byte[] in = ipv6(0, 64, TCP, NODE4, HOST4, tcp(40000, 443, 1000, data));
        makePartial(in, 40, TCP, pseudo6(NODE4, HOST4, TCP, TCP_HEADER + data.length));
        // NEEDS_CSUM, GSO_TCPV6, hdr_len 60, gso_size 1440, csum_start 40, csum_offset 16
        tun.send(vnet(1, 4, 60, 1440, 40, 16), in);
        start();

        byte[] out = receive();
        // NEEDS_CSUM, GSO_TCPV4, hdr_len 20 + 20 = 40, gso_size 1440 (fits 1500 - 40), csum_start 20, offset 16
        assertThat(hex(Arrays.copyOf(out, 10))).isEqualTo("01 01 28 00 a0 05 14 00 10 00");
        MemorySegment v4 = MemorySegment.ofArray(out).asSlice(10);
        // RFC 7915 §5.1: the Identification is the translator's; DF is set on segments of a super-packet
        int identification = Bytes.u16(v4, 4);
        byte[] expected = ipv4(0, identification, true, 63, TCP, NODE4, HOST4, tcp(40000, 443, 1000, data));
        makePartial(expected, 20, TCP, Checksum.pseudo4(NODE4, HOST4, TCP, TCP_HEADER + data.length));
        assertThat(hex(v4.toArray(ValueLayout.JAVA_BYTE))).isEqualTo(hex(expected));
        stopAndCheckNothingElse();
        assertThat(counter(DatapathStat.SEGMENTATION_READ)).isEqualTo(1);
        assertThat(counter(DatapathStat.PARTIAL_CHECKSUM_READ)).isEqualTo(1);
    }

    @Test
    void aPartialChecksumTcpSuperPacket46ComesOutAsATcpv6SuperPacket() throws Exception {
        tun = FakeTun.withVnetHeader(USO);
        byte[] data = payload(4000, 3);
        byte[] in = ipv4(0, 77, true, 64, TCP, HOST4, NODE4, tcp(443, 40000, 5000, data));
        makePartial(in, 20, TCP, Checksum.pseudo4(HOST4, NODE4, TCP, TCP_HEADER + data.length));
        // NEEDS_CSUM, GSO_TCPV4 | GSO_ECN, hdr_len 40, gso_size 1460, csum_start 20, csum_offset 16
        tun.send(vnet(1, 0x81, 40, 1460, 20, 16), in);
        start();

        byte[] out = receive();
        // NEEDS_CSUM, GSO_TCPV6 | GSO_ECN, hdr_len 60, gso_size 1440 (1500 - 60: a 1460-byte IPv6
        // segment would exceed the MTU), csum_start 40, csum_offset 16
        assertThat(hex(Arrays.copyOf(out, 10))).isEqualTo("01 84 3c 00 a0 05 28 00 10 00");
        byte[] expected = ipv6(0, 63, TCP, HOST4, NODE4, tcp(443, 40000, 5000, data));
        makePartial(expected, 40, TCP, pseudo6(HOST4, NODE4, TCP, TCP_HEADER + data.length));
        assertThat(hex(Arrays.copyOfRange(out, 10, out.length))).isEqualTo(hex(expected));
        stopAndCheckNothingElse();
    }

    @Test
    void aTranslatorExceptionMidBatchCostsThatPacketOnlyAndTheRestIsStillJoined() throws Exception {
        tun = FakeTun.withVnetHeader(USO);
        byte[][] payloads = {payload(100, 0), payload(100, 1), payload(100, 2), payload(100, 3)};
        for (byte[] p : payloads) {
            tun.send(NO_OFFLOAD, udp4(1001, p));
        }
        startPoisoned(1); // the second packet's translation throws after it was emitted
        byte[] joined = receive();
        assertThat(hex(Arrays.copyOf(joined, 10))).isEqualTo("01 05 30 00 64 00 28 00 06 00");
        byte[] all = concat(payloads[0], payloads[2], payloads[3]);
        byte[] expected = udp4Translated(1001, all);
        makePartial(expected, 40, UDP, pseudo6(HOST4, NODE4, UDP, 8 + all.length));
        assertThat(hex(Arrays.copyOfRange(joined, 10, joined.length))).isEqualTo(hex(expected));
        stopAndCheckNothingElse();
        assertThat(faults.count()).isEqualTo(1);
        assertThat(reports).singleElement().asString().contains("poisoned packet");
        assertThat(counter(DatapathStat.PACKETS_READ)).isEqualTo(4);
        assertThat(counter(DatapathStat.PACKETS_WRITTEN)).isEqualTo(3);
    }

    @Test
    void writesTheKernelHasNoRoomForAreCountedAndTheRestGoOut() throws Exception {
        tun = FakeTun.plain();
        tun.shrinkSendBuffer(); // a few KiB: the worker's writes fail with EAGAIN until the test reads
        int sent = 40;
        for (int i = 0; i < sent; i++) {
            tun.send(udp4(3000 + i, payload(500, i)));
        }
        start();
        // the worker reads the batch, then tries every write; wait (at most 10 s) until it has
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (counter(DatapathStat.PACKETS_WRITTEN) + counter(DatapathStat.WRITE_AGAIN) < sent
                && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        stop();
        long written = counter(DatapathStat.PACKETS_WRITTEN);
        long again = counter(DatapathStat.WRITE_AGAIN);
        assertThat(counter(DatapathStat.PACKETS_READ)).isEqualTo(sent);
        assertThat(written + again).as("each packet written or counted as WRITE_AGAIN").isEqualTo(sent);
        assertThat(again).as("40 × 548 bytes do not fit a minimal socket buffer").isPositive();
        List<byte[]> out = new ArrayList<>();
        for (byte[] p = tun.receive(0); p != null; p = tun.receive(0)) {
            out.add(p);
        }
        assertThat(out).hasSize((int) written);
        assertThat(hex(out.getFirst())).isEqualTo(hex(udp4Translated(3000, payload(500, 0))));
    }

    private void start() {
        worker = new SiitWorker(tun.fd(0), tun.vnetHeader(), tun.udpGso(), SETTINGS, faults);
        thread = Thread.ofPlatform().name("siit-worker-loop-test").start(worker);
    }

    /** Starts a worker whose translator throws on the {@code poisoned}-th packet, after emitting it. */
    private void startPoisoned(int poisoned) {
        Siit siit = new Siit(SETTINGS);
        int[] seen = {0};
        Translator translator = new Translator() {
            @Override
            public XlatStat translate(MemorySegment buf, long off, int len, long now, PacketSink sink, int offload) {
                XlatStat exit = siit.translate(buf, off, len, now, sink, offload);
                if (seen[0]++ == poisoned) {
                    throw new IllegalStateException("poisoned packet");
                }
                return exit;
            }

            @Override
            public SiitSettings settings() {
                return siit.settings();
            }
        };
        worker = new SiitWorker(tun.fd(0), tun.vnetHeader(), tun.udpGso(), translator, faults);
        thread = Thread.ofPlatform().name("siit-worker-loop-test").start(worker);
    }

    /** What the worker wrote next; fails after 10 s without. */
    private byte[] receive() {
        byte[] p = tun.receive(10_000);
        assertThat(p).as("a packet from the worker within 10 s").isNotNull();
        return p;
    }

    private void stop() throws InterruptedException {
        worker.stop();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(worker.failure()).isNull();
    }

    /** Stops the worker; then nothing more may be waiting, and nothing was dropped at the device. */
    private void stopAndCheckNothingElse() throws InterruptedException {
        stop();
        assertThat(tun.receive(0)).as("no packet beyond those expected").isNull();
        for (DatapathStat s : DatapathStat.values()) {
            if (s.isDrop() && s != DatapathStat.INTERNAL_ERROR) {
                assertThat(counter(s)).as(s.name()).isZero();
            }
        }
    }

    private long counter(DatapathStat stat) {
        return worker.counters().get(stat);
    }

    static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
