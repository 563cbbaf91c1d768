package net.v6mostly.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target: any bytes as a configuration file, through what {@code v6mostly check-config}
 * does ({@link ConfigFile#parse} as {@link ConfigFile#load} calls it, then {@link ConfigCheck#check})
 * and through the readers of the standalone commands (clat, siit, nat64, ra, dhcp4, dns64, gateway)
 * and of the shared tables ([metrics], [logging]).
 * Seeds: the files of {@code examples/}. Invariants: text that is not UTF-8 is what {@code load}
 * refuses ("cannot read"); otherwise every outcome is a value or a {@link ConfigException} whose
 * message names this file (file:line: [table] key: problem), every finding names it too, and no
 * other exception escapes; an interface name reaches the interface-exists check (the point where
 * a name leaves the config for the system) only after it passed {@link InterfaceNames#check}.
 */
class ConfigFuzzTest {
    private static final String NAME = "fuzz.toml";

    @FunctionalInterface
    interface Reader {
        Object read(ConfigFile file) throws ConfigException;
    }

    private static final List<Reader> READERS = List.of(ClatSection::read, f -> RunConfigs.read("siit", f),
            f -> RunConfigs.read("nat64", f), RaSection::read, Dhcp4Section::read, Dns64Section::read, GatewaySection::read,
            MetricsSection::read, LoggingSection::read);

    @FuzzTest(maxDuration = "10s")
    void checkConfigGivesFindingsOrLocatedErrors(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return; // Files.readString refuses it: ConfigFile.load reports "cannot read"
        }
        ConfigFile file;
        try {
            file = ConfigFile.parse(NAME, text);
        } catch (ConfigException e) {
            located(e);
            return;
        }
        List<Finding> findings = ConfigCheck.check(file, name -> InterfaceNames.check(name) != null);
        for (Finding f : findings) {
            assertThat(f.message()).startsWith(NAME);
        }
        for (Reader r : READERS) {
            try {
                assertThat(r.read(file)).isNotNull();
            } catch (ConfigException e) {
                located(e);
            }
        }
    }

    private static void located(ConfigException e) {
        assertThat(e.file()).isEqualTo(NAME);
        assertThat(e.line()).isNotNegative();
        assertThat(e.getMessage()).startsWith(NAME);
    }
}
