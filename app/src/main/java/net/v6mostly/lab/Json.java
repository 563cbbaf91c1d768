package net.v6mostly.lab;

import java.util.List;

/** The little JSON the lab's {@code --json} output needs (RFC 8259 strings and arrays of strings). */
final class Json {
    private Json() {
    }

    /** A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped. */
    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String array(List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            b.append(i > 0 ? "," : "").append(string(items.get(i)));
        }
        return b.append(']').toString();
    }
}
