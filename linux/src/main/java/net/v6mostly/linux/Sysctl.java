package net.v6mostly.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes kernel parameters under {@code /proc/sys} ({@code sysctl(8)} without the
 * program), e.g. {@code net/ipv6/conf/eth0/proxy_ndp}. The key uses slashes, so interface names
 * with dots need no escaping.
 */
public final class Sysctl {
    private static final Path ROOT = Path.of("/proc/sys");

    private Sysctl() {
    }

    /** The value of {@code key}, trimmed. */
    public static String read(String key) throws LinuxException {
        try {
            return Files.readString(path(key), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new LinuxException("cannot read sysctl " + key.replace('/', '.') + ": " + e.getMessage());
        }
    }

    /** Writes {@code value} to {@code key}. */
    public static void write(String key, String value) throws LinuxException {
        try {
            Files.writeString(path(key), value + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new LinuxException("cannot set sysctl " + key.replace('/', '.') + " = " + value + ": " + e.getMessage());
        }
    }

    private static Path path(String key) {
        if (key.contains("..") || key.startsWith("/")) {
            throw new IllegalArgumentException("not a sysctl key: " + key);
        }
        return ROOT.resolve(key);
    }
}
