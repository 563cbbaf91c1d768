package net.v6mostly.xlat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import net.v6mostly.wire.Checksum;

/**
 * Replays the SIIT half of the Jool graybox corpus through the translator in process (the
 * corpus README "How a harness should run a test"): each exchange's {@code state} configures a
 * fresh translator, every {@code send} packet is translated, and what leaves on the {@code
 * expect_at} side must equal the expected files byte for byte except the listed offsets, with the
 * outer IPv4 header checksum valid. Exchanges where the RFC makes us differ from Jool are asserted
 * against our documented behaviour instead ({@link GrayboxDeviations}, docs/conformance/jool-graybox.md).
 */
class JoolGrayboxSiitTest {
    private static final Optional<Path> CORPUS = GrayboxCorpus.locate();
    private static int passed;
    private static int failed;

    @TestFactory
    Stream<DynamicTest> siitExchanges() {
        Assumptions.assumeTrue(CORPUS.isPresent(),
                "../shared/conformance/jool-graybox is absent: the Jool graybox replay is skipped");
        Path corpus = CORPUS.get();
        return GrayboxCorpus.exchanges(corpus, "manifest-siit.jsonl").stream()
                .map(x -> DynamicTest.dynamicTest(x.id() + " " + x.group() + " " + x.expect(), () -> run(corpus, x)));
    }

    private static void run(Path corpus, GrayboxCorpus.Exchange x) throws IOException {
        boolean ok = false;
        try {
            List<byte[]> actual = translate(corpus, x);
            var deviation = GrayboxDeviations.forExchange(x.id());
            if (deviation != null) {
                deviation.check(corpus, x, actual);
            } else {
                compare(corpus, x, actual);
            }
            ok = true;
        } finally {
            if (ok) {
                passed++;
            } else {
                failed++;
            }
        }
    }

    /** Every packet the translator emits toward the exchange's {@code expect_at} side. */
    static List<byte[]> translate(Path corpus, GrayboxCorpus.Exchange x) throws IOException {
        Siit siit = new Siit(GrayboxCorpus.siitSettings(x.state()));
        Side want = x.expectAt().equals("n4") ? Side.V4 : Side.V6;
        List<byte[]> out = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(70_000);
            for (GrayboxCorpus.Send send : x.sends()) {
                byte[] packet = Files.readAllBytes(corpus.resolve("siit").resolve(send.file()));
                MemorySegment.copy(packet, 0, buf, ValueLayout.JAVA_BYTE, Siit.HEADROOM, packet.length);
                siit.translate(buf, Siit.HEADROOM, packet.length, 0, (side, seg, off, len) -> {
                    if (side == want) {
                        out.add(seg.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE));
                    }
                }, Offload.NONE);
            }
        }
        return out;
    }

    private static void compare(Path corpus, GrayboxCorpus.Exchange x, List<byte[]> actual) throws IOException {
        assertThat(actual).as("packets emitted toward %s", x.expectAt()).hasSize(x.expect().size());
        for (int i = 0; i < actual.size(); i++) {
            byte[] expected = Files.readAllBytes(corpus.resolve("siit").resolve(x.expect().get(i)));
            assertPacket(x.expect().get(i), expected, actual.get(i), x.ignore());
        }
    }

    static void assertPacket(String name, byte[] expected, byte[] actual, int[] ignore) {
        byte[] a = actual.clone();
        byte[] e = expected.clone();
        for (int i : ignore) {
            if (i < a.length && i < e.length) {
                a[i] = 0;
                e[i] = 0;
            }
        }
        assertThat(HexFormat.ofDelimiter(" ").formatHex(a))
                .as("%s (%d bytes expected, %d emitted)", name, expected.length, actual.length)
                .isEqualTo(HexFormat.ofDelimiter(" ").formatHex(e));
        if ((actual[0] >> 4) == 4) {
            MemorySegment seg = MemorySegment.ofArray(actual);
            assertThat(Checksum.verifies(0, seg, 0, (actual[0] & 0xF) * 4)).as("outer IPv4 header checksum").isTrue();
        }
    }

    @AfterAll
    static void summary() {
        if (CORPUS.isPresent()) {
            System.out.println("jool-graybox siit: " + passed + " passed, " + failed + " failed");
        }
    }

    static Map<String, Integer> tally() {
        return Map.of("passed", passed, "failed", failed);
    }
}
