package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;

import net.v6mostly.config.ConfigCheck;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.RunConfig;
import net.v6mostly.config.GatewaySection;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The gateway examples load, pass check-config without findings; check-config's exit codes. */
class GatewayExamplesTest {
    @ParameterizedTest
    @ValueSource(strings = {"gateway-campus-wifi.toml", "gateway-conference.toml", "gateway-ce-router.toml"})
    void exampleLoadsAndChecksClean(String name) throws Exception {
        ConfigFile file = ConfigFile.load(RepoFiles.example(name));
        RunConfig c = GatewaySection.read(file);
        assertThat(c.ra()).isNotNull();
        assertThat(c.dhcp4()).isNotNull();
        assertThat(c.dns64()).isNotNull();
        assertThat(c.nat64()).as("a commented [nat64]").isNotNull();
        assertThat(c.nat64().pool6()).as("pool6 from [pref64]").isEqualTo(c.pref64().primary());
        assertThat(c.nat64().tun().routes()).as("routes of pool6 and pool4 onto the TUN").hasSize(2);
        assertThat(ConfigCheck.check(file, null, Optional.empty())).as(name).isEmpty();
    }

    /** The 464XLAT CE router: no NAT64 of its own, its CLAT in the gateway (RFC 6877 §6.1). */
    @Test
    void theCeRouterWithAnIpv6OnlyUplinkRunsItsClatInTheGateway() throws Exception {
        ConfigFile file = ConfigFile.load(RepoFiles.example("gateway-ce-router-464xlat.toml"));
        RunConfig c = GatewaySection.read(file);
        assertThat(c.nat64()).isNull();
        assertThat(c.clat().iface()).isEqualTo("wan");
        assertThat(c.clat().pref64()).as("learned from the uplink's RAs").isNull();
        assertThat(GatewayCommand.components(c, (component, message) -> { }))
                .extracting(net.v6mostly.service.Service::name).containsExactly("dns64", "dhcp4", "clat", "ra");
        assertThat(ConfigCheck.check(file, null, Optional.empty())).isEmpty();
    }

    private static int run(StringWriter out, String... args) {
        PrintWriter w = new PrintWriter(out);
        return Main.run(w, w, args);
    }

    @Test
    void checkConfigExitsZeroForACleanFile() {
        StringWriter out = new StringWriter();
        Path file = RepoFiles.example("gateway-ce-router.toml");
        assertThat(run(out, "check-config", "--no-interfaces", "-c", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(file + ": ok\n");
    }

    @Test
    void checkConfigExitsTwoOnErrorsAndOneOnWarningsWhenStrict(@TempDir Path dir) throws Exception {
        Path bad = java.nio.file.Files.writeString(dir.resolve("bad.toml"), "[pref64]\nprefixes = [\"2001:db8:64::/64\"]\n"
                + "[dns64]\nupstreams = [\"198.51.100.53\"]\n[bogus]\n");
        StringWriter out = new StringWriter();
        assertThat(run(out, "check-config", "-c", bad.toString())).isEqualTo(2);
        assertThat(out.toString()).isEqualTo("error: " + bad + ":5: unknown table or key 'bogus'; known tables: siit,"
                + " metrics, dns64, ra, dhcp4, nat64, clat, pref64, gateway, logging [unknown-table]\n"
                + "warning: " + bad + ":2: [pref64] prefixes: 2001:db8:64::/64 is a /64: Android uses a PREF64 from the"
                + " RA only when it is a /96; its CLAT falls back to DNS64 discovery (RFC 7050) otherwise"
                + " [android-pref64-length]\n"
                + "1 error(s), 1 warning(s)\n");
        Path warn = java.nio.file.Files.writeString(dir.resolve("warn.toml"), "[pref64]\nprefixes = [\"2001:db8:64::/64\"]\n"
                + "[dns64]\nupstreams = [\"198.51.100.53\"]\n");
        assertThat(run(new StringWriter(), "check-config", "-c", warn.toString())).isZero();
        assertThat(run(new StringWriter(), "check-config", "--strict", "-c", warn.toString())).isEqualTo(1);
        StringWriter missing = new StringWriter();
        assertThat(run(missing, "check-config", "-c", dir.resolve("none.toml").toString())).isEqualTo(2);
        assertThat(missing.toString()).startsWith("error: " + dir.resolve("none.toml") + ": no such file [parse]\n");
    }
}
