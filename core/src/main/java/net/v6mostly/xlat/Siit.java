package net.v6mostly.xlat;

import java.lang.foreign.MemorySegment;

import net.v6mostly.stats.Counters;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.IpVersion;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.xlat.rfc7915.IcmpErrorSender;
import net.v6mostly.xlat.rfc7915.Xlat46;
import net.v6mostly.xlat.rfc7915.Xlat64;
import net.v6mostly.xlat.rfc7915.XlatContext;

/**
 * The stateless IP/ICMP translator (SIIT, RFC 7915) with RFC 6052 and RFC 7757 address mapping:
 * one instance per data-path thread, owning its scratch buffers and counters. The whole pipeline:
 *
 * <pre>
 * version 4 → Xlat46 (RFC 7915 §4) → IPv6 out
 * version 6 → Xlat64 (RFC 7915 §5) → IPv4 out, or, when the IPv4 destination is an EAM address
 *             of another IPv6 node, → Xlat46 again → IPv6 out (hairpin, RFC 7757 §4.2)
 * </pre>
 */
public final class Siit implements Translator {
    /** Bytes that must be writable before the packet's offset, so 4→6 can grow the header in place. */
    public static final int HEADROOM = 48;

    private final Counters<XlatStat> counters = new Counters<>(XlatStat.class);
    private final TranslationState state = new TranslationState();
    private volatile SiitSettings pending;
    private SiitSettings settings;
    private XlatContext ctx;
    private Xlat46 xlat46;
    private Xlat64 xlat64;
    /** The IPv4 header Xlat64 produced, read by {@link #isHairpin}. */
    private final Ipv4Header translated = new Ipv4Header();

    /** Creates a translator. */
    public Siit(SiitSettings settings) {
        install(settings);
    }

    private void install(SiitSettings next) {
        settings = next;
        ctx = new XlatContext(next, counters, state);
        IcmpErrorSender errors = new IcmpErrorSender(ctx);
        xlat46 = new Xlat46(ctx, errors);
        xlat64 = new Xlat64(ctx, errors);
    }

    /** The settings in force. */
    @Override
    public SiitSettings settings() {
        return settings;
    }

    /**
     * Swaps in new settings (EAM table, prefixes, MTUs) from any thread; the translating thread
     * picks them up before its next packet, so no packet sees half of each.
     */
    public void reload(SiitSettings next) {
        this.pending = next;
    }

    /** The counters of this instance. */
    public Counters<XlatStat> counters() {
        return counters;
    }

    /**
     * Translates one packet (see {@link Translator#translate}) and counts it once, under the exit
     * it took. {@code offload} says whether its checksum is partial and whether it is a
     * super-packet the kernel will segment; the caller fixes the virtio-net header of what is
     * emitted (the L4 header does not move: its offset changes by exactly the difference between
     * input and output offsets).
     */
    @Override
    public XlatStat translate(MemorySegment buf, long off, int len, long now, PacketSink sink, int offload) {
        SiitSettings next = pending;
        if (next != null) {
            pending = null;
            install(next);
        }
        state.begin(sink, offload);
        state.now = now;
        XlatStat exit = len < 1 ? XlatStat.UNKNOWN_VERSION : switch (IpVersion.of(buf, off)) {
            case 4 -> xlat46.translate(buf, off, len, false);
            case 6 -> translate64(buf, off, len);
            default -> XlatStat.UNKNOWN_VERSION;
        };
        counters.increment(exit);
        return exit;
    }

    private XlatStat translate64(MemorySegment buf, long off, int len) {
        XlatStat result = xlat64.translate(buf, off, len);
        if (result != XlatStat.TRANSLATED_64) {
            return result;
        }
        if (isHairpin()) {
            MemorySegment seg = state.outSegment;
            long o = state.outOffset;
            int length = state.outLength;
            if (seg != buf) { // an ICMP error built in scratch: move it so 4→6 can build in its own
                MemorySegment copy = ctx.hairpinScratch;
                Bytes.copy(seg, o, copy, XlatContext.SCRATCH_OFFSET, length);
                seg = copy;
                o = XlatContext.SCRATCH_OFFSET;
            }
            // one packet, one exit: HAIRPINNED_66, or the drop of its 4→6 half
            XlatStat back = xlat46.translate(seg, o, length, true);
            return back == XlatStat.TRANSLATED_46 || back == XlatStat.FRAGMENTED_46 ? XlatStat.HAIRPINNED_66 : back;
        }
        state.sink.emit(Side.V4, state.outSegment, state.outOffset, state.outLength);
        return XlatStat.TRANSLATED_64;
    }

    /**
     * RFC 7757 §4.2: a packet from the IPv6 side whose IPv4 destination is an EAM address of an
     * IPv6 node must go back to the IPv6 side. Simple mode checks the translated destination;
     * intrinsic mode only hairpins destinations reached through pool6 (an IPv6 node addressing
     * another by its IPv4-converted address).
     */
    private boolean isHairpin() {
        int dst4 = translated.wrap(state.outSegment, state.outOffset, state.outLength).destination();
        return switch (settings.hairpin()) {
            case OFF -> false;
            case SIMPLE -> ctx.mapper.isEam4(dst4);
            case INTRINSIC -> xlat64.destinationMapping == AddressMapper.BY_POOL6 && ctx.mapper.isEam4(dst4);
        };
    }
}
