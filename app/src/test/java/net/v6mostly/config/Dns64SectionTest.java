package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;

import net.v6mostly.dns64.AbuseLimits;
import net.v6mostly.dns64.Dns64Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The [dns64] table: defaults, every key, located errors, and agreement with [siit] pool6. */
class Dns64SectionTest {
    static Dns64Settings read(String text) throws ConfigException {
        ConfigFile f = ConfigFile.parse("v6.toml", text);
        ConfigSections.checkKnown(f);
        return Dns64Section.read(f);
    }

    @Test
    void minimalTableUsesDefaults() throws Exception {
        Dns64Settings s = read("[dns64]\nupstreams = [\"127.0.0.1:5390\"]\n");
        assertThat(s.upstreams()).containsExactly(new InetSocketAddress("127.0.0.1", 5390));
        assertThat(s.prefixes()).extracting(Object::toString).containsExactly("64:ff9b::/96");
        assertThat(s.exclude()).extracting(Object::toString).containsExactly("::ffff:0:0/96");
        assertThat(s.synthesizeOnServfail()).isTrue();
        assertThat(s.synthesizeOnTimeout()).isFalse();
        assertThat(s.listen()).containsExactly(new InetSocketAddress("::1", 53));
    }

    @Test
    void prefixesDefaultToSiitPool6() throws Exception {
        Dns64Settings s = read("[siit]\npool6 = \"2001:db8:64::/96\"\n[dns64]\nupstreams = [\"192.0.2.53\"]\n");
        assertThat(s.prefixes()).extracting(Object::toString).containsExactly("2001:db8:64::/96");
    }

    @Test
    void everyKey() throws Exception {
        Dns64Settings s = read("""
                [dns64]
                listen = ["[::1]:5353", "127.0.0.1:5391"]
                upstreams = ["[2001:db8::53]:53", "192.0.2.53"]
                prefixes = ["2001:db8:64::/96", "64:ff9b::/96"]
                exclude = ["fd00::/8"]
                synthesize-on-servfail = false
                synthesize-on-timeout = true
                allow-clients = ["192.168.1.0/24", "2001:db8:1::/64"]
                no-synthesis-clients = ["192.168.1.10"]
                cache-entries = 5
                cache-bytes = 10000
                upstream-timeout-ms = 700
                tcp-idle-timeout-ms = 3000
                max-tcp-connections = 7
                max-in-flight = 9
                max-tcp-connections-per-client = 2
                max-in-flight-per-client = 3
                ratelimit-per-client = 50
                tcp-connection-lifetime-ms = 30000
                max-upstream-queries = 12
                """);
        assertThat(s.listen()).containsExactly(new InetSocketAddress("::1", 5353),
                new InetSocketAddress("127.0.0.1", 5391));
        assertThat(s.upstreams()).containsExactly(new InetSocketAddress("2001:db8::53", 53),
                new InetSocketAddress("192.0.2.53", 53));
        assertThat(s.prefixes()).hasSize(2);
        assertThat(s.exclude()).hasSize(2);
        assertThat(s.synthesizeOnServfail()).isFalse();
        assertThat(s.synthesizeOnTimeout()).isTrue();
        assertThat(s.allowClients().toString()).contains("127.0.0.0/8", "192.168.1.0/24", "::1/128",
                "2001:db8:1::/64");
        assertThat(s.noSynthesisClients().toString()).isEqualTo("192.168.1.10/32");
        assertThat(s.cacheEntries()).isEqualTo(5);
        assertThat(s.cacheBytes()).isEqualTo(10000);
        assertThat(s.upstreamTimeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(s.tcpIdleTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.maxTcpConnections()).isEqualTo(7);
        assertThat(s.maxInFlight()).isEqualTo(9);
        assertThat(s.abuse()).isEqualTo(new AbuseLimits(2, 3, 50, Duration.ofSeconds(30), 12));
    }

    @Test
    void abuseLimitsDefaultToAShareOfTheWholeAndNoRateLimit() throws Exception {
        AbuseLimits a = read("[dns64]\nupstreams = [\"127.0.0.1:5390\"]\n").abuse();
        assertThat(a).isEqualTo(AbuseLimits.DEFAULTS);
        assertThat(a.tcpConnectionsPerClient()).isEqualTo(8);
        assertThat(a.inFlightPerClient()).isEqualTo(64);
        assertThat(a.ratelimitPerClient()).isZero();
        assertThat(a.tcpConnectionLifetime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(a.maxUpstreamQueries()).isEqualTo(36);
    }

    @Test
    void prefixDisagreeingWithPool6IsRefusedOnItsLine() {
        assertThatThrownBy(() -> read("[siit]\npool6 = \"2001:db8:64::/96\"\n[dns64]\nupstreams = [\"192.0.2.53\"]\n"
                + "prefixes = [\"64:ff9b::/96\"]\n"))
                .hasMessageStartingWith("v6.toml:5: [dns64] prefixes: 64:ff9b::/96 differs from [siit] pool6"
                        + " 2001:db8:64::/96");
    }

    @Test
    void missingUpstreamsIsLocated() {
        assertThatThrownBy(() -> read("[dns64]\nlisten = [\"127.0.0.1:53\"]\n"))
                .hasMessageStartingWith("v6.toml:1: [dns64]: upstreams is required");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "upstreams = [\"dns.example\"]     | [dns64] upstreams: not an IP address (names are not allowed here): 'dns.example'",
        "listen = [\"127.0.0.1:99999\"]    | [dns64] listen: port must be 0..65535 in '127.0.0.1:99999'",
        "prefixes = [\"2001:db8::/33\"]    | [dns64] prefixes: RFC 6052 §2.2 allows prefix lengths 32, 40, 48, 56, 64 and 96, not /33",
        "exclude = [\"fd00::1/8\"]         | [dns64] exclude: IPv6 prefix fd00::1/8 has bits set",
        "allow-clients = [\"10.0.0.1/8\"]  | [dns64] allow-clients: IPv4 prefix 10.0.0.1/8 has host bits set",
        "synthesize-on-timeout = \"yes\"   | [dns64] synthesize-on-timeout: expected true or false",
        "cache-entries = -1               | [dns64] cache-entries: must be 0..10000000",
        "upstream-timeout-ms = 5          | [dns64] upstream-timeout-ms: must be 10..60000",
        "max-tcp-connections-per-client = 0 | [dns64] max-tcp-connections-per-client: must be 1..100000",
        "ratelimit-per-client = -1        | [dns64] ratelimit-per-client: must be 0..1000000 (queries per second per client address, 0 = no limit)",
        "tcp-connection-lifetime-ms = 10  | [dns64] tcp-connection-lifetime-ms: must be 1000..86400000",
        "max-upstream-queries = 0         | [dns64] max-upstream-queries: must be 1..1000",
        "upstreams = [53]                 | [dns64] upstreams: expected a string or an array of strings, found integer 53",
        "synthesise-on-servfail = true    | [dns64] synthesise-on-servfail: unknown key (did you mean 'synthesize-on-servfail'?)",
    })
    void wrongValuesAreLocatedOnTheirLine(String line, String expected) {
        String upstream = line.startsWith("upstreams") ? "" : "upstreams = [\"192.0.2.53\"]\n";
        int at = upstream.isEmpty() ? 2 : 3;
        assertThatThrownBy(() -> read("[dns64]\n" + upstream + line + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("v6.toml:" + at + ": " + expected);
    }
}
