package net.v6mostly.dns64;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import net.v6mostly.addr.Rfc6052Prefix;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** What the DNS64 fuzz targets share: a well-behaved upstream and the invariants of every answer. */
final class FuzzSupport {
    static final Rfc6052Prefix PREFIX = Rfc6052Prefix.parse("2001:db8:64::/96");

    private FuzzSupport() {
    }

    /**
     * An upstream that answers anything, never throwing: A → one A record derived from the name
     * (192.0.2.x), AAAA → NODATA with an SOA, PTR → a PTR, anything else → NXDOMAIN.
     */
    static Message wellBehaved(Message q) {
        Record question = q.getQuestion();
        Name name = question.getName();
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        r.addRecord(question, Section.QUESTION);
        int type = question.getType();
        if (type == Type.A) {
            byte[] v4 = {(byte) 192, 0, 2, (byte) name.hashCode()};
            r.addRecord(new ARecord(name, DClass.IN, 300, addr(v4)), Section.ANSWER);
        } else if (type == Type.AAAA) {
            r.addRecord(new SOARecord(Name.root, DClass.IN, 60, Name.root, Name.root, 1, 60, 60, 60, 60),
                    Section.AUTHORITY);
        } else if (type == Type.PTR) {
            r.addRecord(new PTRRecord(name, DClass.IN, 300, Name.fromConstantString("host.example.")),
                    Section.ANSWER);
        } else {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        return r;
    }

    static java.net.InetAddress addr(byte[] b) {
        try {
            return java.net.InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The invariants of the handler's output for {@code length} bytes of {@code query}: null exactly
     * for a datagram shorter than a header or with QR set (RFC 1035 §4.1.1: no answer to an answer);
     * otherwise a DNS message that parses, with the query's ID, QR set, and within the transport's
     * size (UDP: the client's EDNS buffer, never over 4096, RFC 6891 §6.2.5).
     */
    static Message checkAnswer(byte[] query, int length, byte[] out, boolean udp) {
        boolean dropped = length < 12 || (query[2] & 0x80) != 0;
        assertThat(out == null).as("dropped exactly when too short or a response").isEqualTo(dropped);
        if (out == null) {
            return null;
        }
        assertThat(out.length).isLessThanOrEqualTo(udp ? 4096 : 65535).isGreaterThanOrEqualTo(12);
        Message m;
        try {
            m = new Message(out);
        } catch (IOException e) {
            throw new AssertionError("the answer does not parse: " + e, e);
        }
        assertThat(out[0]).isEqualTo(query[0]);
        assertThat(out[1]).isEqualTo(query[1]);
        assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
        return m;
    }

    /** Every AAAA record of {@code m}'s answer lies under {@code prefixes} (synthesized, RFC 6052 §2.2). */
    static void aaaaUnder(Message m, List<Rfc6052Prefix> prefixes) {
        for (Record r : m.getSection(Section.ANSWER)) {
            if (r instanceof AAAARecord a) {
                byte[] b = a.rdataToWireCanonical();
                long hi = AddressSet.toLong(b, 0);
                long lo = AddressSet.toLong(b, 8);
                assertThat(prefixes.stream().anyMatch(p -> p.matches(hi, lo))).as(a.toString()).isTrue();
            }
        }
    }
}
