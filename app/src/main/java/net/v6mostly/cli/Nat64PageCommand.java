package net.v6mostly.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.MetricsSection;
import net.v6mostly.config.MetricsSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v6mostly nat64 bib|sessions|stats}: print a page of a running {@code v6mostly nat64} (or
 * {@code v6mostly gateway} with {@code [nat64]}), fetched from its metrics endpoint ({@code /nat64/bib}, {@code /nat64/sessions},
 * {@code /nat64/stats}) on loopback.
 */
abstract class Nat64PageCommand implements Callable<Integer> {
    static final String DEFAULT_BASE = "http://127.0.0.1:9464";

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Source source = new Source();

    /** --metrics and -c exclude each other. */
    static final class Source {
        @Option(names = "--metrics", paramLabel = "URL",
                description = "the daemon's metrics endpoint, e.g. http://127.0.0.1:9464 (the default)")
        String url;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "take the address from [metrics] listen of FILE (a nat64 or gateway file)")
        Path config;
    }

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "how long to wait for the daemon (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    abstract String path();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        URI base;
        try {
            base = base(err);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Main.USAGE_ERROR;
        }
        if (base == null) {
            return Main.USAGE_ERROR;
        }
        URI url = base.resolve(path());
        String text = MetricsEndpoint.fetch(url, timeoutSeconds, "v6mostly nat64", "[metrics] listen", err);
        if (text == null) {
            return Main.RUNTIME_ERROR;
        }
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    private URI base(PrintWriter err) throws ConfigException {
        if (source.config != null) {
            // a nat64 file or a gateway file: only [metrics] is read
            MetricsSettings metrics = MetricsSection.read(ConfigFile.load(source.config));
            if (!metrics.enabled()) {
                err.println(spec.name() + ": " + source.config + " turns the metrics endpoint off; nothing to read");
                return null;
            }
            return URI.create(metrics.url());
        }
        return MetricsEndpoint.url(source.url == null ? DEFAULT_BASE : source.url, DEFAULT_BASE, err);
    }

    /** {@code v6mostly nat64 bib}. */
    @Command(name = "bib", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the BIB (RFC 6146 §3.1) of a running v6mostly nat64: one line per entry.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:success", "1:the daemon cannot be reached", "2:usage or configuration error"})
    static final class Bib extends Nat64PageCommand {
        @Override
        String path() {
            return "/nat64/bib";
        }
    }

    /** {@code v6mostly nat64 sessions}. */
    @Command(name = "sessions", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the session table (RFC 6146 §3.2) of a running v6mostly nat64.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:success", "1:the daemon cannot be reached", "2:usage or configuration error"})
    static final class Sessions extends Nat64PageCommand {
        @Override
        String path() {
            return "/nat64/sessions";
        }
    }

    /** {@code v6mostly nat64 stats}. */
    @Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the counters, table sizes and pool4 use of a running v6mostly nat64.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:success", "1:the daemon cannot be reached", "2:usage or configuration error"})
    static final class Stats extends Nat64PageCommand {
        @Option(names = "--all", description = "list the counters that are zero too")
        boolean all;

        @Override
        String path() {
            return all ? "/nat64/stats-all" : "/nat64/stats";
        }
    }
}
