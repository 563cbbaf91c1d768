package net.v6mostly.xlat;

import java.lang.foreign.MemorySegment;

import net.v6mostly.stats.Counters;

/**
 * The stateless IP/ICMP translator (SIIT, RFC 7915) with RFC 6052 and RFC 7757 address mapping:
 * one instance per data-path thread, owning its scratch buffers and counters.
 */
public final class Siit {
    /** Bytes that must be writable before the packet's offset, so 4→6 can grow the header in place. */
    public static final int HEADROOM = 48;

    private volatile SiitSettings settings;
    private final Counters<XlatStat> counters = new Counters<>(XlatStat.class);

    /** Creates a translator. */
    public Siit(SiitSettings settings) {
        this.settings = settings;
    }

    /** The settings in force. */
    public SiitSettings settings() {
        return settings;
    }

    /** Swaps in new settings (EAM table, prefixes) between two packets, e.g. on SIGHUP. */
    public void reload(SiitSettings next) {
        this.settings = next;
    }

    /** The counters of this instance. */
    public Counters<XlatStat> counters() {
        return counters;
    }

    /**
     * Translates one packet. The bytes at {@code off..off+len} may be rewritten in place, and the
     * {@link #HEADROOM} bytes before {@code off} may be used to grow the header.
     *
     * @param buf      segment holding the packet
     * @param off      offset of the IP header; at least {@link #HEADROOM}
     * @param len      length of the packet as received
     * @param nowNanos monotonic time, read once per batch by the caller (rate limiting)
     * @param sink     receives every emitted packet before this method returns
     * @return the exit the packet took (also counted)
     */
    public XlatStat translate(MemorySegment buf, long off, int len, long nowNanos, PacketSink sink) {
        throw new UnsupportedOperationException("being written");
    }
}
