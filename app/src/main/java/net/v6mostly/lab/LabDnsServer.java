package net.v6mostly.lab;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The authoritative DNS server of the lab's internet for one zone (RFC 1034 §4.3.2 in its
 * simplest form: one zone, no delegation). Names with data get it; a name that exists without
 * data of the asked type gets NODATA with the SOA in the authority section (RFC 2308 §2.2) — the
 * answer a DNS64 must see to synthesize AAAA (RFC 6147 §5.1.2); other names in the zone get
 * NXDOMAIN; names outside it REFUSED. UDP only, which is all the lab's answers need.
 */
public final class LabDnsServer implements AutoCloseable {
    private static final long TTL = 60;
    private final DatagramSocket socket;
    private final Name zone;
    private final SOARecord soa;
    private final Map<Name, List<Record>> data;
    private final Thread thread;

    /**
     * @param address where to listen (port 53)
     * @param zone the zone's name, e.g. {@code lab.example}
     * @param addresses owner name (relative to the zone) to its IPv4 and IPv6 addresses
     */
    public LabDnsServer(String address, String zone, Map<String, List<String>> addresses) throws IOException {
        this.zone = Name.fromString(zone, Name.root);
        Name ns = Name.fromString("ns", this.zone);
        this.soa = new SOARecord(this.zone, DClass.IN, TTL, ns, Name.fromString("hostmaster", this.zone), 1, 3600, 600,
                86400, TTL);
        this.data = new java.util.HashMap<>();
        for (var e : addresses.entrySet()) {
            Name owner = Name.fromString(e.getKey(), this.zone);
            List<Record> records = new java.util.ArrayList<>();
            for (String a : e.getValue()) {
                InetAddress ip = InetAddress.getByName(a);
                records.add(a.contains(":") ? new AAAARecord(owner, DClass.IN, TTL, ip) : new ARecord(owner, DClass.IN, TTL, ip));
            }
            data.put(owner, records);
        }
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 53));
        thread = Thread.ofPlatform().daemon().name("lab-dns-" + address).start(this::serve);
    }

    private void serve() {
        byte[] buf = new byte[1500];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(in);
                byte[] out = answer(java.util.Arrays.copyOf(in.getData(), in.getLength()));
                if (out != null) {
                    socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // a failed send to one client must not end the server
            }
        }
    }

    /** The wire answer to a wire query, or null for input that is not a query (dropped). */
    byte[] answer(byte[] query) {
        Message q;
        try {
            q = new Message(query);
        } catch (IOException malformed) {
            return null;
        }
        if (q.getHeader().getFlag(Flags.QR) || q.getQuestion() == null) {
            return null;
        }
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setOpcode(q.getHeader().getOpcode());
        if (q.getHeader().getFlag(Flags.RD)) {
            r.getHeader().setFlag(Flags.RD);
        }
        Record question = q.getQuestion();
        r.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        if (q.getHeader().getOpcode() != Opcode.QUERY) {
            r.getHeader().setRcode(Rcode.NOTIMP);
        } else if (!name.subdomain(zone)) {
            r.getHeader().setRcode(Rcode.REFUSED);
        } else {
            r.getHeader().setFlag(Flags.AA);
            List<Record> records = data.get(name);
            if (records == null && !name.equals(zone)) {
                r.getHeader().setRcode(Rcode.NXDOMAIN);
                r.addRecord(soa, Section.AUTHORITY);
            } else {
                int type = question.getType();
                boolean any = false;
                if (type == Type.SOA && name.equals(zone)) {
                    r.addRecord(soa, Section.ANSWER);
                    any = true;
                }
                for (Record rec : records == null ? List.<Record>of() : records) {
                    if (rec.getType() == type || type == Type.ANY) {
                        r.addRecord(rec, Section.ANSWER);
                        any = true;
                    }
                }
                if (!any) {
                    r.addRecord(soa, Section.AUTHORITY);
                }
            }
        }
        return r.toWire(512);
    }


    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
