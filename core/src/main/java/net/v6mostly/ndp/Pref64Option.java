package net.v6mostly.ndp;

import java.nio.ByteBuffer;

import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;

/**
 * The PREF64 option (RFC 8781 §4), type 38, length 2: the NAT64 prefix hosts synthesize IPv4
 * destinations under, with its lifetime.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |    Length     |     Scaled Lifetime     | PLC |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              Highest 96 bits of the Prefix (12 octets)        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The Scaled Lifetime counts units of 8 s (13 bits, at most 8191 = 65528 s). A configured
 * lifetime that is not a multiple of 8 is rounded up, and a non-zero lifetime under 8 s encodes as
 * 1 (§4.1). PLC 0..5 encode /96, /64, /56, /48, /40, /32 (§4).
 *
 * @param prefix          the NAT64 prefix, an RFC 6052 length
 * @param lifetimeSeconds the lifetime as configured, 0..65528; 0 withdraws the prefix (§4.1)
 */
public record Pref64Option(Ipv6Prefix prefix, int lifetimeSeconds) implements NdpOption {
    /** The largest lifetime the 13-bit Scaled Lifetime can carry: 8191 × 8 s (RFC 8781 §4.1). */
    public static final int MAX_LIFETIME = 65_528;
    private static final int[] PLC_LENGTHS = {96, 64, 56, 48, 40, 32};

    public Pref64Option {
        plcOf(prefix.length());
        if (lifetimeSeconds < 0 || lifetimeSeconds > MAX_LIFETIME) {
            throw new IllegalArgumentException("PREF64 lifetime must be 0.." + MAX_LIFETIME
                    + " s (13-bit Scaled Lifetime in units of 8 s, RFC 8781 §4.1), not " + lifetimeSeconds);
        }
    }

    /** The option for an RFC 6052 prefix. */
    public Pref64Option(Rfc6052Prefix prefix, int lifetimeSeconds) {
        this(prefix.prefix(), lifetimeSeconds);
    }

    /**
     * The Prefix Length Code of RFC 8781 §4 for {@code length}.
     *
     * @throws IllegalArgumentException for a length RFC 6052 §2.2 does not allow
     */
    public static int plcOf(int length) {
        for (int plc = 0; plc < PLC_LENGTHS.length; plc++) {
            if (PLC_LENGTHS[plc] == length) {
                return plc;
            }
        }
        throw new IllegalArgumentException("PREF64 prefix length must be 32, 40, 48, 56, 64 or 96"
                + " (RFC 8781 §4, RFC 6052 §2.2), not /" + length);
    }

    /** The prefix length of {@code plc}, or -1 for the codes 6 and 7 a receiver must ignore (§4). */
    public static int lengthOf(int plc) {
        return plc >= 0 && plc < PLC_LENGTHS.length ? PLC_LENGTHS[plc] : -1;
    }

    /** RFC 8781 §4.1: seconds rounded up to a multiple of 8, divided by 8; non-zero under 8 s gives 1. */
    public static int scaledLifetime(int seconds) {
        return Math.min(8191, (seconds + 7) / 8);
    }

    /** The 13-bit Scaled Lifetime this option carries. */
    public int scaled() {
        return scaledLifetime(lifetimeSeconds);
    }

    /** The Prefix Length Code this option carries. */
    public int plc() {
        return plcOf(prefix.length());
    }

    /** The lifetime a receiver sees: the Scaled Lifetime times 8. */
    public int advertisedLifetime() {
        return scaled() * 8;
    }

    @Override
    public int type() {
        return 38;
    }

    @Override
    public int units() {
        return 2;
    }

    @Override
    public void emit(ByteBuffer out) {
        NdpOption.header(out, this);
        out.putShort((short) (scaled() << 3 | plc()));
        out.putLong(prefix.hi()).putInt((int) (prefix.lo() >>> 32));
    }

    /**
     * Reads an option body (after Type and Length), or returns null when RFC 8781 §4 says to
     * ignore it (Length not 2, PLC 6 or 7). Bits beyond the prefix length are cleared.
     */
    static Pref64Option parse(int units, ByteBuffer body) {
        if (units != 2) {
            return null;
        }
        int field = body.getShort() & 0xFFFF;
        int length = lengthOf(field & 7);
        long hi = body.getLong();
        long lo = (body.getInt() & 0xFFFF_FFFFL) << 32;
        if (length < 0) {
            return null;
        }
        return new Pref64Option(new Ipv6Prefix(hi & Ipv6Prefix.maskHi(length), lo & Ipv6Prefix.maskLo(length), length),
                field & 0xFFF8);
    }
}
