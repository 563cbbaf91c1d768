package net.v6mostly.dns64;

import java.util.List;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Building responses (RFC 1035 §4.1.1): the reply skeleton, and an upstream answer re-addressed to the client. */
final class Responses {
    private Responses() {
    }

    /**
     * An empty reply to {@code query}: its ID, opcode, RD and CD, QR and RA set, the question copied;
     * {@code rcode} as given, or SERVFAIL for an extended RCODE the header cannot hold.
     */
    static Message reply(Message query, int rcode) {
        Message m = new Message(query.getHeader().getID());
        Header h = m.getHeader();
        h.setFlag(Flags.QR);
        h.setFlag(Flags.RA);
        h.setOpcode(query.getHeader().getOpcode());
        copyFlag(query.getHeader(), h, Flags.RD);
        copyFlag(query.getHeader(), h, Flags.CD);
        // An extended RCODE (> 15, RFC 6891 §6.1.3: BADVERS, BADCOOKIE...) lives in the upstream's
        // OPT record and speaks of the EDNS exchange with it; our OPT replaces that one, so the
        // client learns only that upstream failed.
        h.setRcode(rcode > 0x0F ? Rcode.SERVFAIL : rcode);
        if (query.getQuestion() != null) {
            m.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return m;
    }

    /** A reply to {@code query} carrying {@code answer} and {@code authority}, AD clear. */
    static Message reply(Message query, int rcode, List<Record> answer, List<Record> authority) {
        Message m = reply(query, rcode);
        answer.forEach(r -> m.addRecord(r, Section.ANSWER));
        authority.forEach(r -> m.addRecord(r, Section.AUTHORITY));
        return m;
    }

    /**
     * The upstream {@code response} as an answer to {@code query}: the client's ID and question,
     * upstream's RCODE, AA and AD (AD only when the client asked with DO or AD, RFC 6840 §5.8), all
     * sections but upstream's OPT, which the listener replaces with its own.
     */
    static Message relay(Message query, Message response) {
        Message m = reply(query, response.getRcode());
        Header up = response.getHeader();
        copyFlag(up, m.getHeader(), Flags.AA);
        boolean wantsAd = query.getHeader().getFlag(Flags.AD) || Edns.doBit(query);
        if (wantsAd && up.getFlag(Flags.AD)) {
            m.getHeader().setFlag(Flags.AD);
        }
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            for (Record r : response.getSection(section)) {
                if (r.getType() != org.xbill.DNS.Type.OPT) {
                    m.addRecord(r, section);
                }
            }
        }
        return m;
    }

    /** SERVFAIL for {@code query}. */
    static Message servfail(Message query) {
        return reply(query, Rcode.SERVFAIL);
    }

    /** Whether the query is a standard QUERY (RFC 1035 §4.1.1). */
    static boolean isQuery(Message query) {
        return query.getHeader().getOpcode() == Opcode.QUERY;
    }

    private static void copyFlag(Header from, Header to, int flag) {
        if (from.getFlag(flag)) {
            to.setFlag(flag);
        } else {
            to.unsetFlag(flag);
        }
    }
}
