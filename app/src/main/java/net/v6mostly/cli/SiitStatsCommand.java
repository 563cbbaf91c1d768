package net.v6mostly.cli;

import java.net.URI;

import net.v6mostly.ops.Scrape;
import net.v6mostly.ops.SiitMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code v6mostly siit stats}: fetches the metrics of a running {@code v6mostly siit} and prints
 * every non-zero counter with its explanation.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the counters of a running v6mostly siit, each with its explanation.",
            "It reads the metrics endpoint at --metrics URL, at the [metrics] listen address of -c FILE, or at"
                + " http://127.0.0.1:9464/metrics."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the daemon's metrics endpoint cannot be reached", "2:usage or configuration error"})
public final class SiitStatsCommand extends MetricsClientCommand {
    @Option(names = "--all", description = "List the counters that are zero too.")
    private boolean all;

    @Override
    String render(String text, URI url) {
        return SiitMetrics.table(Scrape.parse(text), url.toString(), all);
    }
}
