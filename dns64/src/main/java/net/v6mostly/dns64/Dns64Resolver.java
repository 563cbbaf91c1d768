package net.v6mostly.dns64;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.v6mostly.dns64.Upstream.UpstreamException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The DNS64 algorithm of RFC 6147 §5 for one well-formed query: AAAA synthesis (§5.1), reverse
 * mapping (§5.3.1), the DNSSEC rule (§5.5) and the local {@code ipv4only.arpa} (RFC 8880 §7).
 * Every other query is relayed unchanged (§5.1: only AAAA queries of class IN trigger DNS64).
 * Thread-safe; the caller handles the wire, the cache and access control.
 */
public final class Dns64Resolver {
    private final Dns64Settings settings;
    private final Upstream upstream;
    private final Dns64Counters counters;

    /** Resolves through {@code upstream} with {@code settings}. */
    public Dns64Resolver(Dns64Settings settings, Upstream upstream, Dns64Counters counters) {
        this.settings = settings;
        this.upstream = upstream;
        this.counters = counters;
    }

    /**
     * The response to {@code query} (one question, opcode QUERY), without OPT.
     *
     * @param synthesize false for no-synthesis clients: real data only
     */
    public Message resolve(Message query, boolean synthesize) {
        try {
            return resolve(query, synthesize, new QueryBudget(settings.abuse().maxUpstreamQueries()));
        } catch (BudgetSpent e) {
            counters.increment(Dns64Stat.UPSTREAM_BUDGET_EXCEEDED);
            return Responses.servfail(query);
        }
    }

    /** Thrown through the resolution when the query's {@link QueryBudget} ran out: the answer is SERVFAIL. */
    private static final class BudgetSpent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetSpent() {
            super(null, null, false, false);
        }
    }

    private Message resolve(Message query, boolean synthesize, QueryBudget budget) {
        Record q = query.getQuestion();
        // §5.5: "If the CD bit is set and DO is set, then the DNS64 server MUST NOT perform synthesis".
        boolean dnssecPassthrough = query.getHeader().getFlag(Flags.CD) && Edns.doBit(query);
        boolean synth = synthesize && !dnssecPassthrough;
        Optional<Message> local = Ipv4OnlyArpa.answer(query, settings.prefixes(), synth);
        if (local.isPresent()) {
            counters.increment(Dns64Stat.IPV4ONLY_ARPA);
            return local.get();
        }
        boolean aaaa = q.getType() == Type.AAAA && q.getDClass() == DClass.IN;
        boolean ptr = q.getType() == Type.PTR && q.getDClass() == DClass.IN;
        if ((aaaa || ptr) && dnssecPassthrough) {
            counters.increment(Dns64Stat.DNSSEC_PASSTHROUGH);
        } else if (aaaa && !synthesize) {
            counters.increment(Dns64Stat.NO_SYNTHESIS_CLIENT);
        } else if (aaaa) {
            return aaaa(query, budget);
        } else if (ptr && synthesize) {
            Optional<Name> target = ReverseMapping.toInAddrArpa(q.getName(), settings.prefixes());
            if (target.isPresent()) {
                return reverse(query, target.get(), budget);
            }
        }
        counters.increment(Dns64Stat.PASSED_THROUGH);
        return relay(query, query, budget);
    }

    /** §5.1: real AAAA first, synthesis from A when there is none. */
    private Message aaaa(Message query, QueryBudget budget) {
        Message aaaa;
        try {
            aaaa = ChainFollower.ask(upstream, budget, query, query.getQuestion().getName(), Type.AAAA);
        } catch (UpstreamException e) {
            countFailure(e);
            if (!(e.timedOut() && settings.synthesizeOnTimeout())) {
                return Responses.servfail(query);
            }
            aaaa = null;
        }
        if (aaaa != null) {
            // §5.1.4 holds whatever the RCODE: excluded AAAA records never reach the client
            aaaa = excludeFiltered(query, aaaa);
            int rcode = aaaa.getRcode();
            if (rcode == Rcode.NXDOMAIN) { // §5.1.2: handled according to normal DNS operation
                counters.increment(Dns64Stat.NXDOMAIN_PASSED);
                return aaaa;
            }
            if (rcode == Rcode.NOERROR) {
                if (Synthesis.hasAaaa(aaaa.getSection(Section.ANSWER))) { // §5.1.1
                    counters.increment(Dns64Stat.REAL_AAAA);
                    return aaaa;
                }
            } else if (!settings.synthesizeOnServfail()) {
                return aaaa;
            } else {
                counters.increment(Dns64Stat.SYNTHESIS_ON_ERROR); // §5.1.2: as though RCODE 0, empty
            }
        }
        return synthesizeFromA(query, aaaa, budget);
    }

    /** The AAAA response without records in the exclusion set (§5.1.4), counted. */
    private Message excludeFiltered(Message query, Message aaaa) {
        Message out = Responses.relay(query, aaaa);
        List<Record> answer = out.getSection(Section.ANSWER);
        List<Record> kept = Synthesis.withoutExcluded(answer, settings.exclude());
        if (kept.size() != answer.size()) {
            counters.increment(Dns64Stat.EXCLUDED_AAAA);
            out.removeAllRecords(Section.ANSWER);
            kept.forEach(r -> out.addRecord(r, Section.ANSWER));
        }
        return out;
    }

    /** §5.1.6–§5.1.8: ask A; synthesize, or give back the AAAA response when there is nothing to synthesize from. */
    private Message synthesizeFromA(Message query, Message aaaaResponse, QueryBudget budget) {
        Record q = query.getQuestion();
        Message a;
        try {
            a = ChainFollower.ask(upstream, budget, query, q.getName(), Type.A);
        } catch (UpstreamException e) {
            countFailure(e);
            // the AAAA response as the client's answer (its ID and question), never the upstream's own message
            return aaaaResponse != null ? Responses.relay(query, aaaaResponse) : Responses.servfail(query);
        }
        List<Record> answer = a.getRcode() == Rcode.NOERROR
                ? Synthesis.synthesize(a.getSection(Section.ANSWER), settings.prefixes(),
                        Synthesis.negativeTtl(aaaaResponse))
                : List.of();
        if (answer.isEmpty()) {
            counters.increment(Dns64Stat.NO_A_FOR_SYNTHESIS);
            return aaaaResponse != null ? Responses.relay(query, aaaaResponse) : Responses.relay(query, a);
        }
        counters.increment(Dns64Stat.SYNTHESIZED);
        // §5.5: synthesized data cannot validate, so AD stays clear (Responses.reply never sets it).
        return Responses.reply(query, Rcode.NOERROR, answer, List.of());
    }

    /** §5.3.1: CNAME from the ip6.arpa name to the in-addr.arpa name, then what that name holds. */
    private Message reverse(Message query, Name target, QueryBudget budget) {
        Record q = query.getQuestion();
        Message inner;
        Message innerQuery = forUpstream(query, Record.newRecord(target, Type.PTR, DClass.IN));
        Optional<Message> local = Ipv4OnlyArpa.answer(innerQuery, settings.prefixes(), true);
        if (local.isPresent()) {
            inner = local.get();
        } else {
            try {
                inner = upstream.ask(innerQuery, budget);
            } catch (UpstreamException e) {
                countFailure(e);
                return Responses.servfail(query);
            }
        }
        counters.increment(Dns64Stat.SYNTHESIZED_PTR);
        long ttl = Synthesis.NO_SOA_TTL_CAP;
        for (Record r : inner.getSection(Section.ANSWER)) {
            ttl = Math.min(ttl, r.getTTL());
        }
        List<Record> answer = new ArrayList<>();
        answer.add(new CNAMERecord(q.getName(), DClass.IN, ttl, target));
        answer.addAll(inner.getSection(Section.ANSWER));
        int rcode = inner.getRcode() == Rcode.NXDOMAIN || inner.getRcode() == Rcode.NOERROR ? inner.getRcode()
                : Rcode.SERVFAIL;
        return Responses.reply(query, rcode, answer, inner.getSection(Section.AUTHORITY));
    }

    private Message relay(Message query, Message toSend, QueryBudget budget) {
        try {
            return Responses.relay(query, upstream.ask(forUpstream(toSend, toSend.getQuestion()), budget));
        } catch (UpstreamException e) {
            countFailure(e);
            return Responses.servfail(query);
        }
    }

    /** Counts why upstream gave nothing; a spent budget ends the whole query with SERVFAIL. */
    private void countFailure(UpstreamException e) {
        if (e.budgetExceeded()) {
            throw new BudgetSpent();
        }
        counters.increment(e.timedOut() ? Dns64Stat.UPSTREAM_TIMEOUT : Dns64Stat.UPSTREAM_FAILURE);
    }

    /** The query we send upstream for {@code question}: RD, the client's CD and DO, our payload size. */
    static Message forUpstream(Message client, Record question) {
        Message m = Message.newQuery(question);
        m.getHeader().setFlag(Flags.RD);
        if (client.getHeader().getFlag(Flags.CD)) {
            m.getHeader().setFlag(Flags.CD);
        }
        m.addRecord(new org.xbill.DNS.OPTRecord(Edns.OUR_PAYLOAD, 0, 0,
                Edns.doBit(client) ? org.xbill.DNS.ExtendedFlags.DO : 0), Section.ADDITIONAL);
        return m;
    }
}
