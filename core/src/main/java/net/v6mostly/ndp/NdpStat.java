package net.v6mostly.ndp;

import net.v6mostly.stats.Stat;

/** Every exit of the RA sender: advertisements sent by reason, solicitations answered or dropped (RFC 4861 §6). */
public enum NdpStat implements Stat {
    RA_SENT_INITIAL(false, "Initial unsolicited RA, one of MAX_INITIAL_RTR_ADVERTISEMENTS (RFC 4861 §6.2.4)."),
    RA_SENT_PERIODIC(false, "Unsolicited RA at a random interval in [MinRtrAdvInterval, MaxRtrAdvInterval] (RFC 4861 §6.2.4)."),
    RA_SENT_SOLICITED(false, "Multicast RA answering a Router Solicitation (RFC 4861 §6.2.6)."),
    RA_SENT_RELOAD(false, "RA sent promptly after the configuration changed (RFC 4861 §6.2.4)."),
    RA_SENT_FINAL(false, "Final RA with Router Lifetime 0 as the interface stops advertising (RFC 4861 §6.2.5)."),
    RA_SEND_FAILED(true, "sendmsg(2) failed; the RA was not sent."),
    INTERNAL_ERROR(true, "A received message made the RS/RA socket loop fail unexpectedly: it was dropped, reported at a"
            + " limited rate with a hex excerpt, and the loop went on (DESIGN.md §6)."),
    RS_RECEIVED(false, "Valid Router Solicitation received (RFC 4861 §6.1.1)."),
    RS_ANSWER_MERGED(false, "Valid RS whose answer is already due in a scheduled multicast RA (RFC 4861 §6.2.6)."),
    RS_NOT_RS(true, "ICMPv6 message that is not a Router Solicitation (type 133) reached the RS socket."),
    RS_BAD_HOP_LIMIT(true, "RS with IP Hop Limit other than 255 (RFC 4861 §6.1.1): it may come from off-link."),
    RS_BAD_CODE(true, "RS with ICMP Code other than 0 (RFC 4861 §6.1.1)."),
    RS_TOO_SHORT(true, "RS with ICMP length below 8 octets (RFC 4861 §6.1.1)."),
    RS_BAD_OPTION_LENGTH(true, "RS with an option of length 0 or running past the packet (RFC 4861 §6.1.1)."),
    RS_SLLA_FROM_UNSPECIFIED(true, "RS from the unspecified address carrying a Source Link-Layer Address option (RFC 4861 §6.1.1).");

    private final boolean drop;
    private final String explanation;

    NdpStat(boolean drop, String explanation) {
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
