package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** One reader per daemon command, and what a command does not use reported, never ignored (issue 16). */
class RunConfigsTest {
    private static final String DHCP4 = """
            [dhcp4]
            [[dhcp4.subnet]]
            prefix = "192.0.2.0/24"
            interface = "eth0"
            server-id = "192.0.2.1"
            pools = [{ range = "192.0.2.100-192.0.2.199" }]
            """;

    @Test
    void eachDaemonReadsItsTableMetricsOnItsOwnPortAndTheSupervisionKeys() throws ConfigException {
        RunConfig c = RunConfigs.read("dhcp4", ConfigFile.parse("d.toml", DHCP4
                + "[gateway]\non-component-failure = \"restart\"\nmax-restarts = 3\n"));
        assertThat(c.dhcp4().interfaces()).containsExactly("eth0");
        assertThat(c.nat64()).isNull();
        assertThat(c.metrics().url()).isEqualTo("http://127.0.0.1:9467/metrics");
        assertThat(c.supervision()).isEqualTo(new SupervisionSettings(true, 3));
        assertThat(c.warnings()).isEmpty();
        assertThat(RunConfigs.read("dhcp4", ConfigFile.parse("d.toml", DHCP4)).supervision())
                .isEqualTo(SupervisionSettings.STANDALONE);
        assertThat(RunConfigs.metricsPort("ra")).isEqualTo(9465);
        assertThat(RunConfigs.metricsPort("dns64")).isEqualTo(9466);
        assertThat(RunConfigs.metricsPort("nat64")).isEqualTo(9464);
    }

    @Test
    void theOldDhcp4MetricsKeyPointsToTheMetricsTable() {
        assertThatThrownBy(() -> RunConfigs.read("dhcp4", ConfigFile.parse("d.toml",
                DHCP4.replace("[dhcp4]\n", "[dhcp4]\nmetrics = \"off\"\n"))))
                .hasMessageContaining("d.toml:2: [dhcp4] metrics: the metrics endpoint moved to the [metrics] table");
    }

    @Test
    void aTableOrKeyTheCommandDoesNotUseIsAWarningAtItsLine() throws ConfigException {
        ConfigFile file = ConfigFile.parse("d.toml", DHCP4 + "[gateway]\nhealth-signalling = false\n"
                + "[nat64]\npool6 = \"2001:db8:64::/96\"\npool4 = [\"203.0.113.1\"]\n");
        assertThat(RunConfigs.read("dhcp4", file).warnings()).containsExactly(
                "d.toml:9: [nat64]: not used by v6mostly dhcp4 (it is for v6mostly gateway and v6mostly nat64)",
                "d.toml:8: [gateway] health-signalling: not used by v6mostly dhcp4 (only by v6mostly gateway)");
    }

    @Test
    void checkConfigReportsTheSameForTheCommandTheFileIsFor() throws ConfigException {
        ConfigFile gateway = ConfigFile.parse("g.toml", "[pref64]\nprefixes = [\"2001:db8:64::/96\"]\n" + DHCP4
                + "[siit]\npool6 = \"2001:db8:64::/96\"\n");
        assertThat(RunConfigs.commandFor(gateway)).isEqualTo("gateway");
        assertThat(ConfigCheck.check(gateway, null, Optional.empty())).filteredOn(f -> f.check().equals("unused"))
                .extracting(Finding::message)
                .containsExactly("g.toml:9: [siit]: not used by v6mostly gateway (it is for v6mostly dns64 and"
                        + " v6mostly ra and v6mostly siit)");
        assertThat(RunConfigs.commandFor(ConfigFile.parse("d.toml", DHCP4))).isEqualTo("dhcp4");
    }
}
