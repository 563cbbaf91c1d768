package net.v6mostly.dns64;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.xlat.rfc6877.Rfc7050;

/**
 * The RFC 7050 §3 query: AAAA {@code ipv4only.arpa.} sent to the network's resolvers (RFC 8880 §7.2:
 * the ones learned from the network, not local or VPN ones), with RD set and CD clear so the DNS64
 * synthesizes (RFC 6147 §5.5). Blocking; the daemon runs it off its main loop.
 */
public final class Ipv4OnlyArpaLookup {
    /**
     * What came back.
     *
     * @param aaaa       the AAAA records of the answer section (empty for NODATA or NXDOMAIN)
     * @param ttlSeconds their smallest TTL (300 when there are none)
     * @param server     the resolver that answered
     */
    public record Answer(List<Ipv6Address> aaaa, long ttlSeconds, String server) {
    }

    private Ipv4OnlyArpaLookup() {
    }

    /** Asks each server in turn; the first answer wins. */
    public static Answer query(List<String> servers, Duration timeout) throws IOException {
        IOException last = new IOException("no resolver to ask (no dns-servers, no RDNSS, no /etc/resolv.conf)");
        for (String server : servers) {
            try {
                SimpleResolver r = new SimpleResolver(InetAddress.getByName(server));
                r.setTimeout(timeout);
                Message q = Message.newQuery(Record.newRecord(Name.fromString(Rfc7050.WELL_KNOWN_NAME), Type.AAAA,
                        DClass.IN));
                Message m = r.send(q);
                int rcode = m.getRcode();
                if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                    last = new IOException(server + " answered " + Rcode.string(rcode));
                    continue;
                }
                List<Ipv6Address> out = new ArrayList<>();
                long ttl = Long.MAX_VALUE;
                for (Record rec : m.getSection(Section.ANSWER)) {
                    if (rec instanceof AAAARecord a) {
                        // the wire form: getAddress() gives 4 bytes for ::ffff:a.b.c.d, which dnsjava maps to IPv4
                        byte[] b = a.rdataToWireCanonical();
                        out.add(new Ipv6Address(java.nio.ByteBuffer.wrap(b).getLong(), java.nio.ByteBuffer.wrap(b).getLong(8)));
                        ttl = Math.min(ttl, a.getTTL());
                    }
                }
                return new Answer(out, out.isEmpty() ? 300 : ttl, server);
            } catch (IOException e) {
                last = new IOException(server + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    /** The system's resolvers (/etc/resolv.conf), as addresses: RFC 8880 §7.2's last resort. */
    public static List<String> systemResolvers() {
        List<String> out = new ArrayList<>();
        org.xbill.DNS.ResolverConfig.getCurrentConfig().servers()
                .forEach(s -> out.add(s.getAddress().getHostAddress()));
        return out;
    }
}
