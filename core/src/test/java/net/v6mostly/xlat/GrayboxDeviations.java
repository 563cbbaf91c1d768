package net.v6mostly.xlat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;

/**
 * Graybox exchanges where v6mostly follows a newer standard and so differs from Jool's expected
 * bytes. Each entry asserts our behaviour instead; docs/conformance/jool-graybox.md cites the text
 * for each.
 */
final class GrayboxDeviations {
    /** An alternative assertion for one exchange. */
    interface Deviation {
        void check(Path corpus, GrayboxCorpus.Exchange x, List<byte[]> actual) throws IOException;
    }

    private static final Map<String, Deviation> DEVIATIONS = Map.of("siit-045", GrayboxDeviations::dummySource,
            "siit-094", GrayboxDeviations::illegalErrorSource, "siit-095", GrayboxDeviations::illegalErrorSource);

    /** The translator's own IPv6 address in the graybox settings ({@link GrayboxCorpus}). */
    private static final byte[] OWN_IPV6 = TestPackets.v6("2001:db8:1c0:2:1::");

    private GrayboxDeviations() {
    }

    static Deviation forExchange(String id) {
        return DEVIATIONS.get(id);
    }

    /**
     * siit-094 and siit-095 (7915/hat1, hat2): an ICMPv4 error whose source is 127.0.0.1 or
     * 0.0.0.0. Jool embeds that address in pool6 as the IPv6 source. RFC 7915 §4.1 (Source
     * Address): "If the translator gets an illegal source address (e.g., 0.0.0.0, 127.0.0.1,
     * etc.), the translator SHOULD silently drop the packet (as discussed in Section 5.3.7 of
     * [RFC1812])", and DESIGN.md §6 says no translated packet names 0/8, 127/8, 224/4 or 240/4.
     * v6mostly keeps the error (it is what a traceroute shows) but treats its source as
     * untranslatable, as §4.1 treats any ICMPv4 error source it cannot map: the RFC 6791 IPv6 pool,
     * else the translator's own IPv6 address. Everything else is Jool's packet byte for byte.
     */
    private static void illegalErrorSource(Path corpus, GrayboxCorpus.Exchange x, List<byte[]> actual)
            throws IOException {
        byte[] jool = Files.readAllBytes(corpus.resolve("siit").resolve(x.expect().get(0)));
        assertThat(actual).hasSize(1);
        byte[] out = actual.get(0);
        assertThat(Arrays.copyOfRange(out, 8, 24)).as("source: the translator's own IPv6 address").isEqualTo(OWN_IPV6);
        assertThat(TestPackets.headerProblems(out)).isEmpty();
        assertThat(TestPackets.l4ChecksumValid(out)).as("ICMPv6 checksum").isTrue();
        byte[] ours = out.clone();
        byte[] theirs = jool.clone();
        for (byte[] b : new byte[][] {ours, theirs}) {
            Arrays.fill(b, 8, 24, (byte) 0);
            Arrays.fill(b, 42, 44, (byte) 0); // the ICMPv6 checksum covers the source
        }
        assertThat(ours).as("everything but the source as Jool").isEqualTo(theirs);
    }

    /**
     * siit-045 (6791v64t, RFC 6791 pool empty): Jool sources the translated ICMPv4 error from its
     * own interface address. draft-ietf-v6ops-icmpext-xlat-v6only-source §4.1 (which obsoletes RFC
     * 6791): an untranslatable ICMPv6 error source becomes 192.0.0.8 and the original IPv6 source
     * travels in a Node Identification Object (§4.2) after the RFC 4884-padded embedded packet.
     */
    private static void dummySource(Path corpus, GrayboxCorpus.Exchange x, List<byte[]> actual) throws IOException {
        byte[] input = Files.readAllBytes(corpus.resolve("siit").resolve(x.sends().get(0).file()));
        byte[] jool = Files.readAllBytes(corpus.resolve("siit").resolve(x.expect().get(0)));
        assertThat(actual).hasSize(1);
        byte[] out = actual.get(0);
        MemorySegment s = MemorySegment.ofArray(out);
        assertThat(Checksum.verifies(0, s, 0, 20)).as("IPv4 header checksum").isTrue();
        assertThat(Bytes.i32(s, 12)).as("source is 192.0.0.8").isEqualTo(0xC0000008);
        assertThat(Arrays.copyOfRange(out, 16, 20)).as("destination as Jool").isEqualTo(Arrays.copyOfRange(jool, 16, 20));
        assertThat(Bytes.u16(s, 2)).as("total length").isEqualTo(out.length);
        assertThat(Bytes.u16(s, 20)).as("ICMP type/code as Jool").isEqualTo(Bytes.u16(MemorySegment.ofArray(jool), 20));
        assertThat(Checksum.verifies(0, s, 20, out.length - 20)).as("ICMP checksum").isTrue();
        int words = Bytes.u8(s, 25);
        assertThat(words).as("RFC 4884 length attribute: 128-byte original datagram").isEqualTo(32);
        int inner = jool.length - 28;
        byte[] innerOurs = Arrays.copyOfRange(out, 28, 28 + inner);
        byte[] innerJool = Arrays.copyOfRange(jool, 28, 28 + inner);
        for (int i : new int[] {4, 5, 10, 11}) { // inner IPv4 ID and checksum are free (manifest ignores 32,33,38,39)
            innerOurs[i] = 0;
            innerJool[i] = 0;
        }
        assertThat(innerOurs).as("embedded packet as Jool").isEqualTo(innerJool);
        for (int i = 28 + inner; i < 28 + 128; i++) {
            assertThat(out[i]).as("RFC 4884 zero padding at %d", i).isZero();
        }
        int ext = 28 + 128;
        assertThat(out.length).as("extension header + Node Identification Object").isEqualTo(ext + 4 + 24);
        assertThat(Bytes.u8(s, ext) >>> 4).as("extension version").isEqualTo(2);
        assertThat(Checksum.verifies(0, s, ext, 28)).as("extension checksum").isTrue();
        assertThat(Bytes.u16(s, ext + 4)).as("object length").isEqualTo(24);
        assertThat(Bytes.u8(s, ext + 6)).as("Class-Num: Node Identification").isEqualTo(5);
        assertThat(Bytes.u16(s, ext + 8)).as("AFI: IPv6").isEqualTo(2);
        assertThat(Arrays.copyOfRange(out, ext + 12, ext + 28)).as("the original IPv6 source")
                .isEqualTo(Arrays.copyOfRange(input, 8, 24));
    }
}
