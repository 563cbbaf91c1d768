package net.v6mostly.dns64;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.v6mostly.dns64.Upstream.UpstreamException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Asks upstream for a name and type and, when the answer is a CNAME chain that stops before any
 * record of that type (an authoritative-style upstream, or a chain leaving the upstream's zone),
 * asks again for the chain's end, up to {@link #MAX_HOPS} times. RFC 6147 §5.1.3 wants synthesis
 * for the final name of the chain with the chain kept, and §5.1.1 wants real AAAA data at the end
 * of a chain to win over synthesis: both need the whole chain. The result is the last response
 * with the joined answer section. Every message is paid from the query's {@link QueryBudget}.
 */
final class ChainFollower {
    /** Longest chain followed (as BIND and Unbound bound theirs). */
    static final int MAX_HOPS = 8;

    private ChainFollower() {
    }

    static Message ask(Upstream upstream, QueryBudget budget, Message client, Name name, int type)
            throws UpstreamException {
        Message response = upstream.ask(Dns64Resolver.forUpstream(client, Record.newRecord(name, type, DClass.IN)),
                budget);
        List<Record> answer = new ArrayList<>(response.getSection(Section.ANSWER));
        Set<Name> seen = new HashSet<>(List.of(name));
        Name end = chainEnd(name, answer);
        int hops = 0;
        while (response.getRcode() == Rcode.NOERROR && !end.equals(name) && !hasOwned(answer, end, type)
                && seen.add(end) && hops++ < MAX_HOPS) {
            response = upstream.ask(Dns64Resolver.forUpstream(client, Record.newRecord(end, type, DClass.IN)),
                    budget);
            answer.addAll(response.getSection(Section.ANSWER));
            Name next = chainEnd(end, answer);
            if (next.equals(end)) {
                break;
            }
            end = next;
        }
        if (seen.size() == 1) {
            return response;
        }
        Message joined = response.clone();
        joined.removeAllRecords(Section.ANSWER);
        answer.forEach(r -> joined.addRecord(r, Section.ANSWER));
        joined.removeAllRecords(Section.QUESTION);
        joined.addRecord(Record.newRecord(name, type, DClass.IN), Section.QUESTION);
        return joined;
    }

    /** Where the CNAME chain starting at {@code name} ends within {@code answer}. */
    static Name chainEnd(Name name, List<Record> answer) {
        Name at = name;
        for (int i = 0; i <= answer.size(); i++) {
            Name next = null;
            for (Record r : answer) {
                if (r instanceof CNAMERecord c && c.getName().equals(at)) {
                    next = c.getTarget();
                    break;
                }
            }
            if (next == null) {
                return at;
            }
            at = next;
        }
        return at;
    }

    private static boolean hasOwned(List<Record> answer, Name owner, int type) {
        for (Record r : answer) {
            if (r.getType() == type && r.getName().equals(owner)) {
                return true;
            }
        }
        return false;
    }
}
