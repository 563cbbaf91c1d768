package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.xlat.rfc6146.Protocol;
import net.v6mostly.xlat.rfc6146.Timeouts;

/** {@code [nat64]}: defaults, every refusal located and naming its rule. */
class Nat64SectionTest {
    private static Nat64Section read(String body) throws ConfigException {
        return Nat64Section.read(ConfigFile.parse("n.toml", "[nat64]\n" + body));
    }

    @Test
    void minimalTableTakesTheRfcDefaults() throws Exception {
        Nat64Section s = read("pool6 = \"64:ff9b::/96\"\npool4 = [\"198.51.100.0/30\"]\n");
        assertThat(s.engine().pool4().size()).isEqualTo(4);
        assertThat(s.engine().pool4().range(Protocol.TCP).first()).isEqualTo(1024);
        assertThat(s.engine().timeouts()).isEqualTo(Timeouts.DEFAULTS);
        assertThat(s.engine().addressDependentFiltering()).isFalse();
        assertThat(s.tun().name()).isEqualTo("nat64");
        assertThat(s.log()).isEqualTo("stdout");
        assertThat(s.xlat().wkpNonGlobal()).as("RFC 6052 §3.1 by default").isFalse();
        assertThat(s.engine().subscriberPrefixLength()).as("a subscriber is a /64").isEqualTo(64);
        assertThat(s.engine().maxBibEntries()).isEqualTo(1 << 20);
        assertThat(s.engine().maxSessions()).isEqualTo(1 << 21);
    }

    @Test
    void subscribersAndGlobalCapsAreReadAndRangeChecked_rfc6888_req4_req5() throws Exception {
        String base = "pool6 = \"64:ff9b::/96\"\npool4 = [\"203.0.113.1\"]\n";
        Nat64Section s = read(base + "subscriber-prefix-length = 56\nmax-bib-entries = 1000\nmax-sessions = 5000\n");
        assertThat(s.engine().subscriberPrefixLength()).isEqualTo(56);
        assertThat(s.engine().maxBibEntries()).isEqualTo(1000);
        assertThat(s.engine().maxSessions()).isEqualTo(5000);
        assertThatThrownBy(() -> read(base + "subscriber-prefix-length = 129\n"))
                .hasMessageContaining("subscriber-prefix-length").hasMessageContaining("RFC 6888 REQ-4");
        assertThatThrownBy(() -> read(base + "subscriber-prefix-length = 0\n"))
                .hasMessageContaining("subscriber-prefix-length");
        assertThatThrownBy(() -> read(base + "max-bib-entries = 0\n")).hasMessageContaining("max-bib-entries");
        assertThatThrownBy(() -> read(base + "max-sessions = -1\n")).hasMessageContaining("max-sessions");
    }

    @Test
    void everyOptionIsRead() throws Exception {
        Nat64Section s = read("""
                pool6 = "2001:db8:64::/96"
                pool4 = ["203.0.113.1"]
                tcp-ports = "2000-2999"
                static-bib = [ { proto = "udp", ipv6 = "2001:db8::5#53", ipv4 = "203.0.113.1#53" } ]
                udp-timeout = 600
                filtering = "address-dependent"
                max-ports-per-host = 10
                port-block-size = 100
                max-blocks-per-host = 2
                log = "off"
                """);
        assertThat(s.engine().pool4().range(Protocol.TCP).last()).isEqualTo(2999);
        assertThat(s.staticBib()).containsExactly(new Nat64Section.StaticBib(Protocol.UDP,
                net.v6mostly.addr.Ipv6Address.parse("2001:db8::5"), 53, Ipv4.parse("203.0.113.1"), 53));
        assertThat(s.engine().timeouts().udp()).isEqualTo(600_000);
        assertThat(s.engine().addressDependentFiltering()).isTrue();
        assertThat(s.engine().maxPortsPerHost()).isEqualTo(10);
        assertThat(s.engine().blockSize()).isEqualTo(100);
    }

    /** deny4 and allow6-sources reach the RFC 7915 settings, which the service reloads on SIGHUP. */
    @Test
    void addressListsReachTheTranslationSettings() throws Exception {
        Nat64Section s = read("pool6 = \"64:ff9b::/96\"\npool4 = [\"203.0.113.1\"]\n"
                + "deny4 = [\"10.0.0.0/8\", \"172.16.0.0/12\"]\nallow6-sources = [\"2001:db8:1::/48\"]\n");
        assertThat(s.xlat().deny4().contains(Ipv4.parse("172.31.255.255"))).isTrue();
        assertThat(s.xlat().deny4().contains(Ipv4.parse("192.0.2.1"))).isFalse();
        assertThat(s.xlat().allow6Sources().prefixes()).hasSize(1);
        assertThat(read("pool6 = \"64:ff9b::/96\"\npool4 = [\"203.0.113.1\"]\n").xlat().deny4().isEmpty()).isTrue();
        assertThatThrownBy(() -> read("pool6 = \"64:ff9b::/96\"\npool4 = [\"203.0.113.1\"]\ndeny4 = [\"10.0.0.0\","
                + " \"10.0.0.300\"]\n")).hasMessageStartingWith("n.toml:4: [nat64] deny4[2]: ");
    }

    @Test
    void refusalsNameTheKeyAndTheRule() {
        assertThatThrownBy(() -> read("pool4 = [\"203.0.113.1\"]\n")).hasMessageContaining("pool6: required");
        assertThatThrownBy(() -> read("pool6 = \"64:ff9b::/96\"\n")).hasMessageContaining("pool4: required");
        assertThatThrownBy(() -> read("pool6 = \"64:ff9b::/96\"\npool4 = [\"203.0.113.1\"]\nudp-timeout = 60\n"))
                .hasMessageContaining("udp-timeout").hasMessageContaining("RFC 4787 REQ-5");
        assertThatThrownBy(() -> read("pool6 = \"64:ff9b::/96\"\npool4 = [\"203.0.113.1\"]\npool-4 = 1\n"))
                .hasMessageContaining("unknown key").hasMessageContaining("did you mean 'pool4'");
        assertThatThrownBy(() -> read("pool6 = \"64:ff9b::/96\"\npool4 = [\"203.0.113.1\"]\n"
                + "static-bib = [ { proto = \"tcp\", ipv6 = \"2001:db8::5#80\", ipv4 = \"192.0.2.1#80\" } ]\n"))
                .hasMessageContaining("192.0.2.1 is not in pool4");
        assertThatThrownBy(() -> read("pool6 = \"64:ff9b::/96\"\npool4 = [\"203.0.113.1\"]\ntcp-ports = \"9-x\"\n"))
                .hasMessageContaining("tcp-ports");
        assertThatThrownBy(() -> read("pool6 = \"64:ff9b::/96\"\npool4 = [\"10.0.0.0/8\"]\n"))
                .hasMessageContaining("larger than a /16");
        assertThatThrownBy(() -> read("pool6 = \"64:ff9b::/96\"\npool4 = [\"203.0.113.1\"]\nfiltering = \"open\"\n"))
                .hasMessageContaining("endpoint-independent");
    }
}
