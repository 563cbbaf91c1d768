package net.v6mostly.dns64;

import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;

/**
 * EDNS(0) (RFC 6891) as the proxy uses it: the client's UDP buffer size bounds our UDP answer
 * (§6.2.5; 512 without OPT, RFC 1035 §2.3.4), the DO bit (RFC 3225) is echoed, and our own OPT
 * advertises {@link #OUR_PAYLOAD} (the DNS Flag Day 2020 size that avoids IP fragmentation).
 */
final class Edns {
    /** The payload size we advertise and use toward upstream. */
    static final int OUR_PAYLOAD = 1232;
    /** The ceiling we answer within over UDP whatever the client advertises. */
    static final int MAX_UDP = 4096;
    /** The classic limit without EDNS (RFC 1035 §2.3.4). */
    static final int CLASSIC_UDP = 512;

    private Edns() {
    }

    /** Whether the message carries OPT with DO set (RFC 3225 §3). */
    static boolean doBit(Message m) {
        OPTRecord opt = m.getOPT();
        return opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
    }

    /** The largest UDP answer the client accepts: its OPT payload clamped to 512..4096, or 512. */
    static int udpLimit(Message query) {
        OPTRecord opt = query.getOPT();
        if (opt == null) {
            return CLASSIC_UDP;
        }
        return Math.clamp(opt.getPayloadSize(), CLASSIC_UDP, MAX_UDP);
    }

    /** Adds our OPT to {@code response} when the query had one (RFC 6891 §7), echoing DO. */
    static void answerOpt(Message query, Message response) {
        OPTRecord old = response.getOPT();
        if (old != null) {
            response.removeRecord(old, Section.ADDITIONAL);
        }
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(OUR_PAYLOAD, 0, 0, doBit(query) ? ExtendedFlags.DO : 0),
                    Section.ADDITIONAL);
        }
    }
}
