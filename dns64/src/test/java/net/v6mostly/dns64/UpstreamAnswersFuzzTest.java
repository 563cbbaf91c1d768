package net.v6mostly.dns64;

import static net.v6mostly.dns64.Dns64ResolverTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.v6mostly.dns64.Upstream.UpstreamException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Jazzer target: hostile or broken upstream answers into synthesis (RFC 6147 §5.1). The fuzzer
 * writes the upstream's responses (one per message the proxy sends, in order; seeded with real
 * responses: A records, NODATA with SOA, CNAME chains, real and mapped AAAA); each gets the
 * query's ID, QR and question, as {@link UpstreamClient} demands of a response it accepts (RFC
 * 5452 §3), and must pass its other rule ({@link UpstreamClient#usable}: opcode QUERY), or fails
 * as an unparsable or unusable answer does. The client asks AAAA,
 * A or a PTR under the prefix. Invariants: nothing escapes and INTERNAL_ERROR stays 0; the answer
 * parses and carries the query's ID; no answer AAAA lies in ::ffff:0:0/96 (§5.1.4) unless the
 * query set DO and CD (§5.5: the validating client gets the signed data untouched); every answer
 * AAAA is either one the upstream sent or a synthesized one under Pref64::/n embedding an IPv4
 * address from an A record the upstream sent (§5.1.7, RFC 6052 §2.2); the upstream budget holds.
 */
class UpstreamAnswersFuzzTest {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    private static final String[] QUESTIONS = {"v4.example.", "ipv4only.arpa.",
        "1.0.2.0.0.0.0.c.0.0.0.0.0.0.0.0.0.0.0.0.4.6.0.0.8.b.d.0.1.0.0.2.ip6.arpa."};

    /**
     * @param data one byte choosing the question (bits 0-1), AAAA or A (bit 2), DO (bit 3) and CD
     *             (bit 4); then the upstream's responses, each a 2-byte length and that many bytes
     *             (the DNS-over-TCP framing, RFC 1035 §4.2.2); when they run out, upstream fails
     */
    @FuzzTest(maxDuration = "60s")
    void anyUpstreamAnswerGivesAWellFormedAnswerUnderThePrefix(byte[] data) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(data);
        int choice = in.hasRemaining() ? in.get() & 0xFF : 0;
        int which = (choice & 3) % QUESTIONS.length;
        int type = which == 2 ? Type.PTR : (choice & 4) != 0 ? Type.AAAA : Type.A;
        Set<String> upstreamAaaa = new HashSet<>();
        Set<String> upstreamA = new HashSet<>();
        int[] sent = {0};
        Upstream hostile = q -> {
            sent[0]++;
            int length = in.remaining() >= 2 ? Math.min(in.getShort() & 0xFFFF, in.remaining()) : -1;
            if (length < 0) {
                throw new UpstreamException("no more answers", true);
            }
            byte[] wire = new byte[length];
            in.get(wire);
            Message r;
            try {
                r = new Message(wire);
            } catch (IOException | RuntimeException e) {
                throw new UpstreamException("unparsable", false);
            }
            r.getHeader().setID(q.getHeader().getID());
            r.getHeader().setFlag(Flags.QR);
            if (!UpstreamClient.usable(r)) {   // the rest of UpstreamClient's acceptance rule
                throw new UpstreamException("not a QUERY response", false);
            }
            r.removeAllRecords(Section.QUESTION);
            r.addRecord(q.getQuestion(), Section.QUESTION);
            for (Record rr : r.getSection(Section.ANSWER)) {
                if (rr instanceof AAAARecord a) {
                    upstreamAaaa.add(a.getAddress().getHostAddress());
                } else if (rr instanceof ARecord a) {
                    upstreamA.add(a.getAddress().getHostAddress());
                }
            }
            return r;
        };
        java.util.List<String> reports = new java.util.ArrayList<>();
        Dns64Counters counters = new Dns64Counters(reports::add);
        Dns64Settings s = Dns64ResolverTest.settings().build();
        QueryHandler h = new QueryHandler(s, new Dns64Resolver(s, hostile, counters),
                new DnsCache(100, 1 << 20, () -> 0L, counters), counters);
        byte[] q = query(QUESTIONS[which], type, (choice & 8) != 0, (choice & 16) != 0).toWire();
        Message m = FuzzSupport.checkAnswer(q, q.length, h.handle(q, q.length, CLIENT, false), false);
        assertThat(counters.get(Dns64Stat.INTERNAL_ERROR)).as("no unexpected exception: %s", reports).isZero();
        assertThat(sent[0]).isLessThanOrEqualTo(s.abuse().maxUpstreamQueries());
        for (Record rr : m.getSection(Section.ANSWER)) {
            if (rr instanceof AAAARecord a) {
                byte[] b = a.rdataToWireCanonical();
                boolean dnssecPassthrough = (choice & 0x18) == 0x18;   // DO and CD: real data untouched, §5.5
                if (type == Type.AAAA && !dnssecPassthrough) {
                    assertThat(Synthesis.isExcluded(a, s.exclude())).as("excluded %s", rr).isFalse();
                }
                long hi = AddressSet.toLong(b, 0);
                long lo = AddressSet.toLong(b, 8);
                boolean real = upstreamAaaa.contains(a.getAddress().getHostAddress());
                boolean synthesized = FuzzSupport.PREFIX.matches(hi, lo) && (QUESTIONS[which].equals("ipv4only.arpa.")
                        || upstreamA.contains(v4(FuzzSupport.PREFIX.extract(hi, lo))));
                assertThat(real || synthesized).as("AAAA %s is real or synthesized from an A", rr).isTrue();
            }
        }
    }

    private static String v4(int v) {
        return (v >>> 24) + "." + (v >>> 16 & 0xFF) + "." + (v >>> 8 & 0xFF) + "." + (v & 0xFF);
    }
}
