package net.v6mostly.ndp;

import java.util.List;

/**
 * A Router Solicitation (RFC 4861 §4.1): Type 133, Code 0, Checksum, 4 reserved octets, options
 * (a Source Link-Layer Address when the source is not the unspecified address).
 *
 * @param options the solicitation's options
 */
public record RouterSolicitation(List<NdpOption> options) {
    /** ICMPv6 type of a Router Solicitation. */
    public static final int TYPE = 133;
    /** Octets before the options. */
    public static final int HEADER = 8;

    public RouterSolicitation {
        options = List.copyOf(options);
    }

    /**
     * The validity checks of RFC 4861 §6.1.1 that are the receiver's (the kernel has verified the
     * checksum of a raw ICMPv6 socket's input): returns {@link NdpStat#RS_RECEIVED} for a valid
     * solicitation, otherwise the drop that names the failed check.
     *
     * @param msg                the ICMPv6 message, type octet first
     * @param length             octets of {@code msg} that were received
     * @param hopLimit           the IPv6 Hop Limit it arrived with
     * @param sourceUnspecified  whether the IPv6 source was {@code ::}
     */
    public static NdpStat check(byte[] msg, int length, int hopLimit, boolean sourceUnspecified) {
        if (length < 1 || (msg[0] & 0xFF) != TYPE) {
            return NdpStat.RS_NOT_RS;
        }
        if (hopLimit != 255) {
            return NdpStat.RS_BAD_HOP_LIMIT;
        }
        if (length < HEADER) {
            return NdpStat.RS_TOO_SHORT;
        }
        if (msg[1] != 0) {
            return NdpStat.RS_BAD_CODE;
        }
        if (!NdpOptions.wellFormed(msg, HEADER, length)) {
            return NdpStat.RS_BAD_OPTION_LENGTH;
        }
        if (sourceUnspecified) {
            for (int i = HEADER; i < length; i += 8 * (msg[i + 1] & 0xFF)) {
                if (msg[i] == 1) {
                    return NdpStat.RS_SLLA_FROM_UNSPECIFIED;
                }
            }
        }
        return NdpStat.RS_RECEIVED;
    }

    /**
     * Parses a solicitation that {@link #check} accepted.
     *
     * @throws IllegalArgumentException when the options are malformed
     */
    public static RouterSolicitation parse(byte[] msg, int length) {
        if (length < HEADER || (msg[0] & 0xFF) != TYPE) {
            throw new IllegalArgumentException("not a Router Solicitation (RFC 4861 §4.1)");
        }
        return new RouterSolicitation(NdpOptions.parse(msg, HEADER, length));
    }

    /** The message as sent (zero checksum; the kernel or the caller fills it in). */
    public byte[] emit() {
        byte[] out = new byte[HEADER + NdpOptions.size(options)];
        out[0] = (byte) TYPE;
        NdpOptions.emit(options, java.nio.ByteBuffer.wrap(out, HEADER, out.length - HEADER));
        return out;
    }
}
