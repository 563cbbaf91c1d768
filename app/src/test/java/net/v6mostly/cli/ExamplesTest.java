package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.ConfigSections;
import net.v6mostly.config.MetricsSection;
import net.v6mostly.config.RunConfig;
import net.v6mostly.config.RunConfigs;
import net.v6mostly.config.SiitSection;
import net.v6mostly.config.TunSection;
import net.v6mostly.config.TunSettings;
import net.v6mostly.pcap.PcapReader;
import net.v6mostly.xlat.SiitSettings;

/** The shipped examples stay valid: the config loads, and the pcap is what its script generates. */
class ExamplesTest {

    @Test
    void exampleConfigLoadsAndSetsEveryKey() throws Exception {
        ConfigFile file = ConfigFile.load(RepoFiles.example("siit.toml"));
        ConfigSections.checkKnown(file);
        SiitSettings s = SiitSection.read(file);
        assertThat(s.pool6()).isEqualTo(Rfc6052Prefix.parse("2001:db8:64::/96"));
        assertThat(s.eam().entries()).hasSize(1);
        assertThat(s.ownIpv4()).isEqualTo(Ipv4.parse("192.0.2.1"));
        String text = Files.readString(RepoFiles.example("siit.toml"));
        for (String key : SiitSection.KEYS) {
            String spelled = key.equals(TunSection.NAME) ? "[siit.tun]" : key + " =";
            assertThat(text).as("examples/siit.toml explains " + key).contains(spelled);
        }
        for (String key : TunSection.KEYS) {
            assertThat(text).as("examples/siit.toml explains [siit.tun] " + key).contains(key + " =");
        }
        assertThat(text).contains("[metrics]", "listen =");
        RunConfig daemon = RunConfigs.read("siit", file);
        assertThat(daemon.siit().tun()).isEqualTo(TunSettings.DEFAULTS);
        assertThat(daemon.metrics()).isEqualTo(MetricsSection.DEFAULTS);
    }

    @Test
    void nat64ExampleLoadsAndExplainsEveryKey() throws Exception {
        ConfigFile file = ConfigFile.load(RepoFiles.example("nat64.toml"));
        RunConfig c = RunConfigs.read("nat64", file);
        assertThat(c.nat64().pool6()).isEqualTo(Rfc6052Prefix.parse("2001:db8:64::/96"));
        assertThat(c.nat64().engine().pool4().size()).isEqualTo(2);
        assertThat(c.nat64().staticBib()).hasSize(1);
        String text = Files.readString(RepoFiles.example("nat64.toml"));
        for (String key : net.v6mostly.config.Nat64Section.KEYS) {
            String spelled = key.equals(TunSection.NAME) ? "[nat64.tun]" : key + " =";
            assertThat(text).as("examples/nat64.toml explains " + key).contains(spelled);
        }
        for (String key : TunSection.KEYS) {
            assertThat(text).as("examples/nat64.toml explains [nat64.tun] " + key).contains(key + " =");
        }
    }

    @Test
    void examplePcapHoldsSevenRawIpPackets() throws Exception {
        try (PcapReader in = PcapReader.open(RepoFiles.example("siit-example.pcap"))) {
            int count = 0;
            while (in.next()) {
                count++;
            }
            assertThat(count).isEqualTo(7);
        }
    }

    @Test
    void examplePcapIsWhatTheScriptGenerates(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("regenerated.pcap");
        Process p;
        try {
            p = new ProcessBuilder("python3", RepoFiles.example("make-example-pcap.py").toString(), out.toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "python3 is not installed");
            return;
        }
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(RepoFiles.example("siit-example.pcap")));
    }

    @Test
    void dns64ExampleLoads() throws Exception {
        ConfigFile file = ConfigFile.load(RepoFiles.example("dns64.toml"));
        net.v6mostly.config.ConfigSections.checkKnown(file);
        assertThat(net.v6mostly.config.Dns64Section.read(file).prefixes()).hasSize(1);
    }
}
