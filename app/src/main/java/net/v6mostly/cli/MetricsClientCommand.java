package net.v6mostly.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.MetricsSection;
import net.v6mostly.config.MetricsSettings;
import net.v6mostly.config.RunConfigs;
import net.v6mostly.ops.MetricsEndpoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that reads a running daemon through its metrics endpoint ({@code siit stats},
 * {@code clat status}, {@code dhcp4 stats}, {@code nat64 bib|sessions|stats}): the endpoint comes
 * from {@code --metrics URL}, from the metrics setting of {@code -c FILE}, or from the daemon's
 * default; what is fetched is printed the subclass's way.
 */
abstract class MetricsClientCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Source source = new Source();

    /** --metrics and -c exclude each other. */
    static final class Source {
        @Option(names = "--metrics", paramLabel = "URL",
                description = "The daemon's metrics endpoint (/metrics is added when the path is empty),"
                        + " e.g. http://127.0.0.1:9464.")
        String url;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                description = "Take the endpoint's address from the daemon's configuration file.")
        Path config;
    }

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "How many seconds to wait for the daemon (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** The daemon command this one reads, e.g. {@code siit} for {@code v6mostly siit stats}. */
    String daemonCommand() {
        return spec.parent().name();
    }

    /** The daemon, as the error messages name it, e.g. {@code v6mostly siit}. */
    String daemon() {
        return "v6mostly " + daemonCommand();
    }

    /** The setting that says where its endpoint listens. */
    String setting() {
        return "[metrics] listen";
    }

    /** Its endpoint when neither option is given: loopback at the daemon's default port. */
    String defaultUrl() {
        return "http://127.0.0.1:" + RunConfigs.metricsPort(daemonCommand()) + "/metrics";
    }

    /** The {@code [metrics]} of the configuration file {@code config} (the daemon's own file, or a gateway's). */
    MetricsSettings metricsOf(Path config) throws ConfigException {
        return MetricsSection.read(ConfigFile.load(config), RunConfigs.metricsPort(daemonCommand()));
    }

    /** What to print of the fetched {@code text}. */
    abstract String render(String text, URI url);

    /** The page to fetch from the endpoint at {@code metrics}; the metrics themselves unless overridden. */
    URI page(URI metrics) {
        return metrics;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        URI metrics;
        try {
            metrics = endpoint(err);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Main.USAGE_ERROR;
        }
        if (metrics == null) {
            return Main.USAGE_ERROR;
        }
        URI url = page(metrics);
        String text = MetricsEndpoint.fetch(url, timeoutSeconds, daemon(), setting(), err);
        if (text == null) {
            return Main.RUNTIME_ERROR;
        }
        spec.commandLine().getOut().print(render(text, url));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    private URI endpoint(PrintWriter err) throws ConfigException {
        if (source.config != null) {
            MetricsSettings m = metricsOf(source.config);
            if (!m.enabled()) {
                err.println(spec.name() + ": " + source.config + " turns the metrics endpoint off (" + setting()
                        + " = \"off\"); nothing to read");
                return null;
            }
            return URI.create(m.url());
        }
        String fallback = defaultUrl();
        return MetricsEndpoint.url(source.url == null ? fallback : source.url,
                fallback.substring(0, fallback.lastIndexOf('/')), err);
    }
}
