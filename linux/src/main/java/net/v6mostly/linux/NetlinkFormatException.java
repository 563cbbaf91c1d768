package net.v6mostly.linux;

/**
 * A netlink reply that does not follow netlink(7): a header cut short, a length running past the
 * datagram, an attribute with an impossible {@code rta_len}. {@link Rtnetlink} reports it as a
 * {@link NetlinkException} with errno {@code EBADMSG} naming the request that drew the reply.
 */
public final class NetlinkFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where, in bytes from the start of the datagram */
    public NetlinkFormatException(String message) {
        super(message);
    }
}
