package net.v6mostly.dhcp4;

import net.v6mostly.stats.Stat;

/**
 * Every exit of the DHCPv4 engine, with the reason an operator reads. Each datagram handed to
 * {@link Dhcp4Engine} is counted under exactly one of these; the socket adapter adds
 * {@link #REPLY_REFUSED} when a decided reply could not be sent, and {@link #INTERNAL_ERROR} for a
 * datagram that raised an unexpected exception (counted under nothing else when the engine threw,
 * in addition to its exit when sending the reply threw).
 */
public enum Dhcp4Stat implements Stat {
    // ---- answered
    OFFER_SENT(false, "DHCPDISCOVER answered with a DHCPOFFER of an address (RFC 2131 §4.3.1)"),
    OFFER_V6ONLY(false, "DHCPDISCOVER answered with a DHCPOFFER carrying option 108 and yiaddr 0.0.0.0 (RFC 8925 §3.3)"),
    ACK_SELECTING(false, "DHCPREQUEST in SELECTING state acknowledged (RFC 2131 §4.3.2)"),
    ACK_INIT_REBOOT(false, "DHCPREQUEST in INIT-REBOOT state acknowledged (RFC 2131 §4.3.2)"),
    ACK_RENEWING(false, "DHCPREQUEST in RENEWING state (unicast) acknowledged, lease extended (RFC 2131 §4.3.2)"),
    ACK_REBINDING(false, "DHCPREQUEST in REBINDING state (broadcast) acknowledged, lease extended (RFC 2131 §4.3.2)"),
    ACK_V6ONLY(false, "DHCPREQUEST answered with a DHCPACK carrying option 108 and yiaddr 0.0.0.0 (RFC 8925 §3.3)"),
    ACK_INFORM(false, "DHCPINFORM answered with a DHCPACK without lease (RFC 2131 §4.3.5)"),
    NAK_WRONG_NETWORK(false, "DHCPNAK: the requested address is not on the client's network (RFC 2131 §4.3.2)"),
    NAK_NOT_AVAILABLE(false, "DHCPNAK: the requested address is leased to another client, reserved or not offered (RFC 2131 §4.3.2)"),
    DECLINE_QUARANTINED(false, "DHCPDECLINE: the address is in use by someone else; quarantined (RFC 2131 §4.3.3)"),
    RELEASED(false, "DHCPRELEASE: the client gave its lease back (RFC 2131 §4.3.4)"),

    // ---- silently discarded by rule
    REQUEST_FOR_OTHER_SERVER(true, "DHCPREQUEST names another server: the client declined our offer (RFC 2131 §4.3.2)"),
    INIT_REBOOT_UNKNOWN_CLIENT(true, "DHCPREQUEST in INIT-REBOOT from a client we have no record of: we remain silent (RFC 2131 §4.3.2)"),
    REQUEST_BAD_STATE(true, "DHCPREQUEST fits no client state of RFC 2131 §4.3.2 (server id/requested address/ciaddr combination)"),
    DECLINE_CLIENT_LIMIT(true, "DHCPDECLINE refused: this client already has decline-limit-per-client addresses in quarantine;"
            + " the address stays bound to it (RFC 2131 §4.3.3 leaves the quarantine to the server; one client must not empty a pool)"),
    DECLINE_POOL_LIMIT(true, "DHCPDECLINE refused: decline-limit-percent of the subnet's pool addresses are already in"
            + " quarantine, so a DECLINE flood from many MACs cannot take the whole pool out of use (RFC 2131 §4.3.3)"),
    DECLINE_IGNORED(true, "DHCPDECLINE for another server or an address the client does not hold (RFC 2131 §4.3.3)"),
    RELEASE_IGNORED(true, "DHCPRELEASE for a lease the client does not hold (RFC 2131 §4.3.4)"),
    INFORM_WITHOUT_CIADDR(true, "DHCPINFORM without ciaddr: no address to answer to (RFC 2131 §4.3.5)"),
    NO_SUBNET(true, "no configured subnet for the relay's giaddr or the receiving interface (RFC 2131 §4.3.1)"),
    POOL_EXHAUSTED(true, "DHCPDISCOVER: no free address in the subnet's pools (RFC 2131 §4.3.1)"),
    NOT_A_REQUEST(true, "BOOTREPLY (op 2) received: servers only answer BOOTREQUEST (RFC 2131 §2)"),
    NO_MESSAGE_TYPE(true, "BOOTREQUEST without option 53: plain BOOTP is not served (RFC 2131 §3, RFC 2132 §9.6)"),
    UNEXPECTED_MESSAGE_TYPE(true, "message type a server never receives (OFFER, ACK, NAK or unknown) (RFC 2132 §9.6)"),

    // ---- well formed, but more than the server keeps (checked before any state changes)
    CLIENT_ID_TOO_LONG(true, "client identifier (option 61) longer than 255 bytes, e.g. joined from several instances"
            + " (RFC 3396): RFC 2132 §9.14 gives it one length octet, and it is the key the lease store keeps"),
    RELAY_INFO_TOO_LONG(true, "relay agent information (option 82) longer than 255 bytes: RFC 3046 §2.0 defines one"
            + " option with one length octet, and it is echoed in the reply (RFC 3046 §2.2)"),

    // ---- malformed input (DhcpMessage.parse)
    MALFORMED_TRUNCATED(true, "shorter than the 236-byte fixed part plus the magic cookie (RFC 2131 §2)"),
    MALFORMED_OVERLONG(true, "longer than the largest UDP payload (65507 bytes)"),
    MALFORMED_BAD_OP(true, "op is neither 1 (BOOTREQUEST) nor 2 (BOOTREPLY) (RFC 2131 §2)"),
    MALFORMED_BAD_HTYPE_HLEN(true, "htype 0, hlen above 16, or Ethernet (htype 1) with hlen other than 6 (RFC 2131 §2, RFC 1700)"),
    MALFORMED_BAD_COOKIE(true, "the options field does not start with the magic cookie 99.130.83.99 (RFC 2131 §3)"),
    MALFORMED_OPTION_OVERRUNS(true, "an option's length runs past the end of its field (RFC 2132 §2)"),
    MALFORMED_NO_END_OPTION(true, "an options field (or an overloaded sname/file) lacks the End option 255 (RFC 2132 §3.2, §9.3)"),
    MALFORMED_BAD_OPTION_LENGTH(true, "an option has a length its definition forbids, e.g. option 53 not 1 byte (RFC 2132)"),
    MALFORMED_BAD_OVERLOAD(true, "option 52 (Option Overload) is not one byte of value 1, 2 or 3 (RFC 2132 §9.3)"),

    // ---- counted by the socket adapter, in addition to the datagram's exit above
    REPLY_REFUSED(true, "a reply was decided (and its lease kept) but the kernel refused to send it, e.g. a firewall"
            + " rule or no route to the relay; the errno is logged"),
    INTERNAL_ERROR(true, "an unexpected error while handling the datagram (a bug): it was dropped, reported with a hex"
            + " excerpt at a limited rate, and the server went on (one datagram must never stop a service)");

    private final boolean drop;
    private final String explanation;

    Dhcp4Stat(boolean drop, String explanation) {
        this.drop = drop;
        this.explanation = explanation;
    }

    @Override
    public String explanation() {
        return explanation;
    }

    @Override
    public boolean isDrop() {
        return drop;
    }
}
