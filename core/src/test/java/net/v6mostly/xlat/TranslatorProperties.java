package net.v6mostly.xlat;

import static net.v6mostly.xlat.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.rfc7757.EamEntry;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * Properties of the stateless translator over generated packets (DESIGN.md §3.8): checksums are
 * always valid on what it emits, 4→6→4 and 6→4→6 round trips keep the transport and cost exactly
 * two hops, arbitrary bytes never throw, and fragments obey RFC 7915 §4.1 and RFC 8200 §4.5. Every
 * checksum is checked with {@link TestPackets}' own RFC 1071 code.
 */
class TranslatorProperties {
    static final Rfc6052Prefix POOL6 = Rfc6052Prefix.parse("2001:db8:64::/96");
    static final Ipv6Address OWN6 = Ipv6Address.parse("2001:db8:ffff::1");
    static final int OWN4 = v4("203.0.113.254");
    /** pool6 both ways; errors unlimited so no rate limit hides a packet. */
    static final SiitSettings PLAIN = SiitSettings.builder().pool6(POOL6).ownIpv4(OWN4).ownIpv6(OWN6)
            .icmpErrorsPerSecond(0).hairpin(SiitSettings.HairpinMode.OFF).build();
    /** As PLAIN, but 192.0.2.0/24 maps through an EAM entry (RFC 7757) instead of pool6. */
    static final SiitSettings EAM = PLAIN.toBuilder()
            .eam(new EamTable(List.of(EamEntry.parse("2001:db8:eeee::/120", "192.0.2.0/24")))).build();

    /** What a generated packet is made of. */
    record Spec(int protocol, int src, int dst, int sport, int dport, byte[] payload, int tos, int ttl, boolean df) {
        byte[] ipv4() {
            byte[] l4 = switch (protocol) {
                case UDP -> udp(sport, dport, payload);
                case TCP -> tcp(sport, dport, sport * 7919, dport * 31, 0x18, payload);
                default -> icmp(8, 0, sport << 16 | dport, payload);
            };
            return new V4(protocol, src, dst).tos(tos).ttl(ttl).df(df).id(sport ^ dport).build(seal4(src, dst, protocol, l4));
        }

        /** Two translations need TTL 3: each one requires more than 1 (RFC 7915 §4.1, §5.1). */
        Spec twoHops() {
            return new Spec(protocol, src, dst, sport, dport, payload, tos, Math.max(3, ttl), df);
        }

        byte[] ipv6(SiitSettings settings) {
            byte[] s6 = map46(settings, src);
            byte[] d6 = map46(settings, dst);
            int nh = protocol == ICMP ? ICMPV6 : protocol;
            byte[] l4 = switch (protocol) {
                case UDP -> udp(sport, dport, payload);
                case TCP -> tcp(sport, dport, sport * 7919, dport * 31, 0x18, payload);
                default -> icmp(128, 0, sport << 16 | dport, payload);
            };
            return TestPackets.ipv6(tos, nh, ttl, s6, d6, seal6(s6, d6, nh, l4));
        }
    }

    /** The IPv6 address the settings give an IPv4 address: EAM 192.0.2.0/24, else pool6. */
    static byte[] map46(SiitSettings settings, int address) {
        if (!settings.eam().isEmpty() && (address >>> 8) == 0xC00002) {
            byte[] a = v6("2001:db8:eeee::");
            a[15] = (byte) address;
            return a;
        }
        return pool6(address);
    }

    @Provide
    Arbitrary<Integer> address4() {
        return Arbitraries.of(0xC0000200, 0xC6336400, 0xCB007100)
                .flatMap(net -> Arbitraries.integers().between(0, 255).map(host -> net | host));
    }

    @Provide
    Arbitrary<Spec> packets() {
        return Combinators.combine(Arbitraries.of(UDP, TCP, ICMP), address4(), address4(),
                        Arbitraries.integers().between(0, 0xFFFF), Arbitraries.integers().between(0, 0xFFFF),
                        Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(1400),
                        Arbitraries.integers().between(0, 255), Arbitraries.integers().between(2, 255))
                .flatAs((p, s, d, sp, dp, data, tos, ttl) -> Arbitraries.of(true, false)
                        .map(df -> new Spec(p, s, d, sp, dp, data, tos, ttl, df)));
    }

    @Provide
    Arbitrary<SiitSettings> setups() {
        return Arbitraries.of(PLAIN, EAM);
    }

    // ------------------------------------------------------------------ checksums always valid

    @Property(tries = 300)
    void everyPacketEmitted46HasValidChecksums(@ForAll("packets") Spec spec, @ForAll("setups") SiitSettings settings) {
        Result r = run(new Siit(settings), spec.ipv4());
        assertThat(r.stat()).isIn(XlatStat.TRANSLATED_46, XlatStat.FRAGMENTED_46);
        assertWellFormedWithValidChecksums(r.emitted());
    }

    @Property(tries = 300)
    void everyPacketEmitted64HasValidChecksums(@ForAll("packets") Spec spec, @ForAll("setups") SiitSettings settings) {
        Result r = run(new Siit(settings), spec.ipv6(settings));
        assertThat(r.stat()).isEqualTo(XlatStat.TRANSLATED_64);
        assertWellFormedWithValidChecksums(r.emitted());
        assertThat(r.only()[9]).isEqualTo((byte) spec.protocol());
    }

    /** ICMPv4 errors quoting a generated packet come out as ICMPv6 errors whose checksum verifies. */
    @Property(tries = 200)
    void translatedIcmpErrorsHaveValidChecksums(@ForAll("packets") Spec spec,
            @ForAll("icmp4ErrorTypes") int typeCode, @ForAll @IntRange(min = 0, max = 600) int quoted) {
        byte[] inner = new Spec(spec.protocol(), spec.dst(), spec.src(), spec.sport(), spec.dport(), spec.payload(),
                spec.tos(), spec.ttl(), spec.df()).ipv4();
        byte[] error = icmp4Error(spec.src(), spec.dst(), typeCode >>> 8, typeCode & 0xFF, 1400,
                Arrays.copyOf(inner, Math.min(inner.length, quoted + 28)));
        Result r = run(new Siit(PLAIN), error);
        assertThat(r.stat()).isEqualTo(XlatStat.TRANSLATED_46);
        assertWellFormedWithValidChecksums(r.emitted());
        byte[] out = r.only();
        assertThat(out.length).isLessThanOrEqualTo(1280);
        byte[] six = spec.ipv6(PLAIN); // the same error the other way round
        byte[] error6 = icmp6Error(pool6(spec.src()), pool6(spec.dst()), 1, 0, 0, Arrays.copyOf(six, Math.min(six.length, quoted + 48)));
        Result back = run(new Siit(PLAIN), error6);
        assertThat(back.stat()).isEqualTo(XlatStat.TRANSLATED_64);
        assertWellFormedWithValidChecksums(back.emitted());
        assertThat(back.only().length).isLessThanOrEqualTo(576);
    }

    @Provide
    Arbitrary<Integer> icmp4ErrorTypes() {
        return Arbitraries.of(3 << 8, 3 << 8 | 1, 3 << 8 | 3, 3 << 8 | 4, 3 << 8 | 9, 3 << 8 | 13, 11 << 8, 11 << 8 | 1);
    }

    static void assertWellFormedWithValidChecksums(List<Emitted> emitted) {
        assertThat(emitted).isNotEmpty();
        List<byte[]> fragments = new ArrayList<>();
        for (Emitted e : emitted) {
            byte[] p = e.bytes();
            assertThat(headerProblems(p)).as("header of an emitted packet").isEmpty();
            assertThat((p[0] & 0xFF) >>> 4).isEqualTo(e.side() == Side.V4 ? 4 : 6);
            if (layers(p).isFragment(p)) {
                fragments.add(p);
            } else {
                assertThat(l4ChecksumValid(p)).as("transport checksum of an emitted packet").isTrue();
            }
        }
        if (!fragments.isEmpty()) {
            assertThat(l4ChecksumValid(reassemble6(fragments))).as("transport checksum of the reassembled packet").isTrue();
        }
    }

    // ------------------------------------------------------------------ round trips

    @Property(tries = 300)
    void roundTrip464KeepsTransportAndCostsTwoHops(@ForAll("packets") Spec any, @ForAll("setups") SiitSettings settings) {
        Spec spec = any.twoHops();
        Siit siit = new Siit(settings.toBuilder().lowestIpv6Mtu(1500).build()); // no fragmentation on the way
        byte[] original = spec.ipv4();
        byte[] six = run(siit, original).only();
        Result back = run(siit, six);
        assertThat(back.stat()).isEqualTo(XlatStat.TRANSLATED_64);
        byte[] again = back.only();
        assertThat(headerProblems(again)).isEmpty();
        assertThat(again[9]).as("protocol").isEqualTo(original[9]);
        assertThat(Arrays.copyOfRange(again, 12, 20)).as("addresses").isEqualTo(Arrays.copyOfRange(original, 12, 20));
        assertThat(again[1]).as("TOS").isEqualTo(original[1]);
        assertThat(again[8] & 0xFF).as("TTL").isEqualTo(spec.ttl() - 2);
        assertSameTransport(original, 20, again, 20, spec.protocol());
        assertThat(l4ChecksumValid(again)).isTrue();
    }

    @Property(tries = 300)
    void roundTrip646KeepsTransportAndCostsTwoHops(@ForAll("packets") Spec any, @ForAll("setups") SiitSettings settings) {
        Spec spec = any.twoHops();
        Siit siit = new Siit(settings);
        byte[] original = spec.ipv6(settings);
        byte[] four = run(siit, original).only();
        Result back = run(siit, four);
        assertThat(back.stat()).isEqualTo(XlatStat.TRANSLATED_46);
        byte[] again = back.only();
        assertThat(headerProblems(again)).isEmpty();
        assertThat(again[6]).as("next header").isEqualTo(original[6]);
        assertThat(Arrays.copyOfRange(again, 8, 40)).as("addresses").isEqualTo(Arrays.copyOfRange(original, 8, 40));
        assertThat(Arrays.copyOfRange(again, 0, 2)).as("version and traffic class").isEqualTo(Arrays.copyOfRange(original, 0, 2));
        assertThat(again[7] & 0xFF).as("hop limit").isEqualTo(spec.ttl() - 2);
        assertSameTransport(original, 40, again, 40, spec.protocol());
        assertThat(l4ChecksumValid(again)).isTrue();
    }

    /** Ports (or echo id/sequence), and every byte after the transport header. */
    static void assertSameTransport(byte[] a, int aOff, byte[] b, int bOff, int protocol) {
        int header = protocol == TCP ? 20 : 8;
        assertThat(b.length - bOff).as("transport length").isEqualTo(a.length - aOff);
        if (protocol == ICMP) {
            assertThat(Arrays.copyOfRange(b, bOff + 4, bOff + 8)).as("echo id and sequence")
                    .isEqualTo(Arrays.copyOfRange(a, aOff + 4, aOff + 8));
        } else {
            assertThat(Arrays.copyOfRange(b, bOff, bOff + 4)).as("ports").isEqualTo(Arrays.copyOfRange(a, aOff, aOff + 4));
        }
        if (protocol == TCP) {
            assertThat(Arrays.copyOfRange(b, bOff + 4, bOff + 16)).as("TCP seq/ack/flags/window")
                    .isEqualTo(Arrays.copyOfRange(a, aOff + 4, aOff + 16));
        }
        assertThat(Arrays.copyOfRange(b, bOff + header, b.length)).as("transport payload")
                .isEqualTo(Arrays.copyOfRange(a, aOff + header, a.length));
    }

    // ------------------------------------------------------------------ arbitrary input

    @Property(tries = 1000)
    void randomBytesNeverThrow(@ForAll @Size(max = 2000) byte[] bytes, @ForAll("firstNibble") int nibble) {
        if (nibble >= 0 && bytes.length > 0) {
            bytes[0] = (byte) (nibble << 4 | bytes[0] & 0xF);
        }
        assertWellFormedOrNothing(run(new Siit(PLAIN), bytes));
    }

    @Provide
    Arbitrary<Integer> firstNibble() {
        return Arbitraries.of(-1, 4, 6);
    }

    /**
     * Random bytes rarely pass the IPv4 header checksum, so this mutates valid packets and ICMP
     * errors and then reseals the outer IPv4 header (and, half the time, the ICMP checksum), which
     * drives the arbitrary bytes deep into the pipeline.
     */
    @Property(tries = 2000)
    void mutatedPacketsNeverThrow(@ForAll("packets") Spec spec, @ForAll("mutationBases") int base,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 0xFFFFFF) Integer> mutations,
            @ForAll boolean resealIcmp) {
        byte[] p = switch (base) {
            case 0 -> spec.ipv4();
            case 1 -> spec.ipv6(PLAIN);
            case 2 -> icmp4Error(spec.dst(), spec.src(), 3, 1, 0, Arrays.copyOf(spec.ipv4(), Math.min(200, spec.ipv4().length)));
            case 3 -> icmp4Error(spec.dst(), spec.src(), 12, 0, 9 << 24, Arrays.copyOf(spec.ipv4(), 28 + spec.payload().length % 60));
            case 4 -> icmp6Error(pool6(spec.dst()), pool6(spec.src()), 1, 4, 0, Arrays.copyOf(spec.ipv6(PLAIN), Math.min(300, spec.ipv6(PLAIN).length)));
            default -> icmp6Error(pool6(spec.dst()), pool6(spec.src()), 2, 0, 1280, Arrays.copyOf(spec.ipv6(PLAIN), 48 + spec.payload().length % 60));
        };
        int ipHeader = (p[0] >> 4) == 4 ? 20 : 40;
        for (int m : mutations) {
            // mostly within the headers, where the decisions are
            int at = (m & 0xFFFF) % Math.min(p.length, (m & 0x10000) != 0 ? p.length : ipHeader + 96);
            p[at] = (byte) (m >>> 17);
        }
        if ((p[0] >> 4) == 4 && (p[0] & 0xF) >= 5 && (p[0] & 0xF) * 4 <= p.length) {
            reseal4(p);
        }
        if (resealIcmp && base >= 2) {
            Layers l = layers4or6(p);
            if (l != null && l.l4() + 4 <= p.length) {
                int len = p.length - l.l4();
                put16(p, l.l4() + 2, 0);
                long seed = l.version() == 4 ? 0 : pseudo6(l.src(), l.dst(), ICMPV6, len);
                put16(p, l.l4() + 2, checksum(seed, p, l.l4(), len));
            }
        }
        Result r = run(new Siit(PLAIN), p);
        Statistics.label("exit").collect(r.stat());
        assertWellFormedOrNothing(r);
    }

    @Provide
    Arbitrary<Integer> mutationBases() {
        return Arbitraries.integers().between(0, 5);
    }

    private static Layers layers4or6(byte[] p) {
        try {
            return layers(p);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whatever the translator emits for arbitrary input is at least a well-formed IP packet. */
    static void assertWellFormedOrNothing(Result r) {
        assertThat(r.stat()).isNotNull();
        for (Emitted e : r.emitted()) {
            assertThat(headerProblems(e.bytes())).as("emitted for arbitrary input (%s)", r.stat()).isEmpty();
        }
    }

    // ------------------------------------------------------------------ fragmentation

    /**
     * RFC 7915 §4.1: an IPv4 packet without DF whose translation exceeds lowest-ipv6-mtu "SHOULD be
     * fragmented so that the resulting IPv6 packet (with Fragment Header added to each fragment)
     * will be less than or equal to lowest-ipv6-mtu"; RFC 8200 §4.5 for the fragment rules; RFC 7915
     * §5.1.1 / §4.1 for the Identification (IPv4 ID in the low 16 bits).
     */
    @Property(tries = 300)
    void fragmentsFitLowestIpv6MtuAndReassemble(@ForAll("address4") int src, @ForAll("address4") int dst,
            @ForAll @IntRange(min = 1280, max = 1500) int lowest, @ForAll @IntRange(min = 1233, max = 4000) int size,
            @ForAll @IntRange(min = 0, max = 0xFFFF) int id, @ForAll boolean tcp) {
        int protocol = tcp ? TCP : UDP;
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + id);
        }
        byte[] l4 = seal4(src, dst, protocol, tcp ? tcp(1, 2, 3, 4, 0x10, data) : udp(1, 2, data));
        byte[] original = new V4(protocol, src, dst).id(id).df(false).build(l4);
        Siit siit = new Siit(PLAIN.toBuilder().lowestIpv6Mtu(lowest).build());
        Result r = run(siit, original);
        if (40 + l4.length <= lowest) {
            assertThat(r.stat()).isEqualTo(XlatStat.TRANSLATED_46);
            return;
        }
        assertThat(r.stat()).isEqualTo(XlatStat.FRAGMENTED_46);
        List<byte[]> fragments = r.on(Side.V6);
        assertThat(fragments).hasSizeGreaterThan(1).hasSize(r.emitted().size());
        int expectedOffset = 0;
        for (int i = 0; i < fragments.size(); i++) {
            byte[] f = fragments.get(i);
            Fragment6 fr = fragment6(f);
            assertThat(headerProblems(f)).isEmpty();
            assertThat(f.length).as("fragment %d size", i).isLessThanOrEqualTo(lowest);
            assertThat(fr.offset()).as("fragment %d offset", i).isEqualTo(expectedOffset);
            assertThat(fr.offset() % 8).isZero();
            assertThat(fr.identification()).as("identification: IPv4 ID in the low 16 bits").isEqualTo(id);
            assertThat(fr.nextHeader()).isEqualTo(protocol);
            assertThat(fr.more()).as("M flag of fragment %d", i).isEqualTo(i < fragments.size() - 1);
            if (fr.more()) {
                assertThat(fr.data().length % 8).isZero();
            }
            expectedOffset += fr.data().length;
        }
        byte[] whole = reassemble6(fragments);
        assertThat(l4ChecksumValid(whole)).isTrue();
        assertSameTransport(original, 20, whole, 40, protocol);
    }
}
