package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input: whatever bytes arrive, wrap + check + (when check passes) every accessor and the
 * chain walk must return normally. Any exception is a failure: on the packet path it would be a
 * remote crash.
 */
class ViewFuzzTest {

    private final Ipv4Header v4 = new Ipv4Header();
    private final Ipv6Header v6 = new Ipv6Header();
    private final Ipv6Chain chain = new Ipv6Chain();

    @Property(tries = 5000)
    @Label("random bytes through Ipv4Header and Ipv6Header + Ipv6Chain never throw")
    void randomBytesNeverThrow(@ForAll @Size(max = 300) byte[] data, @ForAll @IntRange(max = 16) int skip) {
        exercise(data, Math.min(skip, data.length));
    }

    @Property(tries = 5000)
    @Label("IPv4-shaped bytes (version 4, lengths near the truth) never throw")
    void ipv4ShapedNeverThrow(@ForAll("ipv4ish") byte[] data) {
        exercise(data, 0);
    }

    @Property(tries = 10000)
    @Label("IPv6-shaped bytes with random extension chains never throw")
    void ipv6ShapedNeverThrow(@ForAll("ipv6ish") byte[] data) {
        Statistics.collect(exercise(data, 0)); // shows that every Ipv6Chain.Check outcome is reached
    }

    private long sink;

    /** Runs every view over {@code data}; returns the chain walk's result, or null when it did not run. */
    private Ipv6Chain.Check exercise(byte[] data, int off) {
        MemorySegment s = MemorySegment.ofArray(data);
        int available = data.length - off;
        if (v4.wrap(s, off, available).check(true) == Ipv4Header.Check.OK
                || v4.check(false) == Ipv4Header.Check.OK) {
            sink += v4.version() + v4.headerLength() + v4.tos() + v4.totalLength() + v4.identification()
                    + v4.flagsOffset() + v4.fragmentOffset() + v4.ttl() + v4.protocol() + v4.checksum()
                    + v4.source() + v4.destination() + v4.payloadOffset() + v4.payloadLength()
                    + (v4.dontFragment() ? 1 : 0) + (v4.moreFragments() ? 1 : 0) + (v4.isFragment() ? 1 : 0);
            sink += Checksum.add(0, s, v4.payloadOffset(), v4.payloadLength());
        }
        if (v6.wrap(s, off, available).check() == Ipv6Header.Check.OK) {
            sink += v6.version() + v6.trafficClass() + v6.flowLabel() + v6.payloadLength() + v6.nextHeader()
                    + v6.hopLimit() + v6.sourceHi() + v6.sourceLo() + v6.destinationHi() + v6.destinationLo();
            Ipv6Chain.Check c = chain.walk(s, off, off + v6.totalLength());
            sink += c.ordinal() + chain.protocol() + chain.upperOffset() + chain.headersLength();
            long f = chain.fragmentOffset();
            if (f >= 0) {
                sink += Ipv6Fragment.nextHeader(s, f) + Ipv6Fragment.fragmentOffset(s, f)
                        + Ipv6Fragment.identification(s, f) + (Ipv6Fragment.moreFragments(s, f) ? 1 : 0);
            }
            if (chain.segmentsLeftOffset() >= 0) {
                sink += Bytes.u8(s, chain.segmentsLeftOffset());
            }
            if (c == Ipv6Chain.Check.OK) {
                int upper = (int) (off + v6.totalLength() - chain.upperOffset());
                if (upper < 0) {
                    throw new AssertionError("upper-layer offset " + chain.upperOffset() + " beyond the packet");
                }
                sink += Checksum.add(0, s, chain.upperOffset(), upper);
            }
            return c;
        }
        return null;
    }

    @Provide
    Arbitrary<byte[]> ipv4ish() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(120).flatMap(b ->
                Arbitraries.integers().between(0, 15).flatMap(ihl ->
                        Arbitraries.integers().between(-4, 4).map(delta -> {
                            if (b.length > 0) {
                                b[0] = (byte) (0x40 | ihl);
                            }
                            if (b.length > 3) {
                                int total = Math.max(0, b.length + delta);
                                b[2] = (byte) (total >>> 8);
                                b[3] = (byte) total;
                            }
                            return b;
                        })));
    }

    /** A fixed header with a truthful Payload Length and a random chain of headers of random lengths. */
    @Provide
    Arbitrary<byte[]> ipv6ish() {
        Arbitrary<Integer> next = Arbitraries.of(0, 43, 44, 60, 51, 50, 59, 17, 6, 58, 135, 255);
        return Arbitraries.bytes().array(byte[].class).ofMinSize(40).ofMaxSize(200).flatMap(b ->
                next.list().ofMaxSize(8).flatMap(nexts ->
                        Arbitraries.integers().between(0, 3).list().ofSize(8).map(lens -> {
                            b[0] = (byte) (0x60 | (b[0] & 0x0F));
                            int payload = b.length - 40;
                            b[4] = (byte) (payload >>> 8);
                            b[5] = (byte) payload;
                            int at = 6; // where the first Next Header goes
                            int off = 40;
                            for (int i = 0; i < nexts.size(); i++) {
                                b[at] = (byte) (int) nexts.get(i);
                                if (off + 2 > b.length) {
                                    break;
                                }
                                b[off + 1] = (byte) (int) lens.get(i);
                                at = off;
                                off += nexts.get(i) == 44 ? 8 : (lens.get(i) + 1) * 8;
                                if (off >= b.length) {
                                    break;
                                }
                            }
                            return b;
                        })));
    }
}
