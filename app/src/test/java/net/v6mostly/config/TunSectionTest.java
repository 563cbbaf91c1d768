package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.v6mostly.xlat.SiitSettings;

/** [siit.tun]: every key, the defaults, the link MTU as mtu4/mtu6 default, and located errors. */
class TunSectionTest {
    private static final String SIIT = "[siit]\npool6 = \"2001:db8:64::/96\"\n";

    static RunConfig read(String text) throws ConfigException {
        return RunConfigs.read("siit", ConfigFile.parse("siit.toml", text));
    }

    @Test
    void absentTableGivesTheDefaults() throws ConfigException {
        RunConfig c = read(SIIT);
        assertThat(c.siit().tun()).isEqualTo(new TunSettings("siit0", 1, false, 1, true, 0, List.of(), List.of(), false, 0));
        assertThat(c.siit().tun().configuresLink()).isFalse();
        assertThat(c.metrics()).isEqualTo(MetricsSection.DEFAULTS);
        assertThat(c.metrics().url()).isEqualTo("http://127.0.0.1:9464/metrics");
    }

    @Test
    void everyKeyIsRead() throws ConfigException {
        RunConfig c = read(SIIT + """
                [siit.tun]
                name = "xlat7"
                queues = 4
                multi-queue = true
                workers = 4
                offload = false
                mtu = 1400
                addresses = ["198.51.100.1/24", "2001:DB8:0::1/64"]
                routes = ["2001:db8:64::/96", "192.0.2.0/24", "192.0.2.7"]
                up = true
                busy-poll = 200
                """);
        assertThat(c.siit().tun()).isEqualTo(new TunSettings("xlat7", 4, true, 4, false, 1400,
                List.of("198.51.100.1/24", "2001:db8::1/64"), List.of("2001:db8:64::/96", "192.0.2.0/24", "192.0.2.7/32"),
                true, 200));
        assertThat(c.siit().tun().configuresLink()).isTrue();
    }

    @Test
    void busyPollIsBoundedMicroseconds() {
        assertThatThrownBy(() -> read(SIIT + "[siit.tun]\nbusy-poll = 20000\n")).hasMessageContaining("busy-poll")
                .hasMessageContaining("microseconds");
        assertThatThrownBy(() -> read(SIIT + "[siit.tun]\nbusy-poll = -1\n")).hasMessageContaining("busy-poll");
    }

    @Test
    void multiQueueWorkersDefaultToTheQueues() throws ConfigException {
        assertThat(read(SIIT + "[siit.tun]\nqueues = 3\nmulti-queue = true\n").siit().tun().workers()).isEqualTo(3);
        assertThat(read(SIIT + "[siit.tun]\nworkers = 2\n").siit().tun().workers()).isEqualTo(2);
    }

    @Test
    void linkMtuIsTheDefaultOfMtu4AndMtu6UnlessTheyAreGiven() throws ConfigException {
        SiitSettings both = read(SIIT + "[siit.tun]\nmtu = 1400\n").siit().siit();
        assertThat(List.of(both.mtu4(), both.mtu6())).containsExactly(1400, 1400);
        SiitSettings one = read(SIIT + "mtu6 = 9000\n[siit.tun]\nmtu = 1400\n").siit().siit();
        assertThat(List.of(one.mtu4(), one.mtu6())).containsExactly(1400, 9000);
        SiitSettings none = read(SIIT).siit().siit();
        assertThat(List.of(none.mtu4(), none.mtu6())).containsExactly(1500, 1500);
    }

    @Test
    void translateStillReadsAFileWithTheDaemonTables() throws ConfigException {
        ConfigFile file = ConfigFile.parse("siit.toml", SIIT + "[siit.tun]\nname = \"x\"\n[metrics]\nlisten = \"off\"\n");
        ConfigSections.checkKnown(file);
        assertThat(SiitSection.read(file).pool6()).hasToString("2001:db8:64::/96");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "queues = 2                       | siit.toml:5: [siit.tun] queues: 2 queues need multi-queue = true (IFF_MULTI_QUEUE: one file descriptor per queue)",
        "queues = 0                       | siit.toml:5: [siit.tun] queues: must be 1..256, not 0",
        "workers = 0                      | siit.toml:5: [siit.tun] workers: must be 1..256, not 0",
        "mtu = 1000                       | siit.toml:5: [siit.tun] mtu: must be 1280..65535 (RFC 8200 §5: a link carrying IPv6 needs at least 1280), not 1000",
        "name = \"a-very-long-name-0\"    | siit.toml:5: [siit.tun] name: interface name 'a-very-long-name-0' is 18 bytes; Linux allows at most 15 (IFNAMSIZ 16 with the NUL)",
        "name = \"a/b\"                   | siit.toml:5: [siit.tun] name: interface name 'a/b' has '/', which Linux refuses at position 2; allowed: ASCII letters, digits and - _ . + @",
        "offload = \"yes\"                | siit.toml:5: [siit.tun] offload: expected true or false, found string \"yes\"",
        "addresses = \"198.51.100.1/24\"  | siit.toml:5: [siit.tun] addresses: expected an array of strings, found string \"198.51.100.1/24\"",
        "addresses = [\"198.51.100.1\"]   | siit.toml:5: [siit.tun] addresses[1]: an interface address needs a prefix length, e.g. 198.51.100.1/24 or 2001:db8::1/64, not '198.51.100.1'",
        "addresses = [\"2001:db8::1/64\", \"2001:db8::1/129\"] | siit.toml:5: [siit.tun] addresses[2]: prefix length must be 0..128, not 129",
        "routes = [\"192.0.2.1/24\"]      | siit.toml:5: [siit.tun] routes[1]: IPv4 prefix 192.0.2.1/24 has host bits set (did you mean 192.0.2.0/24?)",
        "routes = [1]                     | siit.toml:5: [siit.tun] routes: element 1: expected a string, found integer 1",
        "queue = 2                        | siit.toml:5: [siit.tun] queue: unknown key (did you mean 'queues'?); known keys: name, queues, multi-queue, workers, offload, busy-poll, mtu, addresses, routes, up",
    })
    void wrongValuesAreLocated(String line, String expected) {
        assertThatThrownBy(() -> read(SIIT + "\n[siit.tun]\n" + line + "\n"))
                .isInstanceOf(ConfigException.class).hasMessage(expected);
    }

    @Test
    void multiQueueWorkersMustEqualQueues() {
        assertThatThrownBy(() -> read(SIIT + "[siit.tun]\nqueues = 4\nmulti-queue = true\nworkers = 2\n"))
                .hasMessage("siit.toml:6: [siit.tun] workers: with multi-queue each worker owns one queue, so workers"
                        + " must equal queues (4), not 2");
    }

    @Test
    void tunMustBeATable() {
        assertThatThrownBy(() -> read(SIIT + "tun = \"siit0\"\n"))
                .hasMessage("siit.toml:3: [siit] tun: expected a table ([siit.tun]), found string \"siit0\"");
    }
}
