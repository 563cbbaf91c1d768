package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.v6mostly.pcap.PcapReader;
import net.v6mostly.pcap.PcapTranslation;
import net.v6mostly.pcap.PcapWriter;
import net.v6mostly.pcap.TranslationTotals;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.Siit;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.Translator;
import net.v6mostly.xlat.XlatStat;

/**
 * The pcap loop with a stand-in translator that passes packets through unchanged: buffer and
 * headroom, output records and timestamps, the per-packet report and the totals.
 */
class PcapTranslationTest {
    @TempDir
    Path dir;

    /** Emits valid packets unchanged on the other side; malformed IPv4 is dropped. */
    static XlatStat mirror(MemorySegment buf, long off, int len, long now, PacketSink sink) {
        assertThat(off).isEqualTo(Siit.HEADROOM);
        buf.set(ValueLayout.JAVA_BYTE, off - Siit.HEADROOM, (byte) 0xEE); // the headroom is writable
        if ((buf.get(ValueLayout.JAVA_BYTE, off) & 0xF0) == 0x40) {
            if (new Ipv4Header().wrap(buf, off, len).check(false) != Ipv4Header.Check.OK) {
                return XlatStat.IPV4_BAD_TOTAL_LENGTH;
            }
            sink.emit(Side.V6, buf, off, len);
            return XlatStat.TRANSLATED_46;
        }
        sink.emit(Side.V4, buf, off, len);
        return XlatStat.TRANSLATED_64;
    }

    /** What a stand-in translator does with each packet (the pcap loop passes no offload). */
    @FunctionalInterface
    interface StandIn {
        XlatStat translate(MemorySegment buf, long off, int len, long now, PacketSink sink);
    }

    private String run(StandIn standIn, PcapTranslation.Report report, Path out) throws Exception {
        Translator translator = new Translator() {
            @Override
            public XlatStat translate(MemorySegment buf, long off, int len, long now, PacketSink sink, int offload) {
                assertThat(offload).isEqualTo(Offload.NONE);
                return standIn.translate(buf, off, len, now, sink);
            }

            @Override
            public SiitSettings settings() {
                throw new UnsupportedOperationException("the pcap loop has no MTU to fix");
            }
        };
        StringWriter text = new StringWriter();
        try (PcapReader in = PcapReader.open(RepoFiles.example("siit-example.pcap"));
                PcapWriter writer = PcapWriter.create(out)) {
            new PcapTranslation(translator, new PrintWriter(text), report).run(in, writer);
        }
        return text.toString();
    }

    @Test
    void reportsEveryPacketItsExitAndWhatWasEmitted() throws Exception {
        String text = run(PcapTranslationTest::mirror, PcapTranslation.Report.EVERY_PACKET, dir.resolve("o.pcap"));
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(7 + 6 + 1);
        assertThat(lines.get(0)).isEqualTo("#1 IPv6 2001:db8:6::10 → 2001:db8:64::cb00:7135 UDP 40000 → 53 hlim 64"
                + " len 77: TRANSLATED_64");
        assertThat(lines.get(1)).isEqualTo("    → V4 IPv6 2001:db8:6::10 → 2001:db8:64::cb00:7135 UDP 40000 → 53"
                + " hlim 64 len 77");
        assertThat(lines.get(12)).isEqualTo("#7 IPv4 malformed (bad total length), len 28: IPV4_BAD_TOTAL_LENGTH"
                + " (IPv4 Total Length shorter than the header or longer than the packet)");
        assertThat(lines.get(13)).isEqualTo("totals: 7 in, 6 out, 6 passed, 1 dropped (TRANSLATED_46 2,"
                + " TRANSLATED_64 4, IPV4_BAD_TOTAL_LENGTH 1)");
    }

    @Test
    void writesEveryEmittedPacketWithTheInputTimestamp() throws Exception {
        Path out = dir.resolve("o.pcap");
        run(PcapTranslationTest::mirror, PcapTranslation.Report.QUIET, out);
        List<byte[]> inputs = new ArrayList<>();
        try (PcapReader in = PcapReader.open(RepoFiles.example("siit-example.pcap"))) {
            while (in.next()) {
                inputs.add(Arrays.copyOfRange(in.data(), 0, in.ipLength()));
            }
        }
        try (PcapReader written = PcapReader.open(out)) {
            for (int i = 0; i < 6; i++) {
                assertThat(written.next()).isTrue();
                assertThat(Arrays.copyOf(written.data(), written.ipLength())).isEqualTo(inputs.get(i));
                assertThat(written.seconds()).isEqualTo(1_700_000_000L);
                assertThat(written.nanos()).isEqualTo(i * 1_000_000);
            }
            assertThat(written.next()).isFalse();
        }
    }

    @Test
    void tsharkReadsTheOutputAsRawIpWithValidChecksums() throws Exception {
        assumeTrue(Tshark.available(), "tshark is not installed (apt-get install tshark)");
        Path out = dir.resolve("o.pcap");
        run(PcapTranslationTest::mirror, PcapTranslation.Report.QUIET, out);
        assertThat(Tshark.fields(out, "", "frame.number", "frame.protocols")).hasSize(6)
                .allSatisfy(line -> assertThat(line).contains("raw:ip"));
        assertThat(Tshark.fields(out, Tshark.BAD_CHECKSUM, "frame.number")).isEmpty();
    }

    @Test
    void summaryOnlyAndQuiet() throws Exception {
        assertThat(run(PcapTranslationTest::mirror, PcapTranslation.Report.SUMMARY_ONLY, dir.resolve("a.pcap")))
                .startsWith("totals: 7 in, 6 out").hasLineCount(1);
        assertThat(run(PcapTranslationTest::mirror, PcapTranslation.Report.QUIET, dir.resolve("b.pcap"))).isEmpty();
    }

    @Test
    void aTranslatorThatThrowsIsReportedWithThePacket() {
        StandIn failing = (buf, off, len, now, sink) -> {
            throw new UnsupportedOperationException("being written");
        };
        assertThatThrownBy(() -> run(failing, PcapTranslation.Report.EVERY_PACKET, dir.resolve("c.pcap")))
                .isInstanceOf(PcapTranslation.TranslatorFailed.class)
                .hasMessage("packet #1 (record at byte 24): the translator failed:"
                        + " java.lang.UnsupportedOperationException: being written");
    }

    @Test
    void theTotalsCountDropsAndSkippedFrames() throws IOException {
        TranslationTotals totals = new TranslationTotals();
        totals.countIn(XlatStat.TRANSLATED_64);
        totals.countIn(XlatStat.HOP_LIMIT_EXPIRED_64);
        totals.countOut();
        assertThat(totals.in()).isEqualTo(2);
        assertThat(totals.dropped()).isEqualTo(1);
        assertThat(totals.exits(XlatStat.TRANSLATED_64)).isEqualTo(1);
        assertThat(totals).hasToString("totals: 2 in, 1 out, 1 passed, 1 dropped (TRANSLATED_64 1,"
                + " HOP_LIMIT_EXPIRED_64 1)");
    }
}
