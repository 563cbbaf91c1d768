package net.v6mostly.xlat.rfc6146;

/**
 * The TCP session state machine of RFC 6146 §3.5.2.2, as a pure function from (state, direction,
 * flags) to (next state, which lifetime to set). No tables, no time: {@link Nat64State} applies the
 * result with the configured {@link Timeouts} and the caller's {@code now}.
 *
 * <p>The result is packed in an {@code int}: the next state's ordinal in the low byte and one of
 * the {@code TIMER_*} constants in the second byte, so the packet path allocates nothing.
 */
public final class TcpStateMachine {
    /** TCP SYN flag bit, as in the TCP header's flags byte. */
    public static final int SYN = 0x02;
    /** TCP FIN flag bit. */
    public static final int FIN = 0x01;
    /** TCP RST flag bit. */
    public static final int RST = 0x04;

    /** Leave the session's lifetime as it is. */
    public static final int TIMER_KEEP = 0;
    /** Set the lifetime to TCP_EST. */
    public static final int TIMER_EST = 1;
    /** Set the lifetime to TCP_TRANS. */
    public static final int TIMER_TRANS = 2;

    private TcpStateMachine() {
    }

    /** Next state of a packed result. */
    public static TcpState state(int packed) {
        return TcpState.of(packed & 0xFF);
    }

    /** Timer of a packed result. */
    public static int timer(int packed) {
        return packed >>> 8;
    }

    static int pack(TcpState state, int timer) {
        return state.ordinal() | timer << 8;
    }

    /**
     * The transition for a segment in an existing session (§3.5.2.2).
     *
     * @param state the session's state (not CLOSED)
     * @param fromV6 whether the segment came from the IPv6 side
     * @param flags the TCP flags byte (only {@link #SYN}, {@link #FIN}, {@link #RST} matter)
     */
    public static int onSegment(TcpState state, boolean fromV6, int flags) {
        boolean syn = (flags & SYN) != 0;
        boolean fin = (flags & FIN) != 0;
        boolean rst = (flags & RST) != 0;
        return switch (state) {
            // "V4 INIT: an IPv6 SYN moves the session to ESTABLISHED with lifetime TCP_EST"
            case V4_INIT -> fromV6 && syn ? pack(TcpState.ESTABLISHED, TIMER_EST) : pack(state, TIMER_KEEP);
            // "V6 INIT: an IPv4 SYN moves it to ESTABLISHED; an IPv6 SYN refreshes TCP_TRANS"
            case V6_INIT -> !syn ? pack(state, TIMER_KEEP)
                    : fromV6 ? pack(state, TIMER_TRANS) : pack(TcpState.ESTABLISHED, TIMER_EST);
            // "ESTABLISHED: FIN moves to V4/V6 FIN RCV, RST to TRANS, anything else refreshes TCP_EST"
            case ESTABLISHED -> fin ? pack(fromV6 ? TcpState.V6_FIN_RCV : TcpState.V4_FIN_RCV, TIMER_EST)
                    : rst ? pack(TcpState.TRANS, TIMER_TRANS) : pack(state, TIMER_EST);
            // "V4 FIN RCV: an IPv6 FIN moves to V4 FIN + V6 FIN RCV with TCP_TRANS; else TCP_EST"
            case V4_FIN_RCV -> fromV6 && fin ? pack(TcpState.V4_FIN_V6_FIN_RCV, TIMER_TRANS) : pack(state, TIMER_EST);
            case V6_FIN_RCV -> !fromV6 && fin ? pack(TcpState.V4_FIN_V6_FIN_RCV, TIMER_TRANS) : pack(state, TIMER_EST);
            // "V4 FIN + V6 FIN RCV: packets are translated, the lifetime is not touched"
            case V4_FIN_V6_FIN_RCV -> pack(state, TIMER_KEEP);
            // "TRANS: a non-RST packet moves back to ESTABLISHED with TCP_EST"
            case TRANS -> rst ? pack(state, TIMER_KEEP) : pack(TcpState.ESTABLISHED, TIMER_EST);
            case CLOSED -> throw new IllegalArgumentException("CLOSED has no session; use Nat64State");
        };
    }

    /** What the expiry sweep does with a TCP session whose lifetime ran out. */
    public enum Expiry {
        /** Remove the session. */
        DELETE,
        /** ESTABLISHED idled out: move to TRANS with TCP_TRANS; the pipeline MAY send a probe (§3.5.2.2). */
        TO_TRANS
    }

    /** The expiry rule of §3.5.2.2: only ESTABLISHED gets a second chance in TRANS. */
    public static Expiry onExpiry(TcpState state) {
        return state == TcpState.ESTABLISHED ? Expiry.TO_TRANS : Expiry.DELETE;
    }
}
