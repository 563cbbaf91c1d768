package net.v6mostly.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import net.v6mostly.config.ClatSection;
import net.v6mostly.config.ConfigException;
import net.v6mostly.ops.ClatMetrics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v6mostly clat status}: the state of a running {@code v6mostly clat} (on/off and why, the
 * prefix and its source, the addresses) and its non-zero counters, read from its metrics endpoint.
 */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the state and counters of a running v6mostly clat.",
            "Reads the metrics endpoint: --metrics URL, or the [metrics] listen address of -c FILE,"
                + " or http://127.0.0.1:9464/metrics."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the daemon's metrics endpoint cannot be reached", "2:usage or configuration error"})
public final class ClatStatusCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true)
    private Source source = new Source();

    /** --metrics and -c exclude each other. */
    static final class Source {
        @Option(names = "--metrics", paramLabel = "URL", description = "the metrics endpoint, e.g. http://127.0.0.1:9464")
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
        if (source.config != null) {
            try {
                ClatSection.Daemon d = ClatSection.Daemon.load(source.config);
                if (!d.metrics().enabled()) {
                    err.println("status: " + source.config + " turns the metrics endpoint off; nothing to read");
                    return Main.USAGE_ERROR;
                }
                url = URI.create(d.metrics().url());
            } catch (ConfigException e) {
                err.println(e.getMessage());
                return Main.USAGE_ERROR;
            }
        } else {
            url = MetricsEndpoint.url(source.url == null ? SiitStatsCommand.DEFAULT_URL : source.url,
                    "http://127.0.0.1:9464", err);
            if (url == null) {
                return Main.USAGE_ERROR;
            }
        }
        String text = MetricsEndpoint.fetch(url, timeoutSeconds, "v6mostly clat", "[metrics] listen", err);
        if (text == null) {
            return Main.RUNTIME_ERROR;
        }
        spec.commandLine().getOut().print(ClatMetrics.status(text, url.toString(), all));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
