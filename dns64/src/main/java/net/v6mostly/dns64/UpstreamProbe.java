package net.v6mostly.dns64;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * One reachability probe of the DNS64's upstream resolvers: an A query for a fixed name through
 * the same {@link UpstreamClient} the proxy uses (fresh ID and port, RFC 5452), upstreams in
 * order. Any matching response, whatever its RCODE, proves an upstream is reachable; only "no
 * upstream answered" is a failure. Its counters are its own, so probes do not show up as queries.
 */
public final class UpstreamProbe {
    private final UpstreamClient client;
    private final Message query;
    private final List<InetSocketAddress> upstreams;

    /**
     * A probe of {@code upstreams}, each given {@code timeout}, asking for {@code name} A.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid absolute domain name
     */
    public UpstreamProbe(List<InetSocketAddress> upstreams, Duration timeout, String name) {
        this.upstreams = List.copyOf(upstreams);
        this.client = new UpstreamClient(upstreams, timeout, new Dns64Counters());
        try {
            this.query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, DClass.IN));
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a domain name: '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Sends one probe; null when an upstream answered, else why none did. Blocks up to n × timeout. */
    public String probe() {
        try {
            client.ask(query);
            return null;
        } catch (Upstream.UpstreamException e) {
            return "no upstream of " + upstreams + " answered: " + e.getMessage();
        }
    }
}
