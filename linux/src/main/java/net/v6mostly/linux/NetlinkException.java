package net.v6mostly.linux;

import java.io.IOException;
import java.util.Optional;

/**
 * A netlink request or socket call that failed: which operation, on which interface, the errno the
 * kernel returned with its strerror(3) text and symbolic name, and the kernel's extended-ack
 * message when it sent one (netlink(7), NETLINK_EXT_ACK). The message reads, for example,
 * {@code RTM_NEWADDR 198.51.100.1/24 on nat64: File exists (EEXIST)}.
 */
public final class NetlinkException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String interfaceName;
    private final int errno;
    private final String kernelMessage;

    /**
     * @param operation     what was asked, e.g. {@code "RTM_NEWADDR 198.51.100.1/24"}
     * @param interfaceName the interface it concerned, or null
     * @param errno         the positive errno value
     * @param description   strerror(3) text, or what was wrong with a malformed reply
     * @param kernelMessage the kernel's extended-ack text, or null
     */
    public NetlinkException(String operation, String interfaceName, int errno, String description,
            String kernelMessage) {
        super(format(operation, interfaceName, errno, description, kernelMessage));
        this.operation = operation;
        this.interfaceName = interfaceName;
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    NetlinkException(String operation, String interfaceName, int errno, String description,
            String kernelMessage, Throwable cause) {
        this(operation, interfaceName, errno, description, kernelMessage);
        initCause(cause);
    }

    private static String format(String operation, String interfaceName, int errno, String description,
            String kernelMessage) {
        StringBuilder text = new StringBuilder(operation);
        if (interfaceName != null) {
            text.append(" on ").append(interfaceName);
        }
        text.append(": ").append(description).append(" (").append(NetlinkErrno.name(errno)).append(')');
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            text.append(": kernel says \"").append(kernelMessage).append('"');
        }
        return text.toString();
    }

    /** The request or call, e.g. {@code "RTM_NEWROUTE 203.0.113.0/24"} or {@code "socket"}. */
    public String operation() {
        return operation;
    }

    /** The interface the request concerned, when it concerned one. */
    public Optional<String> interfaceName() {
        return Optional.ofNullable(interfaceName);
    }

    /** The positive errno value, e.g. 17 for EEXIST. */
    public int errno() {
        return errno;
    }

    /** The symbolic errno name, e.g. {@code "EEXIST"}. */
    public String errnoName() {
        return NetlinkErrno.name(errno);
    }

    /** The kernel's extended-ack message (NLMSGERR_ATTR_MSG), when it sent one. */
    public Optional<String> kernelMessage() {
        return Optional.ofNullable(kernelMessage);
    }
}
