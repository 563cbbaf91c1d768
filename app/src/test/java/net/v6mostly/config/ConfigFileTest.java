package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the file: TOML syntax errors, unreadable files and unknown tables, each located. */
class ConfigFileTest {

    @Test
    void malformedTomlNamesTheLine() {
        String text = """
                [siit]
                pool6 = "2001:db8:64::/96"
                mtu4 = = 1500
                """;
        assertThatThrownBy(() -> ConfigFile.parse("siit.toml", text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("siit.toml:3: not valid TOML: ")
                .satisfies(e -> assertThat(((ConfigException) e).line()).isEqualTo(3));
    }

    @Test
    void unterminatedStringAndDuplicateKeyAreSyntaxErrors() {
        assertThatThrownBy(() -> ConfigFile.parse("a.toml", "[siit]\npool6 = \"2001:db8::/96\n"))
                .hasMessageStartingWith("a.toml:2: not valid TOML");
        assertThatThrownBy(() -> ConfigFile.parse("b.toml", "[siit]\nmtu4 = 1\nmtu4 = 2\n"))
                .hasMessageStartingWith("b.toml:3: not valid TOML");
    }

    /**
     * TOML 1.0 §Keys: a quoted key follows the basic-string rules, so {@code \E} is no escape
     * sequence. The parser throws this one instead of collecting it (found by the fuzzing
     * campaign); it is still an error located on its line, never an exception out of check-config.
     */
    @Test
    void anInvalidEscapeInATableHeaderKeyIsALocatedSyntaxError() {
        assertThatThrownBy(() -> ConfigFile.parse("c.toml", "[nat64]\npool6 = \"2001:db8:64::/96\"\n[\"ab\\E\"]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("c.toml:3: not valid TOML: ")
                .hasMessageContaining("Invalid escape sequence '\\E'");
    }

    /**
     * TOML 1.0 §String: a backslash-u escape needs four hex digits. A short one in a quoted key trips an
     * assertion inside the parser when assertions are on (found by the fuzzing campaign); with or
     * without them it is a syntax error.
     */
    @Test
    void aShortUnicodeEscapeInATableHeaderKeyIsASyntaxError() {
        assertThatThrownBy(() -> ConfigFile.parse("d.toml", "[nat64]\npool6 = \"2001:db8:64::/96\"\n[\"-f\\ue\"]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("d.toml")
                .hasMessageContaining("not valid TOML");
    }

    @Test
    void missingAndUnreadableFiles(@TempDir Path dir) throws IOException, ConfigException {
        Path missing = dir.resolve("nope.toml");
        assertThatThrownBy(() -> ConfigFile.load(missing)).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> ConfigFile.load(dir)).hasMessageStartingWith(dir + ": cannot read: ");
        Path ok = Files.writeString(dir.resolve("ok.toml"), "[siit]\npool6 = \"64:ff9b::/96\"\n");
        assertThat(ConfigFile.load(ok).name()).isEqualTo(ok.toString());
    }

    @Test
    void unknownTableSuggestsTheClosest() throws ConfigException {
        ConfigFile file = ConfigFile.parse("x.toml", "[siit]\npool6 = \"64:ff9b::/96\"\n\n[sitt]\nmtu4 = 1500\n");
        assertThatThrownBy(() -> ConfigSections.checkKnown(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.toml:4: unknown table or key 'sitt' (did you mean 'siit'?); known tables: siit, metrics, dns64, ra, dhcp4, nat64, clat, pref64, gateway, logging");
    }

    @Test
    void unknownTopLevelKeyWithoutSuggestion() throws ConfigException {
        ConfigFile file = ConfigFile.parse("x.toml", "listen = \"::1\"\n[siit]\n");
        assertThatThrownBy(() -> ConfigSections.checkKnown(file))
                .hasMessage("x.toml:1: unknown table or key 'listen'; known tables: siit, metrics, dns64, ra, dhcp4, nat64, clat, pref64, gateway, logging");
    }

    @Test
    void sectionMustBeATableAndRequiredSectionMustExist() throws ConfigException {
        ConfigFile scalar = ConfigFile.parse("x.toml", "siit = 5\n");
        assertThatThrownBy(() -> scalar.section("siit"))
                .hasMessage("x.toml:1: siit: must be a table ([siit]), found integer 5");
        ConfigFile empty = ConfigFile.parse("y.toml", "# nothing\n");
        assertThat(empty.section("siit")).isEmpty();
        assertThatThrownBy(() -> SiitSection.read(empty))
                .hasMessage("y.toml: no [siit] table: the translator needs at least pool6 or an eam entry");
    }

    @Test
    void didYouMeanOnlyForCloseNames() {
        assertThat(DidYouMean.hint("pool-6", SiitSection.KEYS)).isEqualTo(" (did you mean 'pool6'?)");
        assertThat(DidYouMean.hint("MTU4", SiitSection.KEYS)).isEqualTo(" (did you mean 'mtu4'?)");
        assertThat(DidYouMean.hint("icmp-error-rates", SiitSection.KEYS))
                .isEqualTo(" (did you mean 'icmp-error-rate'?)");
        assertThat(DidYouMean.hint("banana", SiitSection.KEYS)).isEmpty();
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    }
}
