package net.v6mostly.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * One parsed TOML configuration file (TOML 1.0) and its name, handing out its top-level tables as
 * {@link ConfigSection}s whose getters report located errors. Components read their own table;
 * {@link #checkSections} refuses tables nobody reads, so a typo in a table name is not ignored.
 */
public final class ConfigFile {
    private final String name;
    private final TomlParseResult toml;

    private ConfigFile(String name, TomlParseResult toml) {
        this.name = name;
        this.toml = toml;
    }

    /**
     * Reads and parses {@code path}.
     *
     * @throws ConfigException when the file cannot be read or is not valid TOML, naming the line
     */
    public static ConfigFile load(Path path) throws ConfigException {
        String name = path.toString();
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, null, "no such file");
        } catch (IOException e) {
            throw new ConfigException(name, 0, null, "cannot read: " + e.getMessage());
        }
        return parse(name, text);
    }

    /** Parses {@code text} as the file {@code name}; for tests and for configs held in memory. */
    public static ConfigFile parse(String name, String text) throws ConfigException {
        TomlParseResult result;
        try {
            result = Toml.parse(text);
        } catch (TomlParseError thrown) {
            // tomlj collects most errors, but throws some: an invalid escape in a quoted key of a
            // table header (["\E"]) was found by the fuzzing campaign of 2026-12-07
            TomlPosition at = thrown.position();
            throw new ConfigException(name, at == null ? 0 : at.line(), null, "not valid TOML: " + thrown.getMessage());
        } catch (AssertionError internal) {
            // tomlj 1.1.1 asserts on a short unicode escape in a quoted key (a backslash, u and one
            // letter): with assertions on (tests, fuzzing) that is an AssertionError, without them it
            // reports "Invalid unicode escape sequence" itself. Either way it is the file's syntax
            // error, not a crash.
            throw new ConfigException(name, 0, null, "not valid TOML: the parser failed on an escape sequence");
        }
        if (result.hasErrors()) {
            TomlParseError first = result.errors().get(0);
            TomlPosition at = first.position();
            int more = result.errors().size() - 1;
            throw new ConfigException(name, at == null ? 0 : at.line(), null, "not valid TOML: " + first.getMessage()
                    + (more > 0 ? " (and " + more + " more error" + (more > 1 ? "s" : "") + ")" : ""));
        }
        return new ConfigFile(name, result);
    }

    /** The file as the user named it. */
    public String name() {
        return name;
    }

    /**
     * The top-level table {@code section}, if present.
     *
     * @throws ConfigException when {@code section} is present but not a table
     */
    public Optional<ConfigSection> section(String section) throws ConfigException {
        Object value = toml.get(List.of(section));
        if (value == null) {
            return Optional.empty();
        }
        int line = lineOf(toml, section);
        if (!(value instanceof TomlTable table)) {
            throw new ConfigException(name, line, section, "must be a table ([" + section + "]), found "
                    + ConfigSection.describe(value));
        }
        return Optional.of(new ConfigSection(this, "[" + section + "]", table, line));
    }

    /** The top-level table {@code section}; {@code purpose} says in the error who needs it. */
    public ConfigSection require(String section, String purpose) throws ConfigException {
        Optional<ConfigSection> found = section(section);
        if (found.isEmpty()) {
            throw new ConfigException(name, 0, null, "no [" + section + "] table: " + purpose);
        }
        return found.get();
    }

    /** Fails on the first top-level key that is not one of the {@code known} table names. */
    public void checkSections(Collection<String> known) throws ConfigException {
        List<String> sorted = new ArrayList<>(toml.keySet());
        sorted.sort(null);
        for (String key : sorted) {
            if (!known.contains(key)) {
                throw new ConfigException(name, lineOf(toml, key), null, "unknown table or key '" + key + "'"
                        + DidYouMean.hint(key, known) + "; known tables: " + String.join(", ", known));
            }
        }
    }

    /** Every top-level key that is not one of the {@code known} table names, each as a located error. */
    public List<ConfigException> unknownSections(Collection<String> known) {
        List<ConfigException> out = new ArrayList<>();
        List<String> sorted = new ArrayList<>(toml.keySet());
        sorted.sort(null);
        for (String key : sorted) {
            if (!known.contains(key)) {
                out.add(new ConfigException(name, lineOf(toml, key), null, "unknown table or key '" + key + "'"
                        + DidYouMean.hint(key, known) + "; known tables: " + String.join(", ", known)));
            }
        }
        return out;
    }

    static int lineOf(TomlTable table, String key) {
        TomlPosition at = table.inputPositionOf(List.of(key));
        return at == null ? 0 : at.line();
    }
}
