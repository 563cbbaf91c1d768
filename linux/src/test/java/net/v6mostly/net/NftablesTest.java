package net.v6mostly.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv4Prefix;

class NftablesTest {
    @Test
    void ceRouterRulesetNatsTheLanIntoTheClatAddressAndClampsMss() {
        String r = Nftables.ceRouterRuleset("v6mostly_clat_clat0", "clat0",
                List.of(Ipv4Prefix.parse("192.168.1.0/24"), Ipv4Prefix.parse("198.18.1.0/24")), 0xC000_0001);
        assertThat(r).isEqualTo("""
                table ip v6mostly_clat_clat0 {
                  chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    oifname "clat0" ip saddr { 192.168.1.0/24, 198.18.1.0/24 } snat to 192.0.0.1
                  }
                  chain forward {
                    type filter hook forward priority mangle; policy accept;
                    oifname "clat0" tcp flags syn tcp option maxseg size set rt mtu
                  }
                }
                """);
    }
}
