package net.v6mostly.xlat.rfc6146;

import net.v6mostly.stats.Stat;
import net.v6mostly.wire.IcmpAnswer;

/**
 * Every exit of the stateful NAT64 packet pipeline ({@link Nat64Pipeline}): each packet is counted
 * under exactly one of these. Where the state engine or the RFC 7915 translator refused it, the
 * exit says which, and their own counters ({@link Nat64Stat}, {@code XlatStat}) say why.
 */
public enum Nat64Exit implements Stat {
    // ---- successful exits
    TRANSLATED_64(false, "IPv6 packet translated to IPv4 with its session's transport address (RFC 6146 §3.7)"),
    TRANSLATED_46(false, "IPv4 packet translated to IPv6 with its session's transport address (RFC 6146 §3.7)"),
    HAIRPINNED_66(false, "IPv6 packet to a pool4 address translated to IPv4 and back to IPv6 (RFC 6146 §3.8)"),
    FRAGMENT_FOLLOWED_64(false,
            "IPv6 non-first fragment translated with the pool4 address its first fragment got (RFC 6146 §3.4)"),
    FRAGMENT_FOLLOWED_46(false,
            "IPv4 non-first fragment translated to the IPv6 host its first fragment went to (RFC 6146 §3.4)"),

    // ---- refused by the state engine or by RFC 7915 (details in their counters)
    STATE_REFUSED_64(true, "the state engine refused the IPv6 packet (see the nat64 state counters, RFC 6146 §3.5)"),
    STATE_REFUSED_46(true, "the state engine refused the IPv4 packet (see the nat64 state counters, RFC 6146 §3.5)"),
    XLAT_REFUSED_64(true, "the RFC 7915 translator refused the IPv6 packet (see the xlat counters)"),
    XLAT_REFUSED_46(true, "the RFC 7915 translator refused the IPv4 packet (see the xlat counters)"),

    // ---- §3.4 tuple extraction and policy
    MALFORMED_64(true, "IPv6 header, extension chain or transport header truncated or inconsistent (RFC 6146 §3.4)"),
    MALFORMED_46(true, "IPv4 header invalid (length, checksum) or transport header truncated (RFC 6146 §3.4)"),
    NOT_VERSION(true, "packet is neither IPv4 nor IPv6"),
    SOURCE6_IN_POOL6(true, "IPv6 source inside the NAT64 prefix: spoofed or looped, dropped (RFC 6146 §5.3)"),
    DESTINATION6_NOT_POOL6(true, "IPv6 destination outside the NAT64 prefix: not for the NAT64 (RFC 6146 §3.4)"),
    WKP_NON_GLOBAL_64(true, IcmpAnswer.V6_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED,
            "non-global IPv4 destination behind the Well-Known Prefix refused with ICMPv6 1/1 (RFC 6052 §3.1)"),
    DESTINATION4_FORBIDDEN_64(true, IcmpAnswer.V6_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED,
            "IPv4 destination 0/8, 127/8, 224/4 (multicast), 240/4 or 255.255.255.255:"
            + " no translator may reach these (RFC 1812 §5.3.7, RFC 6890); refused with ICMPv6 1/1 (RFC 7915 §5.4)"),
    DENY4_64(true, IcmpAnswer.V6_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED,
            "IPv4 destination in the operator's deny4 list: refused with ICMPv6 1/1 (RFC 7915 §5.4)"),
    SOURCE6_NOT_ALLOWED(true, IcmpAnswer.V6_SOURCE_ADDRESS_FAILED_POLICY,
            "IPv6 source outside the operator's allow6-sources list: refused with ICMPv6 1/5, source"
            + " address failed ingress/egress policy (RFC 4443 §3.1)"),
    SOURCE4_FORBIDDEN_46(true, "IPv4 source 0/8, 127/8, 224/4, 240/4 or 255.255.255.255: silently dropped before any"
            + " state (RFC 7915 §4.1, RFC 1812 §5.3.7)"),
    WKP_NON_GLOBAL_46(true, IcmpAnswer.V4_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED,
            "non-global IPv4 source toward a NAT64 on the Well-Known Prefix: it cannot be written"
            + " as 64:ff9b::/96 (RFC 6052 §3.1), refused with ICMPv4 3/13 before any session is made"),
    DENY4_46(true, "IPv4 source in the operator's deny4 list: dropped silently before any state, so nothing, not"
            + " even an ICMPv4 error, is sent toward that network"),
    DESTINATION4_NOT_POOL4(true, "IPv4 destination is not a pool4 address: not for the NAT64 (RFC 6146 §3.4)"),
    PROTOCOL_UNSUPPORTED_64(true, "IPv6 upper layer is not TCP, UDP or ICMPv6: no state can be kept (RFC 6146 §3.1)"),
    PROTOCOL_UNSUPPORTED_46(true, "IPv4 protocol is not TCP, UDP or ICMP: no state can be kept (RFC 6146 §3.1)"),
    ICMP6_TYPE_UNSUPPORTED(true, "ICMPv6 message that is neither Echo nor a translatable error (RFC 6146 §3.4, §3.5.3)"),
    ICMP4_TYPE_UNSUPPORTED(true, "ICMPv4 message that is neither Echo nor a translatable error (RFC 6146 §3.4, §3.5.3)"),
    ICMP6_ERROR_INNER_UNUSABLE(true,
            "ICMPv6 error whose embedded packet is not from pool6 to a TCP/UDP/Echo endpoint (RFC 6146 §3.4)"),
    ICMP4_ERROR_INNER_UNUSABLE(true,
            "ICMPv4 error whose embedded packet is not from pool4 to a TCP/UDP/Echo endpoint (RFC 6146 §3.4)"),
    FRAGMENT_NOT_FIRST_64(true,
            "IPv6 non-first fragment whose first fragment was not translated before it (or is older than 30 s, or"
                    + " hairpinned), and no room to hold it until it comes (RFC 6146 §3.4, §5.3)"),
    FRAGMENT_NOT_FIRST_46(true,
            "IPv4 non-first fragment whose first fragment was not translated before it (or is older than 30 s),"
                    + " and no room to hold it until it comes (RFC 6146 §3.4, §5.3)"),
    FRAGMENT_HELD_64(false, "IPv6 fragment that overtook its first fragment, held until that one is translated"
            + " (RFC 6146 §3.4); it then leaves as FRAGMENT_FOLLOWED_64, or is counted FRAGMENT_HOLD_EXPIRED"),
    FRAGMENT_HELD_46(false, "IPv4 fragment that overtook its first fragment, held until that one is translated"
            + " (RFC 6146 §3.4); it then leaves as FRAGMENT_FOLLOWED_46, or is counted FRAGMENT_HOLD_EXPIRED"),
    HAIRPIN_REFUSED(true, "the IPv4 half of a hairpinned packet was refused (RFC 6146 §3.8)"),

    // ---- counted on top of the exit
    SYN_HELD(false, "packet stored while its unsolicited IPv4 SYN waits TCP_INCOMING_SYN (RFC 6146 §3.5.2.2)"),
    SYN_HOLD_EXPIRED(false, "a held SYN saw no IPv6 SYN in time and was answered with Port Unreachable (§3.5.2.2)"),
    FRAGMENT_HOLD_EXPIRED(true, "a held fragment's first fragment did not come within 5 s (FRAGMENT_MIN is 2 s,"
            + " RFC 6146 §4): dropped");

    private final boolean drop;
    private final IcmpAnswer answer;
    private final String explanation;

    Nat64Exit(boolean drop, String explanation) {
        this(drop, IcmpAnswer.NONE, explanation);
    }

    Nat64Exit(boolean drop, IcmpAnswer answer, String explanation) {
        this.drop = drop;
        this.answer = answer;
        this.explanation = explanation;
    }

    /**
     * The ICMP error a policy refusal of the tuple extraction is answered with (RFC 7915 §4.4,
     * §5.4 as the NAT64 applies them, RFC 4443 §3.1), or {@link IcmpAnswer#NONE}. Refusals of the
     * state engine and of the RFC 7915 step are answered as their own stats say.
     */
    public IcmpAnswer answer() {
        return answer;
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
