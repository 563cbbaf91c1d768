package net.v6mostly.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.ops.MappingLogIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code v6mostly nat64 lookup 203.0.113.1:40123 --at 2026-12-03T14:03:00Z --log nat64.log}: the
 * abuse-request question of RFC 6888 REQ-12 and draft-ietf-v6ops-6mops, answered from the mapping
 * logs: which IPv6 host held that pool4 address and port at that time. Reads plain or gzipped log
 * files (rotated ones too, in any order) or standard input.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Answer an abuse request from the NAT64 mapping logs: which IPv6 host used a pool4 address"
                + " (and port) at a given time.",
            "It reads the RFC 5424 lines of [nat64] log (bib-create, bib-delete, block-alloc, block-release,"
                + " session-create, session-delete) from files (.gz too) or standard input, e.g.:",
            "  v6mostly nat64 lookup 203.0.113.1:40123 --at 2026-12-03T14:03:00Z \\",
            "      --log /var/log/v6mostly/nat64.log*",
            "  journalctl -u v6mostly-gateway \\",
            "      | v6mostly nat64 lookup 203.0.113.1:40123 --at 2026-12-03T14:03:00Z",
            "A nat64-start line (written when the NAT64 starts) ends every mapping left open before it; a new"
                + " mapping of a port ends the one that held it when its end was not logged."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:at least one mapping found", "1:no mapping found, or a log cannot be read",
            "2:usage error"})
final class Nat64LookupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "POOL4[:PORT]",
            description = "The address (and port, or ICMP identifier) the complaint names:"
                    + " 203.0.113.1:40123, 203.0.113.1#40123 or 203.0.113.1.")
    String target;

    @Option(names = "--at", paramLabel = "TIME",
            description = "When, as ISO 8601 with a zone: 2026-12-03T14:03:00Z or"
                    + " 2026-12-03T15:03:00+01:00; without it every mapping of the address is listed.")
    String at;

    @Option(names = "--slack", paramLabel = "SECONDS", defaultValue = "0",
            description = "Also list the mappings up to this far before or after --at, for a complainant's"
                    + " clock skew; up to 60 s cannot name two subscribers, as a freed port waits 120 s (RFC 6888"
                    + " REQ-8). Default: ${DEFAULT-VALUE}.")
    long slack;

    @Option(names = {"-p", "--proto"}, paramLabel = "PROTO", description = "The protocol: tcp, udp or icmp (default: any).")
    String proto;

    @Option(names = "--log", paramLabel = "FILE", description = "A mapping log, plain or .gz; repeatable. With -"
            + " or none, standard input is read.")
    List<Path> logs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int pool4;
        int port = -1;
        Instant when = null;
        try {
            String[] parts = target.split("[:#]", 2);
            pool4 = Ipv4.parse(parts[0]);
            if (parts.length == 2) {
                port = Integer.parseInt(parts[1]);
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("port " + port + " is outside 0-65535");
                }
            }
            if (at != null) {
                when = OffsetDateTime.parse(at).toInstant();
            }
        } catch (DateTimeParseException e) {
            err.println("nat64 lookup: --at " + at + ": not an ISO 8601 time with a zone, e.g. 2026-12-03T14:03:00Z");
            return Main.USAGE_ERROR;
        } catch (IllegalArgumentException e) {
            err.println("nat64 lookup: " + target + ": " + e.getMessage() + " (expected 203.0.113.1:40123)");
            return Main.USAGE_ERROR;
        }
        if (proto != null && !List.of("tcp", "udp", "icmp").contains(proto.toLowerCase(Locale.ROOT))) {
            err.println("nat64 lookup: --proto " + proto + ": expected tcp, udp or icmp");
            return Main.USAGE_ERROR;
        }
        if (slack < 0) {
            err.println("nat64 lookup: --slack must not be negative");
            return Main.USAGE_ERROR;
        }
        MappingLogIndex index = new MappingLogIndex(pool4);
        List<Path> sources = logs.isEmpty() ? List.of(Path.of("-")) : logs;
        for (Path log : sources) {
            try (BufferedReader r = open(log)) {
                for (String line; (line = r.readLine()) != null; ) {
                    index.add(line);
                }
            } catch (IOException e) {
                err.println("nat64 lookup: cannot read " + log + ": " + e.getMessage());
                return Main.RUNTIME_ERROR;
            }
        }
        err.println("read " + index.lines() + " line(s), " + index.events() + " mapping event(s)"
                + (index.markers() > 0 ? ", " + index.markers() + " NAT64 start(s)" : "")
                + (index.unreadable() > 0 ? ", " + index.unreadable() + " mapping line(s) not understood (skipped)" : ""));
        List<MappingLogIndex.Mapping> found = index.find(port, proto == null ? null
                : proto.toLowerCase(Locale.ROOT), when, slack);
        String what = Ipv4.format(pool4) + (port >= 0 ? "#" + port : "") + (proto == null ? "" : " " + proto)
                + (when == null ? "" : " at " + when + (slack > 0 ? " ± " + slack + " s" : ""));
        if (found.isEmpty()) {
            out.println("no mapping of " + what + " in the log");
            out.flush();
            return Main.RUNTIME_ERROR;
        }
        out.println(found.size() + " mapping(s) of " + what + ":");
        found.forEach(m -> out.println("  " + m.describe()));
        out.flush();
        return Main.OK;
    }

    private static BufferedReader open(Path log) throws IOException {
        InputStream in = log.toString().equals("-") ? System.in : Files.newInputStream(log);
        if (log.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
