package net.v6mostly.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import net.v6mostly.lab.LabDnsServer;
import net.v6mostly.lab.LabWebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code v6mostly lab-serve}: the lab's servers, started by {@code v6mostly lab} inside a
 * namespace (hidden: not a command for users). Prints {@code serving} once every socket is bound
 * and runs until SIGTERM.
 */
@Command(name = "lab-serve", hidden = true, mixinStandardHelpOptions = true,
        description = "The lab's web and DNS servers (started by 'v6mostly lab' inside a namespace).")
final class LabServeCommand implements Callable<Integer> {
    @Option(names = "--http", paramLabel = "ADDR=BODY", description = "A web server on ADDR port 80 answering BODY.")
    List<String> http = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "ADDR", description = "An authoritative DNS server on ADDR port 53.")
    List<String> dns = new ArrayList<>();

    @Option(names = "--zone", defaultValue = "lab.example", description = "The zone the DNS server answers for.")
    String zone;

    @Option(names = "--record", paramLabel = "NAME=ADDR", description = "An A or AAAA record (NAME relative to the zone).")
    List<String> records = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Map<String, List<String>> data = new LinkedHashMap<>();
        for (String r : records) {
            String[] kv = split(r, "--record");
            data.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
        }
        List<AutoCloseable> servers = new ArrayList<>();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable s : servers) {
                try {
                    s.close();
                } catch (Exception ignored) {
                    // closing on the way out
                }
            }
            stop.countDown();
        }));
        for (String h : http) {
            String[] kv = split(h, "--http");
            servers.add(new LabWebServer(kv[0], 80, kv[1]));
        }
        for (String d : dns) {
            servers.add(new LabDnsServer(d, zone, data));
        }
        System.out.println("serving " + http.size() + " web and " + dns.size() + " DNS servers");
        System.out.flush();
        stop.await();
        return Main.OK;
    }

    private static String[] split(String value, String option) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " wants KEY=VALUE, not '" + value + "'");
        }
        return new String[] {value.substring(0, eq), value.substring(eq + 1)};
    }
}
