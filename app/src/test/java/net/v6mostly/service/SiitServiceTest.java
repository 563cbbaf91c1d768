package net.v6mostly.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import net.v6mostly.config.RunConfig;
import net.v6mostly.config.RunConfigs;
import net.v6mostly.tun.LinkConfigurator;
import net.v6mostly.xlat.SiitSettings;

/** What SIGHUP does to the SIIT, without a signal: name each change, and what needs a restart. */
class SiitServiceTest {
    private static final String BASE = """
            [siit]
            pool6 = "2001:db8:64::/96"
            eam = [ { ipv6 = "2001:db8:1::2", ipv4 = "198.18.0.2" } ]
            """;

    private String file = BASE;

    private static RunConfig parse(String text) throws Exception {
        Path dir = Files.createTempDirectory("siit-service");
        Path p = Files.writeString(dir.resolve("siit.toml"), text);
        try {
            return RunConfigs.load("siit", p);
        } finally {
            Files.delete(p);
            Files.delete(dir);
        }
    }

    private SiitService service() throws Exception {
        return new SiitService(parse(BASE).siit(), LinkConfigurator.system(), line -> { });
    }

    @Test
    void newEamEntryAndMtuAreNamed() throws Exception {
        SiitService s = service();
        file = """
                [siit]
                pool6 = "2001:db8:64::/96"
                eam = [ { ipv6 = "2001:db8:1::3", ipv4 = "198.18.0.3" } ]
                mtu6 = 1280
                """;
        ReloadOutcome o = s.reload(parse(file));
        assertThat(o.error()).isNull();
        assertThat(o.changes()).containsExactly("eam added 2001:db8:1::3/128 <-> 198.18.0.3/32",
                "eam removed 2001:db8:1::2/128 <-> 198.18.0.2/32", "mtu6 1500 -> 1280");
        assertThat(o.restart()).isEmpty();
        assertThat(s.reload(parse(file)).changes()).as("applied: the same file again changes nothing").isEmpty();
    }

    @Test
    void unchangedFileAppliesNothing() throws Exception {
        ReloadOutcome o = service().reload(parse(BASE));
        assertThat(o.error()).isNull();
        assertThat(o.changes()).isEmpty();
        assertThat(o.describe()).isEqualTo("reloaded: nothing changed");
    }

    @Test
    void deviceChangesNeedARestartAndStayReported() throws Exception {
        SiitService s = service();
        file = BASE + "rfc6791-v4-pool = \"203.0.113.0/28\"\n[siit.tun]\nname = \"other0\"\n";
        ReloadOutcome o = s.reload(parse(file));
        assertThat(o.changes()).containsExactly("rfc6791-v4-pool unset -> 203.0.113.0/28");
        assertThat(o.restart()).containsExactly("[siit.tun]");
        // the running device is still the one compared next time
        assertThat(s.reload(parse(file)).restart()).containsExactly("[siit.tun]");
        assertThat(o.describe()).isEqualTo("reloaded: rfc6791-v4-pool unset -> 203.0.113.0/28; needs a restart"
                + " (not applied): [siit.tun]");
    }

    @Test
    void everySettingIsCompared() throws Exception {
        SiitSettings a = parse(BASE).siit().siit();
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
                """).siit().siit();
        assertThat(SiitService.changes(a, b)).containsExactly("pool6 2001:db8:64::/96 -> 64:ff9b::/96",
                "eam-hairpin-mode INTRINSIC -> OFF", "rfc6791-v6-pool unset -> 2001:db8:ffff::/64",
                "icmp-dummy-source true -> false", "ipv4-address 192.0.0.8 -> 198.18.0.1", "ipv6-address :: -> 2001:db8::1",
                "lowest-ipv6-mtu 1280 -> 1400", "mtu4 1500 -> 1400", "amend-udp-checksum-zero false -> true",
                "wkp-translate-non-global false -> true", "reset-traffic-class false -> true", "icmp-errors-46 true -> false",
                "icmp-errors-64 true -> false", "icmp-error-rate 1000 -> 5", "icmp-error-burst 100 -> 6",
                "deny4 [] -> [10.0.0.0/8]", "allow6-sources [] -> [2001:db8:1::/48]");
    }

    /** A reload that changes only the address lists is applied (SIGHUP), not taken for "unchanged". */
    @Test
    void addressListsAloneAreApplied() throws Exception {
        SiitSettings a = parse(BASE).siit().siit();
        SiitSettings b = parse(BASE.replace("[siit]\n", "[siit]\ndeny4 = [\"198.18.0.0/24\"]\n")).siit().siit();
        assertThat(SiitService.changes(a, b)).containsExactly("deny4 [] -> [198.18.0.0/24]");
    }
}
