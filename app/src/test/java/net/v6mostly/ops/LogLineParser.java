package net.v6mostly.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-only strict readers of the two log line formats, to check what the layouts write: a logfmt
 * line ({@code key=bare key="quoted"}, single spaces) and a JSON object whose values are strings
 * (RFC 8259: no raw control character inside a string, escapes {@code \" \\ \/ \b \f \n \r \t
 * \}{@code uXXXX} only). Anything else is an {@link IllegalArgumentException}.
 */
final class LogLineParser {
    private final String s;
    private int at;

    private LogLineParser(String s) {
        this.s = s;
    }

    /** The fields of one logfmt line (without its newline), in order. */
    static Map<String, String> logfmt(String line) {
        LogLineParser p = new LogLineParser(line);
        Map<String, String> out = new LinkedHashMap<>();
        while (true) {
            int eq = line.indexOf('=', p.at);
            if (eq <= p.at) {
                throw new IllegalArgumentException("no key at " + p.at + ": " + line);
            }
            String key = line.substring(p.at, eq);
            if (!key.matches("[a-z]+")) {
                throw new IllegalArgumentException("bad key " + key);
            }
            p.at = eq + 1;
            String value;
            if (p.peek() == '"') {
                value = p.string();
            } else {
                int end = line.indexOf(' ', p.at);
                value = line.substring(p.at, end < 0 ? line.length() : end);
                if (value.isEmpty() || !value.matches("[A-Za-z0-9._:+\\-]+")) {
                    throw new IllegalArgumentException("bad bare value " + value);
                }
                p.at += value.length();
            }
            if (out.put(key, value) != null) {
                throw new IllegalArgumentException("key twice: " + key);
            }
            if (p.at == line.length()) {
                return out;
            }
            p.expect(' ');
        }
    }

    /** The members of one JSON object of strings (without its newline), in order. */
    static Map<String, String> json(String line) {
        LogLineParser p = new LogLineParser(line);
        Map<String, String> out = new LinkedHashMap<>();
        p.expect('{');
        do {
            String key = p.string();
            p.expect(':');
            if (out.put(key, p.string()) != null) {
                throw new IllegalArgumentException("key twice: " + key);
            }
        } while (p.at < line.length() && line.charAt(p.at) == ',' && ++p.at > 0);
        p.expect('}');
        if (p.at != line.length()) {
            throw new IllegalArgumentException("text after the object: " + line.substring(p.at));
        }
        return out;
    }

    private char peek() {
        if (at >= s.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return s.charAt(at);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + at + ": " + s);
        }
        at++;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = peek();
            at++;
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("raw control character " + (int) c);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = peek();
            at++;
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > s.length() || !s.substring(at, at + 4).matches("[0-9a-fA-F]{4}")) {
                        throw new IllegalArgumentException("bad \\u escape");
                    }
                    out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + e);
            }
        }
    }
}
