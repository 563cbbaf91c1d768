package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import net.v6mostly.config.LoggingSettings.Format;
import net.v6mostly.config.LoggingSettings.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** [logging] format and level: defaults, every value, located errors with a did-you-mean hint. */
class LoggingSectionTest {
    private static final String HEAD = "[siit]\npool6 = \"2001:db8:64::/96\"\n[logging]\n";

    private static LoggingSettings read(String lines) throws ConfigException {
        return LoggingSection.read(ConfigFile.parse("gw.toml", HEAD + lines + "\n"));
    }

    @Test
    void defaultsAndEveryValue() throws ConfigException {
        assertThat(LoggingSection.read(ConfigFile.parse("gw.toml", "[siit]\npool6 = \"2001:db8:64::/96\"\n")))
                .isEqualTo(new LoggingSettings(Format.TEXT, Level.INFO)).isEqualTo(LoggingSection.DEFAULTS);
        assertThat(read("")).isEqualTo(LoggingSection.DEFAULTS);
        assertThat(read("format = \"json\"\nlevel = \"debug\"")).isEqualTo(new LoggingSettings(Format.JSON, Level.DEBUG));
        assertThat(read("format = \"text\"\nlevel = \"warn\"")).isEqualTo(new LoggingSettings(Format.TEXT, Level.WARN));
        assertThat(read("level = \"info\"")).isEqualTo(LoggingSection.DEFAULTS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "format = \"jsn\"     | gw.toml:4: [logging] format: must be \"text\" or \"json\", not \"jsn\" (did you mean 'json'?)",
        "format = \"logfmt\"  | gw.toml:4: [logging] format: must be \"text\" or \"json\", not \"logfmt\"",
        "format = \"JSON\"    | gw.toml:4: [logging] format: must be \"text\" or \"json\", not \"JSON\" (did you mean 'json'?)",
        "level = \"wran\"     | gw.toml:4: [logging] level: must be \"debug\", \"info\" or \"warn\", not \"wran\" (did you mean 'warn'?)",
        "level = \"warning\"  | gw.toml:4: [logging] level: must be \"debug\", \"info\" or \"warn\", not \"warning\"",
        "level = \"trace\"    | gw.toml:4: [logging] level: must be \"debug\", \"info\" or \"warn\", not \"trace\"",
        "level = 3           | gw.toml:4: [logging] level: expected a string, found integer 3",
        "formt = \"json\"     | gw.toml:4: [logging] formt: unknown key (did you mean 'format'?); known keys: format, level",
    })
    void wrongValuesAreLocated(String line, String expected) {
        assertThatThrownBy(() -> read(line)).isInstanceOf(ConfigException.class).hasMessage(expected);
    }

    @Test
    void theTableIsKnownToEveryReaderAndToCheckConfig() throws ConfigException {
        assertThat(ConfigSections.KNOWN).contains("logging");
        ConfigFile file = ConfigFile.parse("gw.toml", HEAD + "format = \"yaml\"\n");
        ConfigSections.checkKnown(file);
        List<Finding> findings = ConfigCheck.check(file, name -> true);
        assertThat(findings).extracting(Finding::message)
                .contains("gw.toml:4: [logging] format: must be \"text\" or \"json\", not \"yaml\"");
    }
}
