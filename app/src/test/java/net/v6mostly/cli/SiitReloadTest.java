package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.SiitDaemonConfig;
import net.v6mostly.xlat.SiitSettings;

/** What SIGHUP does, without a signal: apply valid changes, keep running on a broken file. */
class SiitReloadTest {
    private static final String BASE = """
            [siit]
            pool6 = "2001:db8:64::/96"
            eam = [ { ipv6 = "2001:db8:1::2", ipv4 = "198.18.0.2" } ]
            """;

    private final List<SiitSettings> applied = new ArrayList<>();
    private String file = BASE;

    private static SiitDaemonConfig parse(String text) throws ConfigException {
        return SiitDaemonConfig.read(ConfigFile.parse("siit.toml", text));
    }

    private SiitReload reload() throws ConfigException {
        return new SiitReload(parse(BASE), () -> parse(file), applied::add);
    }

    @Test
    void newEamEntryAndMtuAreAppliedAndNamed() throws ConfigException {
        SiitReload r = reload();
        file = """
                [siit]
                pool6 = "2001:db8:64::/96"
                eam = [ { ipv6 = "2001:db8:1::3", ipv4 = "198.18.0.3" } ]
                mtu6 = 1280
                """;
        SiitReload.Outcome o = r.reload();
        assertThat(o.error()).isNull();
        assertThat(o.changes()).containsExactly("eam added 2001:db8:1::3/128 <-> 198.18.0.3/32",
                "eam removed 2001:db8:1::2/128 <-> 198.18.0.2/32", "mtu6 1500 -> 1280");
        assertThat(o.restart()).isEmpty();
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).mtu6()).isEqualTo(1280);
        assertThat(r.current().siit()).isSameAs(applied.get(0));
    }

    @Test
    void brokenFileKeepsTheRunningSettings() throws ConfigException {
        SiitReload r = reload();
        SiitDaemonConfig before = r.current();
        file = BASE + "mtu6 = 1000\n";
        SiitReload.Outcome o = r.reload();
        assertThat(o.error()).isEqualTo("siit.toml:4: [siit] mtu6: must be 1280..65535 (RFC 8200 §5), not 1000");
        assertThat(o.applied()).isFalse();
        assertThat(applied).isEmpty();
        assertThat(r.current()).isSameAs(before);
    }

    @Test
    void unchangedFileAppliesNothing() throws ConfigException {
        SiitReload.Outcome o = reload().reload();
        assertThat(o.error()).isNull();
        assertThat(o.changes()).isEmpty();
        assertThat(applied).isEmpty();
    }

    @Test
    void deviceAndMetricsChangesNeedARestart() throws ConfigException {
        SiitReload r = reload();
        file = BASE + "pool6 = \"64:ff9b::/96\"\n".replace("pool6", "rfc6791-v4-pool").replace("64:ff9b::/96", "203.0.113.0/28")
                + "[siit.tun]\nname = \"other0\"\n[metrics]\nlisten = \"off\"\n";
        SiitReload.Outcome o = r.reload();
        assertThat(o.changes()).containsExactly("rfc6791-v4-pool unset -> 203.0.113.0/28");
        assertThat(o.restart()).containsExactly("[siit.tun]", "[metrics]");
        // the running device is still the one reported next time
        assertThat(r.current().tun().name()).isEqualTo("siit0");
        assertThat(r.reload().restart()).containsExactly("[siit.tun]", "[metrics]");
    }

    @Test
    void everySettingIsCompared() throws ConfigException {
        SiitSettings a = parse(BASE).siit();
        SiitSettings b = parse("""
                [siit]
                pool6 = "64:ff9b::/96"
                eam = [ { ipv6 = "2001:db8:1::2", ipv4 = "198.18.0.2" } ]
                eam-hairpin-mode = "off"
                rfc6791-v6-pool = "2001:db8:ffff::/64"
                icmp-dummy-source = false
                ipv4-address = "198.18.0.1"
                ipv6-address = "2001:db8::1"
                lowest-ipv6-mtu = 1400
                mtu4 = 1400
                amend-udp-checksum-zero = true
                wkp-translate-non-global = true
                reset-traffic-class = true
                icmp-errors-46 = false
                icmp-errors-64 = false
                icmp-error-rate = 5
                icmp-error-burst = 6
                deny4 = ["10.0.0.0/8"]
                allow6-sources = ["2001:db8:1::/48"]
                """).siit();
        assertThat(SiitReload.changes(a, b)).containsExactly("pool6 2001:db8:64::/96 -> 64:ff9b::/96",
                "eam-hairpin-mode INTRINSIC -> OFF", "rfc6791-v6-pool unset -> 2001:db8:ffff::/64",
                "icmp-dummy-source true -> false", "ipv4-address 192.0.0.8 -> 198.18.0.1", "ipv6-address :: -> 2001:db8::1",
                "lowest-ipv6-mtu 1280 -> 1400", "mtu4 1500 -> 1400", "amend-udp-checksum-zero false -> true",
                "wkp-translate-non-global false -> true", "reset-traffic-class false -> true", "icmp-errors-46 true -> false",
                "icmp-errors-64 true -> false", "icmp-error-rate 1000 -> 5", "icmp-error-burst 100 -> 6",
                "deny4 [] -> [10.0.0.0/8]", "allow6-sources [] -> [2001:db8:1::/48]");
    }

    /** A reload that changes only the address lists is applied (SIGHUP), not taken for "unchanged". */
    @Test
    void addressListsAloneAreApplied() throws ConfigException {
        SiitSettings a = parse(BASE).siit();
        SiitSettings b = parse(BASE.replace("[siit]\n", "[siit]\ndeny4 = [\"198.18.0.0/24\"]\n")).siit();
        assertThat(SiitReload.changes(a, b)).containsExactly("deny4 [] -> [198.18.0.0/24]");
    }
}
