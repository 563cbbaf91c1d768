package net.v6mostly.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
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
        String text;
        try {
            text = MetricsScrape.fetch(url, Duration.ofSeconds(Math.max(1, timeoutSeconds)));
        } catch (IOException e) {
            err.println("stats: cannot reach v6mostly siit at " + url + ": " + describe(e)
                    + "; is the daemon running, and does its [metrics] listen match? (In a network namespace, run"
                    + " this command inside it: ip netns exec NS v6mostly siit stats.)");
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
        String text = source.url == null ? DEFAULT_URL : source.url;
        try {
            URI uri = new URI(text.contains("://") ? text : "http://" + text);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                err.println("stats: --metrics needs an http URL like http://127.0.0.1:9464, not " + text);
                return null;
            }
            String path = uri.getRawPath();
            return path == null || path.isEmpty() || path.equals("/") ? uri.resolve("/metrics") : uri;
        } catch (URISyntaxException e) {
            err.println("stats: --metrics is not a URL: " + e.getMessage());
            return null;
        }
    }

    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "no answer in time";
            }
        }
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
