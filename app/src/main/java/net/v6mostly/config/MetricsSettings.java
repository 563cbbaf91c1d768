package net.v6mostly.config;

import java.net.InetSocketAddress;

import net.v6mostly.addr.Ipv6Address;

/**
 * Where the Prometheus metrics endpoint listens ({@code [metrics] listen}).
 *
 * @param listen the address and port, or null when the endpoint is off
 */
public record MetricsSettings(InetSocketAddress listen) {
    /** The default port (9464, the OpenTelemetry Prometheus exporter's). */
    public static final int DEFAULT_PORT = 9464;

    /** Whether the endpoint is on. */
    public boolean enabled() {
        return listen != null;
    }

    /** {@code http://127.0.0.1:9464/metrics}, {@code http://[::1]:9464/metrics}. */
    public String url() {
        if (listen == null) {
            throw new IllegalStateException("metrics are off");
        }
        String host = listen.getAddress().getHostAddress().replaceFirst("%.*$", "");
        return "http://" + (host.indexOf(':') >= 0 ? "[" + Ipv6Address.parse(host) + "]" : host) + ":"
                + listen.getPort() + "/metrics";
    }
}
