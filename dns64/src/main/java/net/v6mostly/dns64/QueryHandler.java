package net.v6mostly.dns64;

import java.net.InetAddress;
import java.util.Arrays;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One query from bytes to bytes, for both listeners: header checks and FORMERR (RFC 1035 §4.1.1),
 * client access control (RFC 5358 §4), the cache, {@link Dns64Resolver}, EDNS(0) and truncation
 * (RFC 6891 §6.2.5, RFC 1035 §4.2.1). Never throws: an unexpected error becomes SERVFAIL and is
 * counted under {@code INTERNAL_ERROR} with a rate-limited report of the query's bytes
 * ({@link Dns64Counters#fault}), so a listener cannot be brought down by a query.
 */
public final class QueryHandler {
    /** Queries longer than this are refused with FORMERR: no legitimate single question needs it. */
    static final int MAX_QUERY = 4096;
    private static final int HEADER = 12;

    private final Dns64Settings settings;
    private final Dns64Resolver resolver;
    private final DnsCache cache;
    private final Dns64Counters counters;
    private final WireAnswers replay;

    /** Answers with {@code resolver}, caching in {@code cache}. */
    public QueryHandler(Dns64Settings settings, Dns64Resolver resolver, DnsCache cache, Dns64Counters counters) {
        this.settings = settings;
        this.resolver = resolver;
        this.cache = cache;
        this.counters = counters;
        this.replay = new WireAnswers(Math.max(1, settings.cacheEntries()), cache::now);
    }

    /**
     * The UDP answer to a query that the cache answered before, straight from stored bytes
     * ({@link WireAnswers}), or null: then call {@link #handle}. Cheap enough for the receiving
     * thread: no parse, no {@code Message}, one map lookup.
     */
    public byte[] cachedUdpAnswer(byte[] data, int length, InetAddress client) {
        if (!settings.allowClients().contains(client)) {
            return null;
        }
        try {
            byte[] out = replay.answer(data, length, !settings.noSynthesisClients().contains(client));
            if (out != null) {
                int end = WireAnswers.questionEnd(data, length);
                countType((data[end - 4] & 0xFF) << 8 | data[end - 3] & 0xFF);
                counters.increment(Dns64Stat.CACHE_HIT);
            }
            return out;
        } catch (RuntimeException | StackOverflowError e) {   // counted; the full path answers it instead
            counters.fault(e, data, length);
            return null;
        }
    }

    /** The settings in force. */
    public Dns64Settings settings() {
        return settings;
    }

    /**
     * The response bytes for {@code length} bytes of {@code data} from {@code client}, or null when
     * the datagram must be dropped (shorter than a header, or itself a response).
     *
     * @param udp whether the answer must fit the client's UDP buffer (else TCP: 65535)
     */
    public byte[] handle(byte[] data, int length, InetAddress client, boolean udp) {
        if (length < HEADER || (data[2] & 0x80) != 0) {
            counters.increment(Dns64Stat.MALFORMED_DROPPED);
            return null;
        }
        try {
            return answer(Arrays.copyOf(data, length), client, udp);
        } catch (RuntimeException | StackOverflowError e) {   // counted, reported with the bytes
            counters.fault(e, data, length);
            return headerOnly(data, Rcode.SERVFAIL);
        }
    }

    private byte[] answer(byte[] wire, InetAddress client, boolean udp) {
        int qdcount = (wire[4] & 0xFF) << 8 | wire[5] & 0xFF;
        Message query;
        try {
            if (wire.length > MAX_QUERY || qdcount != 1) {
                throw new java.io.IOException("bad size or QDCOUNT");
            }
            query = new Message(wire);
            if (query.getQuestion() == null) {
                // dnsjava reads a message with TC set leniently, stopping quietly at a broken record:
                // a query whose question did not parse is as malformed as one that threw (RFC 1035 §4.1.2)
                throw new java.io.IOException("no question parsed");
            }
        } catch (java.io.IOException | RuntimeException e) {
            counters.increment(Dns64Stat.MALFORMED_FORMERR);
            return headerOnly(wire, Rcode.FORMERR);
        }
        if (!settings.allowClients().contains(client)) {
            counters.increment(Dns64Stat.REFUSED_CLIENT);
            return finish(query, Responses.reply(query, Rcode.REFUSED), udp);
        }
        if (!Responses.isQuery(query)) {
            counters.increment(Dns64Stat.NOT_IMPLEMENTED);
            return finish(query, Responses.reply(query, Rcode.NOTIMP), udp);
        }
        countType(query.getQuestion().getType());
        boolean synth = !settings.noSynthesisClients().contains(client);
        Record q = query.getQuestion();
        DnsCache.Key key = new DnsCache.Key(q.getName(), q.getType(), q.getDClass(), Edns.doBit(query),
                query.getHeader().getFlag(Flags.CD), synth);
        DnsCache.Hit hit = cache.lookup(key);
        if (hit == null) {
            counters.increment(Dns64Stat.CACHE_MISS);
            Message response = resolver.resolve(query, synth);
            cache.put(key, response, response.numBytes());
            return finish(query, response, udp);
        }
        counters.increment(Dns64Stat.CACHE_HIT);
        byte[] out = finish(query, fromCache(query, hit.message()), udp);
        if (udp) {
            replay.store(wire, wire.length, synth, out, hit.remainingSeconds());
        }
        return out;
    }

    private static Message fromCache(Message query, Message hit) {
        Message out = Responses.reply(query, hit.getRcode());
        if (hit.getHeader().getFlag(Flags.AD)) {
            out.getHeader().setFlag(Flags.AD);
        }
        for (int s : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            hit.getSection(s).forEach(r -> out.addRecord(r, s));
        }
        return out;
    }

    private byte[] finish(Message query, Message response, boolean udp) {
        Edns.answerOpt(query, response);
        int limit = udp ? Edns.udpLimit(query) : 65535;
        byte[] out = response.toWire(limit);
        if (udp && (out[2] & 0x02) != 0 && !response.getHeader().getFlag(Flags.TC)) {
            counters.increment(Dns64Stat.TRUNCATED);
        }
        return out;
    }

    private void countType(int type) {
        counters.increment(switch (type) {
            case Type.AAAA -> Dns64Stat.QUERY_AAAA;
            case Type.A -> Dns64Stat.QUERY_A;
            case Type.PTR -> Dns64Stat.QUERY_PTR;
            default -> Dns64Stat.QUERY_OTHER;
        });
    }

    /** A 12-byte response header: the query's ID, opcode and RD, QR set, {@code rcode}, no records. */
    static byte[] headerOnly(byte[] query, int rcode) {
        byte[] out = new byte[HEADER];
        out[0] = query[0];
        out[1] = query[1];
        out[2] = (byte) (0x80 | query[2] & 0x79); // QR, opcode, RD
        out[3] = (byte) (0x80 | rcode & 0x0F); // RA
        return out;
    }
}
