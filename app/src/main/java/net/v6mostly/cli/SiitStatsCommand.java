package net.v6mostly.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.SiitDaemonConfig;
import net.v6mostly.ops.MetricsScrape;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v6mostly siit stats}: fetches the metrics of a running {@code v6mostly siit} and prints
 * every non-zero counter with its explanation.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the counters of a running v6mostly siit, each with its explanation.",
            "Reads the metrics endpoint: --metrics URL, or the [metrics] listen address of -c FILE,"
                + " or http://127.0.0.1:9464/metrics."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the daemon's metrics endpoint cannot be reached", "2:usage or configuration error"})
public final class SiitStatsCommand implements Callable<Integer> {
    /** Where the metrics are when nothing says otherwise. */
    static final String DEFAULT_URL = "http://127.0.0.1:9464/metrics";

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true)
    private Source source = new Source();

    /** --metrics and -c exclude each other. */
    static final class Source {
        @Option(names = "--metrics", paramLabel = "URL",
                description = "the metrics endpoint, e.g. http://127.0.0.1:9464 (/metrics is added when the path is empty)")
        String url;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "take the address from [metrics] listen")
        Path config;
    }

    @Option(names = "--all", description = "list the counters that are zero too")
    private boolean all;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "how long to wait for the daemon (default: ${DEFAULT-VALUE})")
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
        String text = MetricsEndpoint.fetch(url, timeoutSeconds, "v6mostly siit", "[metrics] listen", err);
        if (text == null) {
            return Main.RUNTIME_ERROR;
        }
        spec.commandLine().getOut().print(MetricsScrape.parse(text).table(url.toString(), all));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    private URI url(PrintWriter err) throws ConfigException {
        if (source.config != null) {
            SiitDaemonConfig config = SiitDaemonConfig.load(source.config);
            if (!config.metrics().enabled()) {
                err.println("stats: " + source.config + " turns the metrics endpoint off ([metrics] listen = \"off\");"
                        + " nothing to read");
                return null;
            }
            return URI.create(config.metrics().url());
        }
        return MetricsEndpoint.url(source.url == null ? DEFAULT_URL : source.url, "http://127.0.0.1:9464", err);
    }
}
