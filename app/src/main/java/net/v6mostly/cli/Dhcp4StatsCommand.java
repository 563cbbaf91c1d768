package net.v6mostly.cli;

import java.net.URI;
import java.nio.file.Path;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.Dhcp4Section;
import net.v6mostly.config.MetricsSection;
import net.v6mostly.config.MetricsSettings;
import net.v6mostly.config.RunConfigs;
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
                + " or at " + Dhcp4StatsCommand.DEFAULT_URL + "."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the server's metrics endpoint cannot be reached", "2:usage or configuration error"})
public final class Dhcp4StatsCommand extends MetricsClientCommand {
    static final String DEFAULT_URL = "http://" + Dhcp4Section.DEFAULT_METRICS + "/metrics";

    @Option(names = "--all", description = "List the counters that are zero too.")
    private boolean all;

    @Override
    String daemon() {
        return "v6mostly dhcp4";
    }

    @Override
    String setting() {
        return "[metrics] listen";
    }

    @Override
    String defaultUrl() {
        return DEFAULT_URL;
    }

    @Override
    MetricsSettings metricsOf(Path config) throws ConfigException {
        return MetricsSection.read(ConfigFile.load(config), RunConfigs.metricsPort("dhcp4"));
    }

    @Override
    String render(String text, URI url) {
        return Dhcp4Metrics.table(url.toString(), text, all);
    }
}
