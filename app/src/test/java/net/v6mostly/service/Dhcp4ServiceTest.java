package net.v6mostly.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.dhcp4.Adoption;
import net.v6mostly.ops.Dhcp4Metrics;
import net.v6mostly.ops.Exposition;
import net.v6mostly.ops.Scrape;

class Dhcp4ServiceTest {
    @Test
    void ipv6OnlyShareIsIpv6OnlyOverAllClientsPerSubnet() {
        String text = Exposition.text(Dhcp4Metrics.share(List.of(new Adoption("campus", 3, 1, 0),
                new Adoption("guests", 0, 0, 0)), false));
        assertThat(Scrape.parse(text).canonical()).contains("v6mostly_dhcp4_ipv6_only_share{subnet=\"campus\"} 0.75",
                "v6mostly_dhcp4_ipv6_only_share{subnet=\"guests\"} 0", "v6mostly_dhcp4_option108_enabled 1");
        assertThat(Scrape.parse(Exposition.text(Dhcp4Metrics.share(List.of(), true))).canonical())
                .contains("v6mostly_dhcp4_option108_enabled 0");
    }
}
