package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.cli.RepoFiles;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.Pref64Option;
import net.v6mostly.ndp.RaInterfaceSettings;
import net.v6mostly.ndp.RouterAdvertisement;
import net.v6mostly.ndp.RouterPreference;
import org.junit.jupiter.api.Test;

/** {@code [ra]}: defaults of RFC 4861 §6.2.1 and RFC 8781 §4.1, located errors, the one-PREF64 rule. */
class RaSectionTest {
    static RaConfig read(String text) throws ConfigException {
        ConfigFile file = ConfigFile.parse("ra.toml", text);
        ConfigSections.checkKnown(file);
        return RaSection.read(file);
    }

    private static void fails(String text, String message) {
        assertThatThrownBy(() -> read(text)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void minimalInterfaceGetsRfcDefaults() throws Exception {
        RaConfig c = read("[ra]\n[[ra.interface]]\nname = \"eth1\"\n");
        RaInterfaceSettings s = c.interfaces().get(0);
        assertThat(s.intervals().max()).isEqualTo(600);
        assertThat(s.intervals().min()).isEqualTo(198);
        RouterAdvertisement ra = s.advertisement();
        assertThat(ra.routerLifetime()).isEqualTo(1800);
        assertThat(ra.curHopLimit()).isEqualTo(64);
        assertThat(ra.preference()).isEqualTo(RouterPreference.MEDIUM);
        assertThat(ra.options()).isEmpty();
        assertThat(s.sourceLinkLayer()).isTrue();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void exampleFileReadsEveryOption() throws Exception {
        RaConfig c = RaSection.read(ConfigFile.load(RepoFiles.example("ra.toml")));
        List<NdpOption> o = c.interfaces().get(0).advertisement().options();
        assertThat(o).containsExactly(
                new NdpOption.PrefixInformation(Ipv6Prefix.parse("2001:db8:1::/64"), true, true, 2592000, 604800),
                new NdpOption.Mtu(1500),
                new NdpOption.RouteInformation(Ipv6Prefix.parse("2001:db8:ff::/48"), RouterPreference.MEDIUM, 1800),
                new NdpOption.Rdnss(1800, List.of(Ipv6Address.parse("2001:db8:1::53"))),
                new NdpOption.Dnssl(1800, List.of("home.example")),
                new Pref64Option(Ipv6Prefix.parse("2001:db8:64::/96"), 1800),
                new NdpOption.CaptivePortal("https://portal.example.net/api"));
        String text = java.nio.file.Files.readString(RepoFiles.example("ra.toml"));
        for (String key : RaSection.INTERFACE_KEYS) {
            assertThat(text.contains(key + " =") || text.contains("[[ra.interface." + key + "]]"))
                    .as("examples/ra.toml shows " + key).isTrue();
        }
    }

    @Test
    void pref64DefaultsToSiitPool6WithThreeTimesMaxInterval() throws Exception {
        RaConfig c = read("[siit]\npool6 = \"2001:db8:64::/96\"\n[ra]\n[[ra.interface]]\nname = \"eth1\"\n"
                + "max-interval = 100\n");
        assertThat(c.interfaces().get(0).advertisement().options())
                .containsExactly(new Pref64Option(Ipv6Prefix.parse("2001:db8:64::/96"), 300));
    }

    @Test
    void pref64DefaultLifetimeCappedAt65528() throws Exception {
        RaConfig c = read("[ra]\n[[ra.interface]]\nname = \"eth1\"\nmax-interval = 1800\nrouter-lifetime = 9000\n"
                + "[[ra.interface.pref64]]\nprefix = \"64:ff9b::/96\"\n");
        assertThat(((Pref64Option) c.interfaces().get(0).advertisement().options().get(0)).lifetimeSeconds())
                .isEqualTo(5400);
        assertThat(c.warnings()).singleElement().asString().contains("ra.toml:", "shorter than the router lifetime");
    }

    @Test
    void pref64DisagreeingWithPool6IsRefused() {
        fails("[siit]\npool6 = \"2001:db8:64::/96\"\n[ra]\n[[ra.interface]]\nname = \"eth1\"\n"
                + "[[ra.interface.pref64]]\nprefix = \"64:ff9b::/96\"\n",
                "ra.toml:7: [ra] interface[1] pref64[1] prefix: PREF64 64:ff9b::/96 disagrees with [siit] pool6"
                        + " 2001:db8:64::/96: one PREF64 feeds RA, DNS64 and the translator; advertise the pool6, or"
                        + " withdraw an old prefix with lifetime = 0");
    }

    @Test
    void oldPrefixMayBeWithdrawnNextToPool6() throws Exception {
        RaConfig c = read("[siit]\npool6 = \"2001:db8:64::/96\"\n[ra]\n[[ra.interface]]\nname = \"eth1\"\n"
                + "pref64 = [{ prefix = \"64:ff9b::/96\", lifetime = 0 }, {}]\n");
        assertThat(c.interfaces().get(0).advertisement().options()).containsExactly(
                new Pref64Option(Ipv6Prefix.parse("64:ff9b::/96"), 0),
                new Pref64Option(Ipv6Prefix.parse("2001:db8:64::/96"), 1800));
    }

    @Test
    void pref64LengthNotInRfc6052IsLocated() {
        fails("[ra]\n[[ra.interface]]\nname = \"eth1\"\n[[ra.interface.pref64]]\nprefix = \"2001:db8::/33\"\n",
                "ra.toml:5: [ra] interface[1] pref64[1] prefix: RFC 6052 §2.2 allows prefix lengths 32, 40, 48, 56,"
                        + " 64 and 96, not /33 (2001:db8::/33)");
    }

    @Test
    void pref64LifetimeOver65528IsLocated() {
        fails("[ra]\n[[ra.interface]]\nname = \"eth1\"\n[[ra.interface.pref64]]\nprefix = \"64:ff9b::/96\"\n"
                + "lifetime = 65529\n",
                "ra.toml:6: [ra] interface[1] pref64[1] lifetime: must be 0..65528 (8191 × 8 s, the 13-bit Scaled"
                        + " Lifetime of RFC 8781 §4), not 65529");
    }

    @Test
    void pref64BitsBeyondTheLengthAreLocated() {
        fails("[ra]\n[[ra.interface]]\nname = \"eth1\"\n[[ra.interface.pref64]]\nprefix = \"2001:db8:ff::/32\"\n",
                "ra.toml:5: [ra] interface[1] pref64[1] prefix: IPv6 prefix 2001:db8:ff::/32 has bits set beyond its"
                        + " length (did you mean 2001:db8::/32?)");
    }

    @Test
    void otherErrorsAreLocated() {
        fails("[ra]\n[[ra.interface]]\nname = \"eth1\"\nmtu = 1000\n",
                "ra.toml:4: [ra] interface[1] mtu: must be 1280..65535 (RFC 8200 §5), not 1000");
        fails("[ra]\n[[ra.interface]]\nname = \"eth1\"\nrouter-lifetme = 0\n",
                "ra.toml:4: [ra] interface[1] router-lifetme: unknown key (did you mean 'router-lifetime'?); known keys: "
                        + String.join(", ", RaSection.INTERFACE_KEYS));
        fails("[ra]\n[[ra.interface]]\nname = \"eth1\"\nrouter-lifetime = 100\n",
                "ra.toml:4: [ra] interface[1] router-lifetime: must be 0 or between max-interval (600) and 9000 s"
                        + " (RFC 4861 §6.2.1), not 100");
        fails("[ra]\n[[ra.interface]]\nname = \"eth1\"\nmin-interval = 500\n",
                "ra.toml:4: [ra] interface[1] min-interval: MinRtrAdvInterval must be 3 s..0.75 × MaxRtrAdvInterval"
                        + " (450 s) (RFC 4861 §6.2.1), not 500");
        fails("[ra]\n[[ra.interface]]\nname = \"eth1\"\n[[ra.interface.rdnss]]\naddresses = [\"2001:db8::x\"]\n",
                "ra.toml:5: [ra] interface[1] rdnss[1] addresses: element 1: not an IPv6 address: '2001:db8::x'");
        fails("[ra]\n[[ra.interface]]\nname = \"eth1\"\n[[ra.interface.prefix]]\nprefix = \"2001:db8::/56\"\n",
                "ra.toml:5: [ra] interface[1] prefix[1] autonomous: SLAAC needs a /64 on Ethernet (RFC 4862 §5.5.3 d,"
                        + " RFC 2464 §4); set autonomous = false for 2001:db8::/56");
        fails("[ra]\n", "ra.toml:1: [ra]: needs at least one [[ra.interface]] table, e.g. [[ra.interface]] name = \"eth1\"");
    }

    @Test
    void oneSenderServesAtMost64Interfaces() throws Exception {
        StringBuilder b = new StringBuilder("[ra]\n");
        for (int i = 0; i < RaInterfaceSettings.MAX_PER_SENDER; i++) {
            b.append("[[ra.interface]]\nname = \"eth").append(i).append("\"\n");
        }
        assertThat(read(b.toString()).interfaces()).hasSize(RaInterfaceSettings.MAX_PER_SENDER);
        b.append("[[ra.interface]]\nname = \"eth64\"\n");
        assertThatThrownBy(() -> read(b.toString())).isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("[ra] interface: 65 [[ra.interface]] tables; one sender serves at most 64");
    }
}
