package net.v6mostly.cli;

import java.net.URI;

import net.v6mostly.ops.Dhcp4Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code v6mostly dhcp4 stats}: fetches the metrics of a running {@code v6mostly dhcp4} and prints
 * its non-zero counters with their explanations and the option 108 adoption figures per subnet.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the counters and adoption figures of a running v6mostly dhcp4.",
            "It reads the metrics endpoint at --metrics URL, at the [metrics] listen address of -c FILE,"
                + " or at http://127.0.0.1:9467/metrics."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the server's metrics endpoint cannot be reached", "2:usage or configuration error"})
public final class Dhcp4StatsCommand extends MetricsClientCommand {
    @Option(names = "--all", description = "List the counters that are zero too.")
    private boolean all;

    @Override
    String render(String text, URI url) {
        return Dhcp4Metrics.table(url.toString(), text, all);
    }
}
