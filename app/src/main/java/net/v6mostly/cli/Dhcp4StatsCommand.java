package net.v6mostly.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.Dhcp4Section;
import net.v6mostly.config.MetricsSettings;
import net.v6mostly.ops.Dhcp4Metrics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v6mostly dhcp4 stats}: fetches the metrics of a running {@code v6mostly dhcp4} and prints
 * its non-zero counters with their explanations and the option 108 adoption figures per subnet.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the counters and adoption figures of a running v6mostly dhcp4.",
            "Reads the metrics endpoint: --metrics URL, or the [dhcp4] metrics address of -c FILE,"
                + " or " + Dhcp4StatsCommand.DEFAULT_URL + "."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the server's metrics endpoint cannot be reached", "2:usage or configuration error"})
public final class Dhcp4StatsCommand implements Callable<Integer> {
    static final String DEFAULT_URL = "http://" + Dhcp4Section.DEFAULT_METRICS + "/metrics";

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true)
    private Source source = new Source();

    /** --metrics and -c exclude each other. */
    static final class Source {
        @Option(names = "--metrics", paramLabel = "URL",
                description = "the metrics endpoint, e.g. http://127.0.0.1:9467 (/metrics is added when the path is empty)")
        String url;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "take the address from [dhcp4] metrics")
        Path config;
    }

    @Option(names = "--all", description = "list the counters that are zero too")
    private boolean all;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "how long to wait for the server (default: ${DEFAULT-VALUE})")
    private int timeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        URI url;
        try {
            url = url(err);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Main.USAGE_ERROR;
        }
        if (url == null) {
            return Main.USAGE_ERROR;
        }
        String text = MetricsEndpoint.fetch(url, timeoutSeconds, "v6mostly dhcp4", "[dhcp4] metrics", err);
        if (text == null) {
            return Main.RUNTIME_ERROR;
        }
        spec.commandLine().getOut().print(Dhcp4Metrics.table(url.toString(), text, all));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    private URI url(PrintWriter err) throws ConfigException {
        if (source.config != null) {
            MetricsSettings m = Dhcp4Section.read(ConfigFile.load(source.config)).metrics();
            if (!m.enabled()) {
                err.println("stats: " + source.config + " turns the metrics endpoint off ([dhcp4] metrics = \"off\");"
                        + " nothing to read");
                return null;
            }
            return URI.create(m.url());
        }
        return MetricsEndpoint.url(source.url == null ? DEFAULT_URL : source.url, "http://127.0.0.1:9467", err);
    }
}
