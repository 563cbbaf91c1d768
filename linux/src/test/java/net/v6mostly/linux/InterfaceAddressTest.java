package net.v6mostly.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Prefix;

import org.junit.jupiter.api.Test;

/** Interface addresses keep their host bits (unlike prefixes) and know their on-link subnet. */
class InterfaceAddressTest {

    @Test
    void ipv4KeepsHostBits() {
        InterfaceAddress4 a = InterfaceAddress4.parse("198.51.100.1/24");
        assertThat(a.toString()).isEqualTo("198.51.100.1/24");
        assertThat(a.subnet()).isEqualTo(Ipv4Prefix.parse("198.51.100.0/24"));
        assertThat(a.addressBytes()).containsExactly(0xC6, 0x33, 0x64, 0x01);
        assertThat(a.family()).isEqualTo(2);
    }

    @Test
    void ipv6KeepsHostBits() {
        InterfaceAddress6 a = InterfaceAddress6.parse("2001:db8:1::1/64");
        assertThat(a.toString()).isEqualTo("2001:db8:1::1/64");
        assertThat(a.subnet()).isEqualTo(Ipv6Prefix.parse("2001:db8:1::/64"));
        assertThat(a.family()).isEqualTo(10);
        assertThat(a.addressBytes()).hasSize(16).startsWith(0x20, 0x01, 0x0d, 0xb8).endsWith(0x01);
    }

    @Test
    void bareAddressesAreHosts() {
        assertThat(InterfaceAddress.parse("192.0.2.1")).isEqualTo(new InterfaceAddress4(0xC0000201, 32));
        assertThat(InterfaceAddress.parse("2001:db8::1").prefixLength()).isEqualTo(128);
    }

    @Test
    void badLengthsAreRefusedWithTheText() {
        assertThatIllegalArgumentException().isThrownBy(() -> InterfaceAddress.parse("192.0.2.1/33"))
                .withMessageContaining("0..32");
        assertThatIllegalArgumentException().isThrownBy(() -> InterfaceAddress.parse("2001:db8::1/129"))
                .withMessageContaining("0..128");
        assertThatIllegalArgumentException().isThrownBy(() -> InterfaceAddress.parse("192.0.2.1/x"))
                .withMessageContaining("'192.0.2.1/x'");
    }
}
