package net.v6mostly.dhcp4;

/** DHCP message types, the value of option 53 (RFC 2132 §9.6). */
public enum MessageType {
    DISCOVER(1), OFFER(2), REQUEST(3), DECLINE(4), ACK(5), NAK(6), RELEASE(7), INFORM(8);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The option 53 value. */
    public int code() {
        return code;
    }

    /** The type for an option 53 value, or null for a value RFC 2132 §9.6 does not define. */
    public static MessageType of(int code) {
        return code >= 1 && code <= 8 ? values()[code - 1] : null;
    }
}
