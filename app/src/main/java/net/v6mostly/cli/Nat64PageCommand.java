package net.v6mostly.cli;

import java.net.URI;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code v6mostly nat64 bib|sessions|stats}: print a page of a running {@code v6mostly nat64} (or
 * {@code v6mostly gateway} with {@code [nat64]}), fetched from its metrics endpoint ({@code /nat64/bib}, {@code /nat64/sessions},
 * {@code /nat64/stats}) on loopback.
 */
abstract class Nat64PageCommand extends MetricsClientCommand {
    /** The page of the endpoint: {@code /nat64/<command>}, e.g. {@code /nat64/bib}. */
    String path() {
        return "/nat64/" + spec.name();
    }

    @Override
    URI page(URI metrics) {
        return metrics.resolve(path());
    }

    @Override
    String render(String text, URI url) {
        return text;
    }

    /** {@code v6mostly nat64 bib}. */
    @Command(name = "bib", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the BIB (RFC 6146 §3.1) of a running v6mostly nat64, one line per entry.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:success", "1:the daemon cannot be reached", "2:usage or configuration error"})
    static final class Bib extends Nat64PageCommand {
    }

    /** {@code v6mostly nat64 sessions}. */
    @Command(name = "sessions", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the session table (RFC 6146 §3.2) of a running v6mostly nat64.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:success", "1:the daemon cannot be reached", "2:usage or configuration error"})
    static final class Sessions extends Nat64PageCommand {
    }

    /** {@code v6mostly nat64 stats}. */
    @Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the counters, table sizes and pool4 use of a running v6mostly nat64.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:success", "1:the daemon cannot be reached", "2:usage or configuration error"})
    static final class Stats extends Nat64PageCommand {
        @Option(names = "--all", description = "List the counters that are zero too.")
        boolean all;

        @Override
        String path() {
            return all ? "/nat64/stats-all" : "/nat64/stats";
        }
    }
}
