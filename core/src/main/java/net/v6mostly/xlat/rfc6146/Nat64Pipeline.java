package net.v6mostly.xlat.rfc6146;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import net.v6mostly.stats.Counters;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.IcmpAnswer;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.IpVersion;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.Siit;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.TranslationState;
import net.v6mostly.xlat.Translator;
import net.v6mostly.xlat.XlatStat;
import net.v6mostly.xlat.rfc7915.IcmpErrorSender;
import net.v6mostly.xlat.rfc7915.Xlat46;
import net.v6mostly.xlat.rfc7915.Xlat64;
import net.v6mostly.xlat.rfc7915.XlatContext;

/**
 * The stateful NAT64 packet pipeline (RFC 6146 §3): one instance per data-path thread over the
 * shared {@link Nat64State}, owning its scratch, its RFC 7915 translator and its counters.
 *
 * <pre>
 * IPv6 in → §3.4 TupleExtraction64 → §3.5 FilteringAndUpdating → §3.6 OutgoingTuple
 *         → §3.7 Translation64 (RFC 7915 §5) → IPv4 out, or, when the IPv4 destination is
 *           in pool4, §3.8 Hairpinning → the IPv4 path below, then IPv6 out
 * IPv4 in → §3.4 TupleExtraction46 → §3.5 → §3.6 → §3.7 Translation46 (RFC 7915 §4) → IPv6 out
 * </pre>
 *
 * Every packet leaves through exactly one {@link Nat64Exit}; refusals answered with ICMP are those
 * the {@link Nat64Stat} of the engine names. Also the {@link ExpiryListener} of the sweep: a held
 * unsolicited SYN that timed out is answered with Port Unreachable from here.
 */
public final class Nat64Pipeline implements Translator, ExpiryListener {
    /** Bytes that must be writable before the packet's offset (4→6 grows the header in place). */
    public static final int HEADROOM = Siit.HEADROOM;

    private final Nat64State state;
    private final HeldSynPackets heldPackets;
    private final boolean icmpErrorsFromSender;
    private final Nat64Worker w = new Nat64Worker();
    private final Counters<Nat64Exit> exits = new Counters<>(Nat64Exit.class);
    private final Counters<XlatStat> xlatCounters = new Counters<>(XlatStat.class);
    private final Tuple tuple = new Tuple();
    /** The packet in hand: clock, sink, offload, parsed views, outgoing port (parsed once). */
    private final TranslationState packet = new TranslationState();
    private final TupleExtraction46 extract46;
    private final FilteringAndUpdating filtering;
    private final Hairpinning hairpin;
    /** Where a held fragment is copied back to be translated once its first fragment was. */
    private final MemorySegment replay = Arena.ofAuto().allocate(XlatContext.SCRATCH, 8);
    private volatile SiitSettings pending;
    private XlatContext ctx;
    private SessionMapper mapper;
    private IcmpErrorSender errors;
    private Xlat64 xlat64;
    private Xlat46 xlat46;
    private TupleExtraction64 extract64;
    private Translation64 translate64;
    private Translation46 translate46;

    /**
     * @param state the shared tables
     * @param heldPackets the shared store of held SYN packets
     * @param xlat RFC 7915 settings: pool6 is the NAT64 prefix, no EAM; own addresses source the
     *             ICMP errors the NAT64 generates
     * @param icmpErrorsFromSender translated ICMPv4 errors keep the router that sent them as source
     */
    public Nat64Pipeline(Nat64State state, HeldSynPackets heldPackets, SiitSettings xlat,
            boolean icmpErrorsFromSender) {
        if (xlat.pool6() == null) {
            throw new IllegalArgumentException("the NAT64 needs pool6 (its prefix)");
        }
        this.state = state;
        this.heldPackets = heldPackets;
        this.icmpErrorsFromSender = icmpErrorsFromSender;
        this.extract46 = new TupleExtraction46(packet, state.pool);
        this.filtering = new FilteringAndUpdating(state);
        this.hairpin = new Hairpinning(state.pool);
        install(xlat);
    }

    private void install(SiitSettings settings) {
        mapper = new SessionMapper(settings);
        ctx = new XlatContext(settings, mapper, xlatCounters, packet);
        errors = new IcmpErrorSender(ctx);
        xlat64 = new Xlat64(ctx, errors);
        xlat46 = new Xlat46(ctx, errors);
        extract64 = new TupleExtraction64(packet, settings.pool6(), settings.wkpNonGlobal(), settings.deny4(),
                settings.allow6Sources());
        extract46.deny4 = settings.deny4();
        extract46.wkpRefusesNonGlobal = settings.pool6().isWellKnown() && !settings.wkpNonGlobal();
        translate64 = new Translation64(xlat64);
        translate46 = new Translation46(xlat46, icmpErrorsFromSender);
    }

    /** The RFC 7915 settings in force (MTUs for the data path's offload fix-ups). */
    @Override
    public SiitSettings settings() {
        return ctx.settings;
    }

    /** The shared tables. */
    public Nat64State state() {
        return state;
    }

    /** Swaps in new RFC 7915 settings (prefix, MTUs, own addresses) before this thread's next packet. */
    public void reload(SiitSettings next) {
        pending = next;
    }

    /** How packets left this pipeline. */
    public Counters<Nat64Exit> exits() {
        return exits;
    }

    /** The state engine's counters of this thread. */
    public Counters<Nat64Stat> stateCounters() {
        return w.counters();
    }

    /**
     * Why the RFC 7915 step refused this thread's packets (the reason of each
     * {@link Nat64Exit#XLAT_REFUSED_64}, {@code XLAT_REFUSED_46}, {@code HAIRPIN_REFUSED}), and the
     * ICMP errors and fragments it generated. A packet is counted in {@link #exits()} only: its
     * translation is not counted here a second time.
     */
    public Counters<XlatStat> xlatCounters() {
        return xlatCounters;
    }

    /**
     * Translates one packet (see {@link Translator#translate}) and counts it once, under its
     * {@link Nat64Exit}; {@code now} (wall-clock milliseconds, read once per batch) also stamps
     * session lifetimes and the mapping log.
     */
    @Override
    public Nat64Exit translate(MemorySegment buf, long off, int len, long now, PacketSink out, int offload) {
        SiitSettings next = pending;
        if (next != null) {
            pending = null;
            install(next);
        }
        packet.begin(out, offload);
        packet.now = now;
        if (len < 1) {
            return exit(Nat64Exit.NOT_VERSION);
        }
        return switch (IpVersion.of(buf, off)) {
            case 6 -> in64(buf, off, len, now);
            case 4 -> in46(buf, off, len, now);
            default -> exit(Nat64Exit.NOT_VERSION);
        };
    }

    private Nat64Exit in64(MemorySegment s, long off, int len, long now) {
        Tuple t = tuple;
        packet.forget();
        if (xlat64.parse(s, off, len) != null) { // the header and chain, parsed once for every step
            return exit(Nat64Exit.MALFORMED_64);
        }
        Nat64Exit refused = extract64.extract(s, off, t);
        if (refused == Nat64Exit.FRAGMENT_NOT_FIRST_64) {
            return laterFragment64(s, off, len, now);
        }
        if (refused != null) {
            answer64(refused, s, off, len);
            return exit(refused);
        }
        boolean hairpinned = hairpin.applies(extract64.destination4);
        if (hairpinned) {
            hairpin.saveOriginal(s, off, len, extract64.l4);
        }
        Nat64Stat r = filtering.update64(w, t, now);
        if (!r.passes()) {
            errors.send6(s, off, len, r.answer(), 0, extract64.protocol, extract64.l4);
            return exit(Nat64Exit.STATE_REFUSED_64);
        }
        if (r == Nat64Stat.SIMULTANEOUS_OPEN_64) {
            heldPackets.remove(w.addr4, w.port4, t.remote4, t.remotePort);
        }
        OutgoingTuple.compute64(w, t, mapper, packet);
        XlatStat x = translate64.translate(s, off, t);
        if (x != XlatStat.TRANSLATED_64) {
            return refused(Nat64Exit.XLAT_REFUSED_64, x);
        }
        if (hairpinned) {
            return hairpin66(now);
        }
        boolean first = extract64.fragmentId != TupleExtraction64.NOT_FRAGMENT && !t.icmpError;
        if (first) {
            state.fragments.remember64(t.hi, t.lo, t.remote4, (int) extract64.fragmentId, extract64.protocol,
                    w.addr4, now);
        }
        packet.sink.emit(Side.V4, packet.outSegment, packet.outOffset, packet.outLength);
        Nat64Exit e = exit(Nat64Exit.TRANSLATED_64);
        if (first) {
            release64(t.hi, t.lo, t.remote4, (int) extract64.fragmentId, extract64.protocol, now);
        }
        return e;
    }

    /**
     * The ICMPv6 answer a policy refusal of {@link TupleExtraction64} carries
     * ({@link Nat64Exit#answer()}): RFC 7915 §5.4's default 1/1 for destinations, 1/5 "source
     * address failed ingress/egress policy" (RFC 4443 §3.1) for sources; never about an ICMPv6
     * message (§5.4), which also keeps a refused source's echo requests unanswered, except for
     * the Well-Known Prefix refusal (RFC 6052 §3.1), answered as RFC 7915 answers it. The sender
     * adds rate limiting and never answers an ICMPv6 error.
     */
    private void answer64(Nat64Exit refused, MemorySegment s, long off, int len) {
        if (refused == Nat64Exit.WKP_NON_GLOBAL_64 || extract64.protocol != IpProtocol.ICMPV6) {
            errors.send6(s, off, len, refused.answer(), 0, extract64.protocol, extract64.l4);
        }
    }

    /** §3.4: the fragments of this datagram that came before its first one follow it now. */
    private void release64(long hi, long lo, int dst4, int id, int protocol, long now) {
        for (int n; (n = state.heldFragments.take64(hi, lo, dst4, id, protocol, replay, XlatContext.SCRATCH_OFFSET,
                now)) != 0; ) {
            if (n > 0) {
                packet.offload = Offload.NONE;
                in64(replay, XlatContext.SCRATCH_OFFSET, n, now);
            } else {
                exits.increment(Nat64Exit.FRAGMENT_HOLD_EXPIRED);
            }
        }
    }

    /** As {@link #release64}, 4→6. */
    private void release46(int src4, int dst4, int id, int protocol, long now) {
        for (int n; (n = state.heldFragments.take46(src4, dst4, id, protocol, replay, XlatContext.SCRATCH_OFFSET,
                now)) != 0; ) {
            if (n > 0) {
                packet.offload = Offload.NONE;
                in46(replay, XlatContext.SCRATCH_OFFSET, n, now);
            } else {
                exits.increment(Nat64Exit.FRAGMENT_HOLD_EXPIRED);
            }
        }
    }

    /** A later IPv6 fragment: translated with the pool4 address its first fragment got, if known. */
    private Nat64Exit laterFragment64(MemorySegment s, long off, int len, long now) {
        int addr4 = hairpin.applies(extract64.destination4) ? 0
                : state.fragments.recall64(tuple.hi, tuple.lo, extract64.destination4, (int) extract64.fragmentId,
                        extract64.protocol, now);
        if (addr4 == 0) {
            // §3.4: as long as there is room, a fragment that overtook its first one waits for it
            return exit(!hairpin.applies(extract64.destination4) && state.heldFragments.hold64(tuple.hi, tuple.lo,
                    extract64.destination4, (int) extract64.fragmentId, extract64.protocol, s, off, len, now)
                            ? Nat64Exit.FRAGMENT_HELD_64 : Nat64Exit.FRAGMENT_NOT_FIRST_64);
        }
        mapper.session(tuple.hi, tuple.lo, addr4); // no transport header: addresses only
        XlatStat x = xlat64.translateParsed(s, off);
        if (x != XlatStat.TRANSLATED_64) {
            return refused(Nat64Exit.XLAT_REFUSED_64, x);
        }
        packet.sink.emit(Side.V4, packet.outSegment, packet.outOffset, packet.outLength);
        return exit(Nat64Exit.FRAGMENT_FOLLOWED_64);
    }

    /** A later IPv4 fragment: translated to the IPv6 host its first fragment went to, if known. */
    private Nat64Exit laterFragment46(MemorySegment s, long off, int len, long now) {
        Tuple t = tuple;
        if (!state.fragments.recall46(t.remote4, t.addr4, extract46.identification, extract46.protocol, now, w)) {
            return exit(state.heldFragments.hold46(t.remote4, t.addr4, extract46.identification, extract46.protocol,
                    s, off, Math.min(len, extract46.total), now) ? Nat64Exit.FRAGMENT_HELD_46
                            : Nat64Exit.FRAGMENT_NOT_FIRST_46);
        }
        mapper.session(w.hi, w.lo, t.addr4); // no transport header: addresses only
        XlatStat x = translate46.translateFragment(s, off);
        return translated46(x) ? exit(Nat64Exit.FRAGMENT_FOLLOWED_46) : refused(Nat64Exit.XLAT_REFUSED_46, x);
    }

    /** §3.8: the translated IPv4 packet goes to a pool4 address, so it is processed as incoming IPv4. */
    private Nat64Exit hairpin66(long now) {
        MemorySegment seg = packet.outSegment;
        long o = packet.outOffset;
        int l = packet.outLength;
        if (seg == ctx.errorScratch) { // an ICMP error built in scratch: move it, 4→6 builds there too
            Bytes.copy(seg, o, ctx.hairpinScratch, XlatContext.SCRATCH_OFFSET, l);
            seg = ctx.hairpinScratch;
            o = XlatContext.SCRATCH_OFFSET;
        }
        Tuple t = tuple;
        if (xlat46.parse(seg, o, l) != null || extract46.extract(seg, o, t) != null) {
            return exit(Nat64Exit.HAIRPIN_REFUSED);
        }
        Nat64Stat r = filtering.update46(w, t, now);
        if (!r.passes()) {
            MemorySegment original = hairpin.original;
            if (r == Nat64Stat.TCP_SYN_HELD_46) {
                heldPackets.put(t.addr4, t.port4, t.remote4, t.remotePort, original, XlatContext.SCRATCH_OFFSET,
                        hairpin.originalLength, true);
                exits.increment(Nat64Exit.SYN_HELD);
            } else {
                errors.send6(original, XlatContext.SCRATCH_OFFSET, hairpin.originalLength,
                        Hairpinning.answer6(r.answer()), 0, extract64.protocol, hairpin.originalL4);
            }
            return exit(Nat64Exit.HAIRPIN_REFUSED);
        }
        OutgoingTuple.compute46(w, t, mapper, packet);
        XlatStat x = translate46.translate(seg, o, t, true);
        return translated46(x) ? exit(Nat64Exit.HAIRPINNED_66) : refused(Nat64Exit.HAIRPIN_REFUSED, x);
    }

    private Nat64Exit in46(MemorySegment s, long off, int len, long now) {
        Tuple t = tuple;
        packet.forget();
        if (xlat46.parse(s, off, len) != null) { // the header, verified once for every step
            return exit(Nat64Exit.MALFORMED_46);
        }
        Nat64Exit refused = extract46.extract(s, off, t);
        if (refused == Nat64Exit.FRAGMENT_NOT_FIRST_46) {
            return laterFragment46(s, off, len, now);
        }
        if (refused != null) {
            // only WKP_NON_GLOBAL_46 answers: 3/13, as RFC 7915 §4.4 answers Xlat46's refusal
            errors.send4(s, off, extract46.total, refused.answer(), 0);
            return exit(refused);
        }
        Nat64Stat r = filtering.update46(w, t, now);
        if (!r.passes()) {
            if (r == Nat64Stat.TCP_SYN_HELD_46) {
                heldPackets.put(t.addr4, t.port4, t.remote4, t.remotePort, s, off, extract46.total, false);
                exits.increment(Nat64Exit.SYN_HELD);
            } else {
                errors.send4(s, off, extract46.total, r.answer(), 0);
            }
            return exit(Nat64Exit.STATE_REFUSED_46);
        }
        OutgoingTuple.compute46(w, t, mapper, packet);
        boolean first = extract46.fragment && !t.icmpError;
        int src4 = t.remote4;
        int dst4 = t.addr4;
        int id = extract46.identification;
        int protocol = extract46.protocol;
        if (first) {
            state.fragments.remember46(src4, dst4, id, protocol, w.hi, w.lo, now);
        }
        XlatStat x = translate46.translate(s, off, t, false);
        Nat64Exit e = translated46(x) ? exit(Nat64Exit.TRANSLATED_46) : refused(Nat64Exit.XLAT_REFUSED_46, x);
        if (first && e == Nat64Exit.TRANSLATED_46) {
            release46(src4, dst4, id, protocol, now);
        }
        return e;
    }

    // ------------------------------------------------------------------------------------ expiry

    /**
     * One step of the expiry sweep, run by the sweeping thread on its own pipeline: the engine
     * expires what is due and this pipeline answers timed-out held SYNs through {@code out}.
     *
     * @return true when the sweep completed a full cycle
     */
    public boolean sweep(SessionSweeper sweeper, long now, int budget, PacketSink out) {
        packet.begin(out, Offload.NONE);
        packet.now = now;
        for (long n = state.heldFragments.expire(now); n > 0; n--) {
            exits.increment(Nat64Exit.FRAGMENT_HOLD_EXPIRED);
        }
        return sweeper.sweep(now, budget, w, this);
    }

    /** §3.5.2.2: a stored SYN whose TCP_INCOMING_SYN passed is answered with Port Unreachable. */
    @Override
    public void incomingSynExpired(int addr4, int port4, int remote4, int remotePort) {
        HeldSynPackets.Packet p = heldPackets.remove(addr4, port4, remote4, remotePort);
        if (p == null) {
            return;
        }
        MemorySegment seg = hairpin.original;
        long o = XlatContext.SCRATCH_OFFSET;
        MemorySegment.copy(MemorySegment.ofArray(p.bytes()), 0, seg, o, p.bytes().length);
        IcmpAnswer answer = Nat64Stat.TCP_INCOMING_SYN_EXPIRED.answer(); // Port Unreachable
        if (p.v6()) { // a hairpinned SYN, kept as the IPv6 packet: as RFC 7915 §4.2 maps 3/3
            errors.send6(seg, o, p.bytes().length, Hairpinning.answer6(answer), 0, IpProtocol.TCP,
                    o + Ipv6Header.LENGTH);
        } else {
            errors.send4(seg, o, p.bytes().length, answer, 0);
        }
        exits.increment(Nat64Exit.SYN_HOLD_EXPIRED);
    }

    private Nat64Exit exit(Nat64Exit e) {
        exits.increment(e);
        return e;
    }

    /** A refusal of the RFC 7915 step: one exit, with the step's stat kept as its reason. */
    private Nat64Exit refused(Nat64Exit e, XlatStat reason) {
        xlatCounters.increment(reason);
        return exit(e);
    }

    private static boolean translated46(XlatStat x) {
        return x == XlatStat.TRANSLATED_46 || x == XlatStat.FRAGMENTED_46;
    }
}
