package net.v6mostly.xlat.rfc6146;

import net.v6mostly.stats.Stat;
import net.v6mostly.wire.IcmpAnswer;

/**
 * Every outcome of the stateful NAT64 state engine (RFC 6146 §3.5), with the ICMP error the
 * pipeline answers a refusal with ({@link #answer()}, named in {@link IcmpAnswer}).
 * A lookup is counted under exactly one of the "lookup" constants; the others are counted by the
 * expiry sweep and the mapping log on top.
 */
public enum Nat64Stat implements Stat {
    // ---- lookups that let the packet through
    MAPPED_64(false, IcmpAnswer.NONE, "IPv6 packet matched or created BIB and session state (RFC 6146 §3.5)"),
    MAPPED_46(false, IcmpAnswer.NONE, "IPv4 packet matched a BIB entry and passed filtering (RFC 6146 §3.5)"),
    TCP_BIB_ONLY_64(false, IcmpAnswer.NONE,
            "IPv6 TCP segment without SYN and without a session, translated with its BIB entry (RFC 6146 §3.5.2.2 CLOSED)"),
    TCP_BIB_ONLY_46(false, IcmpAnswer.NONE,
            "IPv4 TCP segment without SYN and without a session, translated with its BIB entry (RFC 6146 §3.5.2.2 CLOSED)"),
    ICMP_ERROR_MATCHED_64(false, IcmpAnswer.NONE,
            "ICMPv6 error whose embedded packet matches a BIB entry and session (RFC 6146 §3.5, ICMP error messages)"),
    ICMP_ERROR_MATCHED_46(false, IcmpAnswer.NONE,
            "ICMPv4 error whose embedded packet matches a BIB entry and session (RFC 6146 §3.5, ICMP error messages)"),
    SIMULTANEOUS_OPEN_64(false, IcmpAnswer.NONE,
            "IPv6 SYN matched a held IPv4 SYN: simultaneous open, session ESTABLISHED (RFC 6146 §3.5.2.2 V4 INIT)"),

    // ---- lookups that refuse the packet (6→4)
    POOL4_EXHAUSTED_64(true, IcmpAnswer.V6_ADDRESS_UNREACHABLE,
            "no free pool4 port for a new BIB entry; ICMPv6 Address Unreachable (RFC 6146 §3.5.1, §3.5.2.2, RFC 6888 REQ-11)"),
    HOST_PORT_LIMIT_64(true, IcmpAnswer.V6_ADDRESS_UNREACHABLE,
            "the subscriber (IPv6 prefix of subscriber-prefix-length) already holds max-ports-per-host pool4 ports"
                    + " (RFC 6888 REQ-4); ICMPv6 Address Unreachable (REQ-11)"),
    HOST_SESSION_LIMIT_64(true, IcmpAnswer.V6_ADDRESS_UNREACHABLE,
            "the subscriber (IPv6 prefix of subscriber-prefix-length) already holds max-sessions-per-host sessions"
                    + " (RFC 6888 REQ-5); ICMPv6 Address Unreachable (REQ-11)"),
    HOST_BLOCK_LIMIT_64(true, IcmpAnswer.V6_ADDRESS_UNREACHABLE,
            "the IPv6 host's port blocks are full and it may not take another (RFC 7422 §2); ICMPv6 Address Unreachable"),
    BIB_LIMIT_64(true, IcmpAnswer.V6_ADDRESS_UNREACHABLE,
            "the NAT64 already holds max-bib-entries dynamic BIB entries, a global cap on state memory (RFC 6888 REQ-5);"
                    + " ICMPv6 Address Unreachable, no existing entry is removed (REQ-11)"),
    SESSION_LIMIT_64(true, IcmpAnswer.V6_ADDRESS_UNREACHABLE,
            "the NAT64 already holds max-sessions sessions, a global cap on state memory (RFC 6888 REQ-5);"
                    + " ICMPv6 Address Unreachable, no existing session is removed (REQ-11)"),
    TCP_NO_STATE_64(true, IcmpAnswer.NONE,
            "IPv6 TCP segment without SYN and without BIB entry: silently dropped (RFC 6146 §3.5.2.2 CLOSED)"),

    // ---- lookups that refuse the packet (4→6)
    NO_BIB_46(true, IcmpAnswer.V4_PORT_UNREACHABLE,
            "IPv4 packet to a pool4 address and port with no BIB entry (RFC 6146 §3.5.1, §3.5.3); ICMP Port Unreachable as Jool does"),
    FILTERED_46(true, IcmpAnswer.V4_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED,
            "IPv4 packet refused by address-dependent filtering: no session with that remote address (RFC 6146 §3.5.1); ICMP 3/13"),
    HOST_SESSION_LIMIT_46(true, IcmpAnswer.V4_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED,
            "the subscriber behind the BIB entry already holds max-sessions-per-host sessions (RFC 6888 REQ-5);"
                    + " ICMP 3/13"),
    SESSION_LIMIT_46(true, IcmpAnswer.V4_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED,
            "the NAT64 already holds max-sessions sessions, a global cap on state memory (RFC 6888 REQ-5); ICMP 3/13"),
    TCP_SYN_HELD_46(true, IcmpAnswer.NONE,
            "unsolicited IPv4 SYN held for TCP_INCOMING_SYN waiting for an IPv6 SYN; ICMP 3/3 if none (RFC 6146 §3.5.2.2)"),
    TCP_SYN_HOLD_FULL_46(true, IcmpAnswer.V4_PORT_UNREACHABLE,
            "unsolicited IPv4 SYN refused: the table of held SYNs is full (RFC 6146 §5.3 resource limits); ICMP 3/3"),
    TCP_EXTERNAL_SYN_DROPPED_46(true, IcmpAnswer.NONE,
            "unsolicited IPv4 SYN dropped by policy: externally initiated TCP is off (RFC 6146 §3.5.2.2)"),
    TCP_NO_STATE_46(true, IcmpAnswer.NONE,
            "IPv4 TCP segment without SYN and without BIB entry: silently dropped (RFC 6146 §3.5.2.2 CLOSED)"),

    ICMP_ERROR_NO_STATE_64(true, IcmpAnswer.NONE,
            "ICMPv6 error whose embedded packet matches no BIB entry or session: silently dropped (RFC 6146 §3.5)"),
    ICMP_ERROR_NO_STATE_46(true, IcmpAnswer.NONE,
            "ICMPv4 error whose embedded packet matches no BIB entry or session: silently dropped (RFC 6146 §3.5)"),

    // ---- counted on top: expiry sweep
    SESSION_EXPIRED(false, IcmpAnswer.NONE,
            "a session's lifetime ran out and it was removed (RFC 6146 §3.5.1, §3.5.2.2, §3.5.3)"),
    TCP_EST_EXPIRED_TO_TRANS(false, IcmpAnswer.NONE,
            "an ESTABLISHED session went idle for TCP_EST and moved to TRANS; the pipeline may probe (RFC 6146 §3.5.2.2)"),
    TCP_INCOMING_SYN_EXPIRED(false, IcmpAnswer.V4_PORT_UNREACHABLE,
            "a held IPv4 SYN saw no IPv6 SYN within TCP_INCOMING_SYN; ICMP Port Unreachable for it (RFC 6146 §3.5.2.2)"),
    BIB_EXPIRED(false, IcmpAnswer.NONE,
            "a dynamic BIB entry lost its last session and was removed, its port freed (RFC 6146 §3.5.1)"),
    PORT_HOLD_DOWN_ENDED(false, IcmpAnswer.NONE,
            "a freed pool4 port left its 120 s hold-down and may be allocated again (RFC 6888 REQ-8)"),
    BIB_CREATED(false, IcmpAnswer.NONE, "a dynamic BIB entry was created (RFC 6146 §3.5.1, §3.5.2.2, §3.5.3)"),

    // ---- counted on top: mapping log
    LOG_EVENT_DROPPED(true, IcmpAnswer.NONE,
            "a mapping log event was lost because the log queue was full; the data path never waits (RFC 6888 REQ-12)");

    private final boolean drop;
    private final IcmpAnswer answer;
    private final String explanation;

    Nat64Stat(boolean drop, IcmpAnswer answer, String explanation) {
        this.drop = drop;
        this.answer = answer;
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

    /**
     * The ICMP error (4→6 refusals) or ICMPv6 error (6→4 refusals) the pipeline answers with, or
     * {@link IcmpAnswer#NONE} for silence.
     */
    public IcmpAnswer answer() {
        return answer;
    }

    /** The type of {@link #answer()}, or -1 for silence. */
    public int icmpType() {
        return answer.type();
    }

    /** The code of {@link #answer()}, or -1. */
    public int icmpCode() {
        return answer.code();
    }

    /** Whether the packet may be translated. */
    public boolean passes() {
        return ordinal() <= SIMULTANEOUS_OPEN_64.ordinal();
    }
}
