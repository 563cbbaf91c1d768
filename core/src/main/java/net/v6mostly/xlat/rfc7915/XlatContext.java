package net.v6mostly.xlat.rfc7915;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import net.v6mostly.stats.Counters;
import net.v6mostly.xlat.AddressMapper;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.TranslationState;
import net.v6mostly.xlat.XlatStat;

/**
 * What one translating thread owns for the RFC 7915 step (DESIGN.md §3.6): settings, mapper,
 * counters, the per-packet {@link TranslationState} (clock, sink, offload, parsed views, outgoing
 * port), the IPv4 Identification generator, ICMP rate limiters and scratch buffers for packets
 * that cannot be rewritten in place. Made again when the settings are reloaded; the state is kept.
 */
public final class XlatContext {
    /** Size of each scratch buffer: the largest IP packet plus headroom. */
    public static final int SCRATCH = 65536 + 128;
    /** Offset at which packets are built in a scratch buffer, leaving headroom before it. */
    public static final int SCRATCH_OFFSET = 64;

    public final SiitSettings settings;
    public final AddressMapper mapper;
    public final Counters<XlatStat> counters;
    public final RateLimiter limit4;
    public final RateLimiter limit6;
    /** Built here: ICMP error translations. */
    public final MemorySegment errorScratch;
    /** Built here: errors the translator generates, and fragments. */
    public final MemorySegment generatedScratch;
    /** Built here: the 4→6 half of a hairpinned ICMP error. */
    public final MemorySegment hairpinScratch;

    /** The packet in hand: clock, sink, offload, parsed views, outgoing port. */
    public final TranslationState state;
    private int identification;
    private long random;

    /** Creates the stateless translator's context for one thread: addresses by EAM and pool6. */
    public XlatContext(SiitSettings settings, Counters<XlatStat> counters, TranslationState state) {
        this(settings, new AddressMapper(settings), counters, state);
    }

    /** Creates the context for one thread with its own address mapping (the NAT64's session). */
    public XlatContext(SiitSettings settings, AddressMapper mapper, Counters<XlatStat> counters,
            TranslationState state) {
        this.settings = settings;
        this.mapper = mapper;
        this.counters = counters;
        this.state = state;
        this.limit4 = new RateLimiter(settings.icmpErrorsPerSecond(), settings.icmpErrorBurst());
        this.limit6 = new RateLimiter(settings.icmpErrorsPerSecond(), settings.icmpErrorBurst());
        Arena arena = Arena.ofAuto();
        this.errorScratch = arena.allocate(SCRATCH, 8);
        this.generatedScratch = arena.allocate(SCRATCH, 8);
        this.hairpinScratch = arena.allocate(SCRATCH, 8);
        this.random = System.nanoTime() | 1;
        this.identification = (int) (System.nanoTime() >>> 7);
    }

    /**
     * An IPv4 Identification for a packet that did not carry one (RFC 7915 §5.1; RFC 6864 §4.1
     * only needs uniqueness within the maximum datagram lifetime for fragmentable packets).
     */
    public int nextIdentification() {
        identification = identification + 1 & 0xFFFF;
        return identification;
    }

    /** A pseudo-random int (xorshift64), e.g. to pick an RFC 6791 pool address (RFC 6791 §3). */
    public int nextRandom() {
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return (int) (x >>> 16);
    }

    /**
     * Names the exit of the RFC 7915 step and returns it, without counting it: the pipeline that
     * ran the step counts each packet once, at its top ({@code Siit} under this stat, the NAT64
     * under its own exit with this stat as the reason of a refusal). What is generated on top of
     * a packet (ICMP errors, fragments) is counted where it is generated.
     */
    public XlatStat exit(XlatStat stat) {
        return stat;
    }
}
