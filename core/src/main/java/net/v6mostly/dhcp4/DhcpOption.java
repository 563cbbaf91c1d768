package net.v6mostly.dhcp4;

/**
 * Option codes this server reads or writes (RFC 2132, RFC 3046, RFC 3442, RFC 8925), with the
 * length each definition allows; {@link #lengthOk} is the check {@link DhcpMessage#parse} applies.
 */
public final class DhcpOption {
    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DNS = 6;
    public static final int HOST_NAME = 12;
    public static final int DOMAIN_NAME = 15;
    public static final int INTERFACE_MTU = 26;
    public static final int REQUESTED_IP = 50;
    public static final int LEASE_TIME = 51;
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_REQUEST_LIST = 55;
    public static final int MAX_MESSAGE_SIZE = 57;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    public static final int CLIENT_ID = 61;
    public static final int RELAY_AGENT_INFO = 82;
    public static final int IPV6_ONLY_PREFERRED = 108;
    public static final int CLASSLESS_STATIC_ROUTE = 121;
    public static final int END = 255;

    private DhcpOption() {
    }

    /**
     * Whether {@code length} bytes are a legal value for {@code code}: the fixed sizes of RFC 2132
     * §3.3, §3.5, §3.8, §5.1, §9.1-§9.11, RFC 8925 §3.1; address lists are non-empty multiples of
     * 4; a client identifier has at least 2 bytes (§9.14); unknown codes take any length.
     */
    public static boolean lengthOk(int code, int length) {
        return switch (code) {
            case SUBNET_MASK, REQUESTED_IP, LEASE_TIME, SERVER_ID, RENEWAL_TIME, REBINDING_TIME,
                    IPV6_ONLY_PREFERRED -> length == 4;
            case ROUTER, DNS -> length >= 4 && length % 4 == 0;
            case INTERFACE_MTU, MAX_MESSAGE_SIZE -> length == 2;
            case MESSAGE_TYPE, OVERLOAD -> length == 1;
            case PARAMETER_REQUEST_LIST, DOMAIN_NAME, HOST_NAME -> length >= 1;
            case CLIENT_ID -> length >= 2;
            case CLASSLESS_STATIC_ROUTE -> length >= 5;
            default -> true;
        };
    }
}
