package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.cli.RepoFiles;
import net.v6mostly.xlat.rfc6877.ClatMode;
import net.v6mostly.xlat.rfc6877.ClatSettings;

class ClatSectionTest {
    static ClatSettings read(String toml) throws ConfigException {
        return ClatSection.read(ConfigFile.parse("c.toml", toml));
    }

    @Test
    void onlyTheInterfaceIsRequired() throws ConfigException {
        assertThat(read("[clat]\ninterface = \"eth0\"\n")).isEqualTo(ClatSection.defaults("eth0"));
        assertThatThrownBy(() -> read("[clat]\n")).hasMessageContaining("interface is required");
        assertThatThrownBy(() -> read("# empty\n")).hasMessageContaining("no [clat] table");
    }

    @Test
    void everyKey() throws ConfigException {
        ClatSettings s = read("""
                [clat]
                interface = "wlan0"
                tun = "v4"
                mode = "on"
                pref64 = "64:ff9b::/96"
                ipv6-address = "2001:db8:1:2::464"
                ipv4-address = "192.0.0.4"
                rfc7050 = false
                rfc7050-delay-ms = 0
                dns-servers = ["2001:db8::53", "192.0.2.53"]
                default-route-metric = 100
                mtu = 1400
                workers = 2
                lan-prefixes = ["198.18.1.0/24"]
                lan-ipv6-prefix = "2001:db8:2:300::/64"
                """);
        assertThat(s).isEqualTo(new ClatSettings("wlan0", "v4", ClatMode.ON, Rfc6052Prefix.parse("64:ff9b::/96"),
                Ipv6Address.parse("2001:db8:1:2::464"), Ipv4.parse("192.0.0.4"), false, 0,
                List.of("2001:db8::53", "192.0.2.53"), 100, 1400, 2, List.of(net.v6mostly.addr.Ipv4Prefix.parse("198.18.1.0/24")),
                net.v6mostly.addr.Ipv6Prefix.parse("2001:db8:2:300::/64")));
    }

    @Test
    void errorsNameTheKey() {
        assertThatThrownBy(() -> read("[clat]\ninterface = \"e\"\nipv4-address = \"192.0.2.1\"\n"))
                .hasMessageContaining("c.toml:3").hasMessageContaining("192.0.0.0/29");
        assertThatThrownBy(() -> read("[clat]\ninterface = \"e\"\nmode = \"sometimes\"\n"))
                .hasMessageContaining("\"auto\", \"on\", \"off\"");
        assertThatThrownBy(() -> read("[clat]\ninterface = \"e\"\npref64 = \"2001:db8::/57\"\n"))
                .hasMessageContaining("pref64");
        assertThatThrownBy(() -> read("[clat]\ninterface = \"e\"\ndns-servers = [\"resolver.example\"]\n"))
                .hasMessageContaining("dns-servers");
        assertThatThrownBy(() -> read("[clat]\ninterface = \"e\"\nlan-ipv6-prefix = \"2001:db8:2:300::/64\"\n"))
                .hasMessageContaining("needs lan-prefixes");
        assertThatThrownBy(() -> read("[clat]\ninterface = \"e\"\nlan-prefixes = [\"198.18.1.0/24\"]\n"
                + "lan-ipv6-prefix = \"2001:db8:2::/48\"\n")).hasMessageContaining("must be a /64");
        assertThatThrownBy(() -> read("[clat]\ninterface = \"e\"\nprefix64 = \"64:ff9b::/96\"\n"))
                .hasMessageContaining("did you mean 'pref64'");
    }

    @Test
    void theExampleLoadsAndExplainsEveryKey() throws Exception {
        RunConfig d = RunConfigs.load("clat", RepoFiles.example("clat.toml"));
        assertThat(d.clat()).isEqualTo(ClatSection.defaults("eth0"));
        String text = java.nio.file.Files.readString(RepoFiles.example("clat.toml"));
        for (String key : ClatSection.KEYS) {
            assertThat(text).as("examples/clat.toml explains " + key).contains(key + " =");
        }
    }
}
