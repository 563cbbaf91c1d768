package net.v6mostly.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * One table of a {@link ConfigFile} (a top-level {@code [name]} or an entry of an array of
 * tables) with typed getters. Every getter either returns a valid value or throws a {@link
 * ConfigException} naming the file, the line and {@code [table] key}; absent keys give the default.
 */
public final class ConfigSection {
    private final ConfigFile file;
    private final String label;
    private final TomlTable table;
    private final int line;

    ConfigSection(ConfigFile file, String label, TomlTable table, int line) {
        this.file = file;
        this.label = label;
        this.table = table;
        this.line = line;
    }

    /** How errors name this table, e.g. {@code [siit]} or {@code [siit] eam[2]}. */
    public String label() {
        return label;
    }

    /** Whether {@code key} is set. */
    public boolean has(String key) {
        return table.get(List.of(key)) != null;
    }

    /** A string value, or {@code def} when absent. */
    public String string(String key, String def) throws ConfigException {
        Object v = table.get(List.of(key));
        if (v == null) {
            return def;
        }
        if (!(v instanceof String s)) {
            throw error(key, "expected a string, found " + describe(v));
        }
        return s;
    }

    /**
     * An interface name that passed {@link InterfaceNames#check} (taken as written, not stripped),
     * or {@code def} when absent.
     */
    public String interfaceName(String key, String def) throws ConfigException {
        String text = string(key, null);
        if (text == null) {
            return def;
        }
        try {
            return InterfaceNames.check(text);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /** An array of interface names, each passing {@link InterfaceNames#check}; empty when absent. */
    public List<String> interfaceNames(String key) throws ConfigException {
        return parsedList(key, InterfaceNames::check);
    }

    /** A boolean value, or {@code def} when absent. */
    public boolean bool(String key, boolean def) throws ConfigException {
        Object v = table.get(List.of(key));
        if (v == null) {
            return def;
        }
        if (!(v instanceof Boolean b)) {
            throw error(key, "expected true or false, found " + describe(v));
        }
        return b;
    }

    /**
     * An integer in {@code min..max}, or {@code def} when absent; {@code rule} names the source of
     * the bounds in the error (e.g. "RFC 8200 §5").
     */
    public int integer(String key, int def, int min, int max, String rule) throws ConfigException {
        return (int) longInteger(key, def, min, max, rule);
    }

    /** A 64-bit integer in {@code min..max}, or {@code def} when absent (for unsigned 32-bit lifetimes). */
    public long longInteger(String key, long def, long min, long max, String rule) throws ConfigException {
        Object v = table.get(List.of(key));
        if (v == null) {
            return def;
        }
        if (!(v instanceof Long n)) {
            throw error(key, "expected an integer, found " + describe(v));
        }
        if (n < min || n > max) {
            throw error(key, "must be " + min + ".." + max + (rule == null ? "" : " (" + rule + ")") + ", not " + n);
        }
        return n;
    }

    /** An array of strings each turned into a value by {@code parser}; empty when absent. */
    public <T> List<T> list(String key, Function<String, T> parser) throws ConfigException {
        List<String> texts = strings(key);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(parser.apply(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw error(key, "element " + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * A string turned into a value by {@code parser}; an {@link IllegalArgumentException} from the
     * parser (or the record constructor behind it) becomes a located error with its message.
     */
    public <T> T parsed(String key, T def, Function<String, T> parser) throws ConfigException {
        String text = string(key, null);
        if (text == null) {
            return def;
        }
        try {
            return parser.apply(text.strip());
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /**
     * An array of strings, each turned into a value by {@code parser}, or {@code def} when absent;
     * a single string is accepted as a one-element array. Errors name the 1-based element.
     */
    public <T> List<T> list(String key, List<T> def, Function<String, T> parser) throws ConfigException {
        Object v = table.get(List.of(key));
        if (v == null) {
            return def;
        }
        List<Object> items = new ArrayList<>();
        if (v instanceof TomlArray array) {
            for (int i = 0; i < array.size(); i++) {
                items.add(array.get(i));
            }
        } else {
            items.add(v);
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String text)) {
                throw error(key, "expected a string or an array of strings, found " + describe(items.get(i)));
            }
            try {
                out.add(parser.apply(text.strip()));
            } catch (IllegalArgumentException e) {
                throw error(key, (items.size() > 1 ? "element " + (i + 1) + ": " : "") + e.getMessage());
            }
        }
        return out;
    }

    /** One of the constants of {@code type}, written in lower case with '-' for '_'. */
    public <E extends Enum<E>> E choice(String key, E def, Class<E> type) throws ConfigException {
        String text = string(key, null);
        if (text == null) {
            return def;
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (name.equals(text)) {
                return constant;
            }
            names.add('"' + name + '"');
        }
        throw error(key, "must be one of " + String.join(", ", names) + ", not \"" + text + "\"");
    }

    /** The entries of an array of tables ({@code key = [{...}, ...]} or {@code [[table.key]]}). */
    public List<ConfigSection> tables(String key, String example) throws ConfigException {
        Object v = table.get(List.of(key));
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof TomlArray array)) {
            throw error(key, "expected an array of tables like " + example + ", found " + describe(v));
        }
        List<ConfigSection> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object element = array.get(i);
            int at = element instanceof TomlTable t ? firstKeyLine(t, key) : elementLine(array, i, key);
            if (!(element instanceof TomlTable entry)) {
                throw new ConfigException(file.name(), at, label + " " + key + "[" + (i + 1) + "]",
                        "expected a table like " + example + ", found " + describe(element));
            }
            out.add(new ConfigSection(file, label + " " + key + "[" + (i + 1) + "]", entry, at));
        }
        return out;
    }

    /** A sub-table ({@code [table.key]} or {@code key = { ... }}), if present. */
    public Optional<ConfigSection> table(String key) throws ConfigException {
        Object v = table.get(List.of(key));
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof TomlTable sub)) {
            throw error(key, "expected a table ([" + label.substring(1, label.length() - 1) + "." + key + "]), found "
                    + describe(v));
        }
        return Optional.of(new ConfigSection(file, label.substring(0, label.length() - 1) + "." + key + "]",
                sub, lineOf(key)));
    }

    /** An array of strings, or an empty list when absent; errors name the element by its 1-based index. */
    public List<String> strings(String key) throws ConfigException {
        Object v = table.get(List.of(key));
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof TomlArray array)) {
            throw error(key, "expected an array of strings, found " + describe(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof String s)) {
                throw error(key, "element " + (i + 1) + ": expected a string, found " + describe(array.get(i)));
            }
            out.add(s.strip());
        }
        return out;
    }

    /**
     * Each string of the array {@code key} checked by {@code parser}; an {@link
     * IllegalArgumentException} becomes a located error naming the element, e.g. {@code addresses[2]}.
     */
    public <T> List<T> parsedList(String key, Function<String, T> parser) throws ConfigException {
        List<T> out = new ArrayList<>();
        List<String> texts = strings(key);
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(parser.apply(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file.name(), lineOf(key), label + " " + key + "[" + (i + 1) + "]",
                        e.getMessage());
            }
        }
        return out;
    }

    /** Fails on the first key of this table that is not in {@code known}, suggesting the closest. */
    public void checkKeys(Collection<String> known) throws ConfigException {
        for (String key : new TreeSet<>(table.keySet())) {
            if (!known.contains(key)) {
                throw error(key, "unknown key" + DidYouMean.hint(key, known) + "; known keys: "
                        + String.join(", ", known));
            }
        }
    }

    /** A located error about {@code key} (or about the table itself when {@code key} is null). */
    public ConfigException error(String key, String problem) {
        return new ConfigException(file.name(), key == null ? line : lineOf(key),
                key == null ? label : label + " " + key, problem);
    }

    /** The line of an inline table's first key: tomlj places array elements after the previous one. */
    private int firstKeyLine(TomlTable entry, String key) {
        int first = Integer.MAX_VALUE;
        for (String k : entry.keySet()) {
            int at = ConfigFile.lineOf(entry, k);
            if (at > 0) {
                first = Math.min(first, at);
            }
        }
        return first == Integer.MAX_VALUE ? lineOf(key) : first;
    }

    private int elementLine(TomlArray array, int i, String key) {
        return array.inputPositionOf(i) == null ? lineOf(key) : array.inputPositionOf(i).line();
    }

    private int lineOf(String key) {
        int at = ConfigFile.lineOf(table, key);
        return at > 0 ? at : line;
    }

    /** A value's TOML type and text, for "found ..." in errors. */
    static String describe(Object value) {
        return switch (value) {
            case String s -> "string \"" + s + "\"";
            case Long n -> "integer " + n;
            case Double d -> "float " + d;
            case Boolean b -> "boolean " + b;
            case TomlArray a -> "an array";
            case TomlTable t -> "a table";
            default -> "a date/time " + value;
        };
    }
}
