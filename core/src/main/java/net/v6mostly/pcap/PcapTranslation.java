package net.v6mostly.pcap;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import net.v6mostly.stats.Stat;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.Siit;
import net.v6mostly.xlat.Translator;

/**
 * The offline translation loop: each IP packet of a pcap is copied into one reused buffer after
 * {@link Siit#HEADROOM} bytes of headroom, translated, and every packet the translator emits is
 * written to the output pcap with the input's timestamp. The input timestamp, in milliseconds, is
 * the translator's clock ({@link Translator}), so rate limiting behaves as it did when the capture
 * was taken.
 */
public final class PcapTranslation {
    /** How much the run prints. */
    public enum Report {
        /** A line per packet, a line per emitted packet, and the totals. */
        EVERY_PACKET,
        /** Only the totals line. */
        SUMMARY_ONLY,
        /** Nothing. */
        QUIET
    }

    /** The translator threw instead of returning an exit. */
    public static final class TranslatorFailed extends Exception {
        private static final long serialVersionUID = 1L;

        TranslatorFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Translator translator;
    private final PrintWriter out;
    private final Report report;
    private final PacketDescription describer = new PacketDescription();

    public PcapTranslation(Translator translator, PrintWriter out, Report report) {
        this.translator = translator;
        this.out = out;
        this.report = report;
    }

    /** Translates every packet of {@code in} into {@code writer}. */
    public TranslationTotals run(PcapReader in, PcapWriter writer) throws IOException, TranslatorFailed {
        TranslationTotals totals = new TranslationTotals();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Siit.HEADROOM + PcapReader.MAX_RECORD + 1024L, 8);
            Emitter emitter = new Emitter(writer, totals);
            while (in.next()) {
                int len = in.copyTo(buf, Siit.HEADROOM);
                // described before translating: the translator may rewrite the packet in place
                String input = report == Report.EVERY_PACKET ? describer.describe(buf, Siit.HEADROOM, len) : null;
                emitter.prepare(in.seconds(), in.nanos());
                Stat exit = translate(buf, len, in, emitter);
                totals.countIn(exit);
                if (input != null) {
                    out.println("#" + in.index() + " " + input + ": " + exit.name()
                            + (exit.isDrop() ? " (" + exit.explanation() + ")" : ""));
                    emitter.printEmitted();
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        totals.skipped(in.skipped());
        if (report != Report.QUIET) {
            out.println(totals);
        }
        out.flush();
        return totals;
    }

    private Stat translate(MemorySegment buf, int len, PcapReader in, Emitter emitter) throws TranslatorFailed {
        try {
            return translator.translate(buf, Siit.HEADROOM, len, in.timestampNanos() / 1_000_000L, emitter,
                    Offload.NONE);
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TranslatorFailed("packet #" + in.index() + " (record at byte " + in.recordOffset()
                    + "): the translator failed: " + e, e);
        }
    }

    /** Writes each emitted packet at once and keeps its description for the report. */
    private final class Emitter implements PacketSink {
        private final PcapWriter writer;
        private final TranslationTotals totals;
        private final StringBuilder lines = new StringBuilder();
        private long seconds;
        private int nanos;

        Emitter(PcapWriter writer, TranslationTotals totals) {
            this.writer = writer;
            this.totals = totals;
        }

        void prepare(long seconds, int nanos) {
            this.seconds = seconds;
            this.nanos = nanos;
            lines.setLength(0);
        }

        @Override
        public void emit(Side side, MemorySegment packet, long offset, int length) {
            try {
                writer.write(seconds, nanos, packet, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            totals.countOut();
            if (report == Report.EVERY_PACKET) {
                lines.append("    → ").append(side).append(' ').append(describer.describe(packet, offset, length))
                        .append(System.lineSeparator());
            }
        }

        void printEmitted() {
            out.print(lines);
        }
    }
}
