package net.v6mostly.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

import net.v6mostly.lab.DnsProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code v6mostly lab-probe http URL} / {@code lab-probe dns|dns-tcp NAME TYPE SERVER}: the lab's
 * built-in stand-ins for curl and dig on machines that have neither (hidden). Output is what
 * {@code curl -s} and {@code dig +short} print; exit status 0 only on an answer.
 */
@Command(name = "lab-probe", hidden = true, mixinStandardHelpOptions = true,
        description = "Built-in HTTP and DNS probes for 'v6mostly lab' where curl or dig is missing.")
final class LabProbeCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The probe: http, dns or dns-tcp.")
    String kind;

    @Parameters(index = "1..*", description = "A URL (http), or NAME TYPE SERVER (dns, dns-tcp).")
    String[] args = {};

    @Override
    public Integer call() throws Exception {
        if ("http".equals(kind) && args.length == 1) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(args[0]))
                    .timeout(Duration.ofSeconds(8)).build(), HttpResponse.BodyHandlers.ofString());
            System.out.print(r.body());
            return r.statusCode() == 200 ? Main.OK : Main.RUNTIME_ERROR;
        }
        if (("dns".equals(kind) || "dns-tcp".equals(kind)) && args.length == 3) {
            return DnsProbe.query(args[0], args[1], args[2], "dns-tcp".equals(kind), System.out, System.err) == 0
                    ? Main.OK : Main.RUNTIME_ERROR;
        }
        System.err.println("usage: lab-probe http URL | lab-probe dns|dns-tcp NAME TYPE SERVER");
        return Main.USAGE_ERROR;
    }
}
