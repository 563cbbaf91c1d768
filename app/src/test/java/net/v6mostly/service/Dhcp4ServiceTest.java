package net.v6mostly.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.dhcp4.Adoption;

class Dhcp4ServiceTest {
    @Test
    void ipv6OnlyShareIsIpv6OnlyOverAllClientsPerSubnet() {
        String text = Dhcp4Service.share(List.of(new Adoption("campus", 3, 1, 0), new Adoption("guests", 0, 0, 0)),
                false);
        assertThat(text).contains("v6mostly_dhcp4_ipv6_only_share{subnet=\"campus\"} 0.7500\n",
                "v6mostly_dhcp4_ipv6_only_share{subnet=\"guests\"} 0.0000\n", "v6mostly_dhcp4_option108_enabled 1\n");
        assertThat(Dhcp4Service.share(List.of(), true)).contains("v6mostly_dhcp4_option108_enabled 0\n");
    }
}
