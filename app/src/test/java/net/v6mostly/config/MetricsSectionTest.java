package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** [metrics] listen: loopback by default, IPv4 and bracketed IPv6 literals, "off", located errors. */
class MetricsSectionTest {
    private static final String SIIT = "[siit]\npool6 = \"2001:db8:64::/96\"\n[metrics]\n";

    private static MetricsSettings read(String line) throws ConfigException {
        return TunSectionTest.read(SIIT + line + "\n").metrics();
    }

    @Test
    void literalsAndOff() throws ConfigException {
        assertThat(read("listen = \"127.0.0.1:9464\"")).isEqualTo(MetricsSection.DEFAULTS);
        assertThat(read("listen = \"[::1]:9100\"").url()).isEqualTo("http://[::1]:9100/metrics");
        assertThat(read("listen = \"198.18.0.1:80\"").url()).isEqualTo("http://198.18.0.1:80/metrics");
        assertThat(read("listen = \"off\"").enabled()).isFalse();
        assertThat(read("").enabled()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "listen = \"localhost:9464\"  | siit.toml:4: [metrics] listen: not an IPv4 address: 'localhost'",
        "listen = \"127.0.0.1\"       | siit.toml:4: [metrics] listen: expected \"address:port\" (e.g. \"127.0.0.1:9464\", \"[::1]:9464\") or \"off\", not \"127.0.0.1\"",
        "listen = \"127.0.0.1:0\"     | siit.toml:4: [metrics] listen: port must be 1..65535, not 0",
        "listen = \"127.0.0.1:http\"  | siit.toml:4: [metrics] listen: not a port number: \"http\" in \"127.0.0.1:http\"",
        "listen = \"::1:9464\"        | siit.toml:4: [metrics] listen: write an IPv6 address in brackets: \"[::1]:9464\"",
        "listen = 9464               | siit.toml:4: [metrics] listen: expected a string, found integer 9464",
        "port = 9464                 | siit.toml:4: [metrics] port: unknown key; known keys: listen",
    })
    void wrongValuesAreLocated(String line, String expected) {
        assertThatThrownBy(() -> read(line)).isInstanceOf(ConfigException.class).hasMessage(expected);
    }
}
