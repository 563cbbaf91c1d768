package net.v6mostly.linux;

import java.lang.foreign.MemorySegment;

/**
 * Reads one received netlink datagram (netlink(7)): walks its messages with {@code NLMSG_OK} /
 * {@code NLMSG_NEXT} semantics, ignores replies to other sequence numbers, hands data messages to
 * a handler, and decodes the end of a request: {@code NLMSG_ERROR} ({@code struct nlmsgerr}, error
 * 0 being the ack, with the NETLINK_EXT_ACK message when present) or {@code NLMSG_DONE} after a
 * dump. Pure code: every length is checked against the datagram before it is used, and every step
 * advances by at least one header, so a malformed datagram ends in a {@link NetlinkFormatException}.
 */
final class NetlinkReplies {
    /** {@code struct nlmsgerr}: {@code int error}, then the request's {@code nlmsghdr}. */
    static final int ERR_ERROR = 0;
    static final int ERR_MSG = 4;
    static final int NLMSGERR_LENGTH = 4 + NetlinkHeader.LENGTH;
    /** {@code NLMSGERR_ATTR_MSG}: the extended-ack text. */
    static final int NLMSGERR_ATTR_MSG = 1;

    private NetlinkReplies() {
    }

    /**
     * Where a datagram left the request.
     *
     * @param finished      an NLMSG_ERROR or NLMSG_DONE for the request arrived
     * @param errno         0 for success, else the positive errno the kernel returned
     * @param kernelMessage the extended-ack text, or null
     * @param interrupted   a dump message carried NLM_F_DUMP_INTR: the tables changed meanwhile
     */
    record Outcome(boolean finished, int errno, String kernelMessage, boolean interrupted) {
    }

    /** Receives each data message (not a control message) answering the request. */
    @FunctionalInterface
    interface Handler {
        /** {@code message} spans exactly {@code nlmsg_len} bytes, header included. */
        void message(int type, MemorySegment message) throws NetlinkFormatException;
    }

    /**
     * Reads {@code datagram} for replies with sequence number {@code seq}.
     *
     * @param interrupted whether an earlier datagram of the same dump was already interrupted
     * @throws NetlinkFormatException when a header or length does not fit the datagram
     */
    static Outcome scan(MemorySegment datagram, int seq, boolean interrupted, Handler handler)
            throws NetlinkFormatException {
        long size = datagram.byteSize();
        long at = 0;
        boolean intr = interrupted;
        while (at < size) {
            if (size - at < NetlinkHeader.LENGTH) {
                throw new NetlinkFormatException("truncated nlmsghdr: " + (size - at) + " bytes at offset " + at
                        + ", 16 needed");
            }
            long length = NetlinkHeader.length(datagram, at);
            if (length < NetlinkHeader.LENGTH) {
                throw new NetlinkFormatException("nlmsg_len " + length + " at offset " + at
                        + " is less than the 16-byte header");
            }
            if (length > size - at) {
                throw new NetlinkFormatException("nlmsg_len " + length + " at offset " + at
                        + " runs past the end of the " + size + "-byte datagram");
            }
            MemorySegment message = datagram.asSlice(at, length);
            at += NetlinkHeader.align((int) length);
            if (NetlinkHeader.seq(message, 0) != seq) {
                continue; // a late answer to an earlier request that timed out
            }
            int flags = NetlinkHeader.flags(message, 0);
            intr |= (flags & NetlinkHeader.NLM_F_DUMP_INTR) != 0;
            int type = NetlinkHeader.type(message, 0);
            switch (type) {
                case NetlinkHeader.NLMSG_NOOP -> { }
                case NetlinkHeader.NLMSG_ERROR -> {
                    return error(message, intr);
                }
                case NetlinkHeader.NLMSG_DONE -> {
                    return done(message, intr);
                }
                case NetlinkHeader.NLMSG_OVERRUN ->
                    throw new NetlinkFormatException("NLMSG_OVERRUN: the kernel dropped part of the reply");
                default -> handler.message(type, message);
            }
        }
        return new Outcome(false, 0, null, intr);
    }

    /** Decodes {@code struct nlmsgerr} and, when NLM_F_ACK_TLVS is set, its extended-ack TLVs. */
    static Outcome error(MemorySegment message, boolean interrupted) throws NetlinkFormatException {
        long length = message.byteSize();
        if (length < NetlinkHeader.LENGTH + 4) {
            throw new NetlinkFormatException("NLMSG_ERROR of " + length + " bytes has no error code");
        }
        int error = message.get(NetlinkHeader.INT, NetlinkHeader.LENGTH + ERR_ERROR);
        int flags = NetlinkHeader.flags(message, 0);
        String text = null;
        if ((flags & NetlinkHeader.NLM_F_ACK_TLVS) != 0) {
            long request = NetlinkHeader.LENGTH + ERR_MSG;
            if (length < request + NetlinkHeader.LENGTH) {
                throw new NetlinkFormatException("NLMSG_ERROR with extended ack is " + length
                        + " bytes, too short for the echoed request header");
            }
            long echoed = (flags & NetlinkHeader.NLM_F_CAPPED) != 0 ? NetlinkHeader.LENGTH
                    : NetlinkHeader.align((int) Math.min(NetlinkHeader.length(message, request), Integer.MAX_VALUE - 3));
            if (echoed < NetlinkHeader.LENGTH || request + echoed > length) {
                throw new NetlinkFormatException("NLMSG_ERROR echoes a request of " + echoed
                        + " bytes, more than the " + (length - request) + " it holds");
            }
            String[] found = new String[1];
            NetlinkAttributes.walk(message, request + echoed, length, "NLMSG_ERROR extended ack", (type, value) -> {
                if (type == NLMSGERR_ATTR_MSG) {
                    found[0] = NetlinkAttributes.string(value);
                }
            });
            text = found[0];
        }
        return new Outcome(true, error == Integer.MIN_VALUE ? Integer.MAX_VALUE : Math.abs(error), text, interrupted);
    }

    /** NLMSG_DONE ends a dump; its optional {@code int} payload is a negative errno when the dump failed. */
    static Outcome done(MemorySegment message, boolean interrupted) {
        int error = message.byteSize() >= NetlinkHeader.LENGTH + 4 ? message.get(NetlinkHeader.INT, NetlinkHeader.LENGTH) : 0;
        return new Outcome(true, error < 0 && error != Integer.MIN_VALUE ? -error : 0, null, interrupted);
    }
}
