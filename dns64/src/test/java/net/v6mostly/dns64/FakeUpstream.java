package net.v6mostly.dns64;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** An upstream from a table of canned answers; records every question it is asked. */
final class FakeUpstream implements Upstream {
    record Canned(int rcode, List<Record> answer, List<Record> authority, boolean timeout, boolean ad) {
    }

    final Map<String, Canned> table = new HashMap<>();
    final List<String> asked = new ArrayList<>();
    final List<Message> queries = new ArrayList<>();

    static String key(Name name, int type) {
        return name.toString().toLowerCase() + "/" + Type.string(type);
    }

    FakeUpstream answer(String name, int type, Record... records) {
        table.put(key(Name.fromConstantString(name), type), new Canned(Rcode.NOERROR, List.of(records), List.of(),
                false, false));
        return this;
    }

    FakeUpstream negative(String name, int type, int rcode, Record... authority) {
        table.put(key(Name.fromConstantString(name), type), new Canned(rcode, List.of(), List.of(authority), false,
                false));
        return this;
    }

    FakeUpstream timeout(String name, int type) {
        table.put(key(Name.fromConstantString(name), type), new Canned(0, List.of(), List.of(), true, false));
        return this;
    }

    FakeUpstream signed(String name, int type, Record... records) {
        table.put(key(Name.fromConstantString(name), type), new Canned(Rcode.NOERROR, List.of(records), List.of(),
                false, true));
        return this;
    }

    @Override
    public synchronized Message ask(Message query) throws UpstreamException {
        Record q = query.getQuestion();
        String k = key(q.getName(), q.getType());
        asked.add(k);
        queries.add(query);
        Canned c = table.get(k);
        if (c == null) {
            c = new Canned(Rcode.NXDOMAIN, List.of(), List.of(), false, false);
        }
        if (c.timeout) {
            throw new UpstreamException("timed out", true);
        }
        Message r = new Message(query.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setRcode(c.rcode);
        if (c.ad) {
            r.getHeader().setFlag(Flags.AD);
        }
        r.addRecord(Record.newRecord(q.getName(), q.getType(), DClass.IN), Section.QUESTION);
        c.answer.forEach(x -> r.addRecord(x, Section.ANSWER));
        c.authority.forEach(x -> r.addRecord(x, Section.AUTHORITY));
        return r;
    }
}
