package net.v6mostly.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;

import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The lab's DNS probe ({@code v6mostly lab-probe dns|dns-tcp}): one query, no cache, the records' data printed. */
public final class DnsProbe {
    private DnsProbe() {
    }

    /** The outcome: 0 answered or the name/type does not exist, 1 any other failure. */
    public static int query(String name, String type, String server, boolean tcp, PrintStream out, PrintStream err)
            throws IOException {
        Lookup lookup = new Lookup(name, Type.value(type));
        SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(server));
        resolver.setTimeout(Duration.ofSeconds(3));
        resolver.setTCP(tcp);
        lookup.setResolver(resolver);
        lookup.setCache(null);
        Record[] records = lookup.run();
        if (records == null) {
            err.println("no answer: " + lookup.getErrorString());
            return lookup.getResult() == Lookup.TYPE_NOT_FOUND || lookup.getResult() == Lookup.HOST_NOT_FOUND ? 0 : 1;
        }
        for (Record r : records) {
            out.println(r.rdataToString());
        }
        return 0;
    }
}
