package net.v6mostly.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import net.v6mostly.ops.Scrape;

/**
 * What the {@code stats} subcommands share: turning {@code --metrics} text into the endpoint's
 * {@code /metrics} URL and fetching it, with errors an operator can act on.
 */
public final class MetricsEndpoint {
    private MetricsEndpoint() {
    }

    /**
     * The {@code /metrics} URL for {@code text} ({@code host:port}, or an http URL whose empty path
     * becomes {@code /metrics}), or null after telling {@code err} why it is not one.
     */
    public static URI url(String text, String example, PrintWriter err) {
        try {
            URI uri = new URI(text.contains("://") ? text : "http://" + text);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                err.println("stats: --metrics needs an http URL like " + example + ", not " + text);
                return null;
            }
            String path = uri.getRawPath();
            return path == null || path.isEmpty() || path.equals("/") ? uri.resolve("/metrics") : uri;
        } catch (URISyntaxException e) {
            err.println("stats: --metrics is not a URL: " + e.getMessage());
            return null;
        }
    }

    /**
     * The metrics text of {@code url}, or null after telling {@code err} that {@code daemon} could
     * not be reached and which setting ({@code setting}) says where it listens.
     */
    public static String fetch(URI url, int timeoutSeconds, String daemon, String setting, PrintWriter err) {
        try {
            return Scrape.fetch(url, Duration.ofSeconds(Math.max(1, timeoutSeconds)));
        } catch (IOException e) {
            err.println("stats: cannot reach " + daemon + " at " + url + ": " + describe(e) + "; is the daemon running, and"
                    + " does its " + setting + " match? (In a network namespace, run this command inside it:"
                    + " ip netns exec NS " + daemon + " stats.)");
            return null;
        }
    }

    /** A short reason for a failed fetch: refused, timed out, or the innermost message. */
    public static String describe(IOException e) {
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
