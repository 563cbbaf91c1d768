package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15 item 8: every interface name of the configuration passes one check (Linux
 * dev_valid_name and IFNAMSIZ, plus what an nftables script needs) before it reaches netlink, a TUN
 * ioctl or nft, and a refusal names the file, the line and the key.
 */
class InterfaceNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "clat0", "enp0s31f6", "wlp2s0", "br-lan", "eth0.100", "veth_a+b@c", "x",
        "abcdefghijklmno"})
    void linuxNamesPass(String name) {
        assertThat(InterfaceNames.check(name)).isEqualTo(name);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                 | an interface name cannot be empty",
        "`.`                | '.' is not an interface name (Linux refuses . and ..)",
        "`..`               | '..' is not an interface name (Linux refuses . and ..)",
        "`abcdefghijklmnop` | interface name 'abcdefghijklmnop' is 16 bytes; Linux allows at most 15 (IFNAMSIZ 16 with the NUL)",
        "`a/b`              | interface name 'a/b' has '/', which Linux refuses at position 2",
        "`eth0:1`           | interface name 'eth0:1' has ':', which Linux refuses at position 5",
        "`eth 0`            | interface name 'eth 0' has white space or a control character (U+0020) at position 4",
        "`clat0\"`          | interface name 'clat0\"' has '\"', which could break an nftables rule at position 6",
        "`eth*`             | interface name 'eth*' has '*', which could break an nftables rule at position 4",
        "`a;b`              | interface name 'a;b' has ';', which could break an nftables rule at position 2",
        "`a\\b`             | interface name 'a\\b' has '\\', which could break an nftables rule at position 2",
        "`ethé`             | interface name 'eth\\u00e9' has a non-ASCII character (U+00E9) at position 4",
    })
    void refusedNamesSayWhy(String name, String message) {
        assertThatThrownBy(() -> InterfaceNames.check(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\nb", "a\tb"})
    void controlCharactersAreRefused(String name) {
        assertThatThrownBy(() -> InterfaceNames.check(name)).hasMessageContaining("control character");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`[clat]\ninterface = \"up0\"\ntun = \"clat0\\\"}\"\n`                            | c.toml:3: [clat] tun: interface name 'clat0\"}'",
        "`[clat]\ninterface = \"../x\"\n`                                                 | c.toml:2: [clat] interface: interface name '../x'",
        "`[siit]\npool6 = \"2001:db8:64::/96\"\n[siit.tun]\nname = \"a b\"\n`           | c.toml:4: [siit.tun] name: interface name 'a b'",
        "`[nat64]\npool6 = \"64:ff9b::/96\"\npool4 = [\"198.51.100.0/24\"]\n[nat64.tun]\nname = \"nat64-interface-0\"\n` | c.toml:5: [nat64.tun] name: interface name 'nat64-interface-0' is 17 bytes",
        "`[ra]\n[[ra.interface]]\nname = \"eth1;\"\n`                                     | c.toml:3: [ra] interface[1] name: interface name 'eth1;'",
        "`[dhcp4]\ninterfaces = [\"eth1\", \"e*\"]\n`                                      | c.toml:2: [dhcp4] interfaces[2]: interface name 'e*'",
    })
    void everyInterfaceKeyIsCheckedWithFileLineAndKey(String toml, String message) throws ConfigException {
        ConfigFile file = ConfigFile.parse("c.toml", toml);
        if (file.section(ClatSection.NAME).isPresent()) { // standalone commands: their own readers
            assertThatThrownBy(() -> ClatSection.read(file)).hasMessageStartingWith(message);
        } else if (file.section(SiitSection.NAME).isPresent()) {
            assertThatThrownBy(() -> RunConfigs.read("siit", file)).hasMessageStartingWith(message);
        } else { // gateway components: check-config
            assertThat(ConfigCheck.check(file, null)).filteredOn(Finding::error).extracting(Finding::message)
                    .anySatisfy(m -> assertThat(m).startsWith(message));
        }
    }
}
