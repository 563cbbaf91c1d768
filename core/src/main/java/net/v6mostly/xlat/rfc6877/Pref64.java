package net.v6mostly.xlat.rfc6877;

import java.util.Objects;

import net.v6mostly.addr.Rfc6052Prefix;

/**
 * The NAT64 prefix in use and where it came from.
 *
 * @param prefix         the prefix
 * @param source         how it was learned
 * @param expiresAtNanos when it stops being valid unless refreshed (Long.MAX_VALUE for a configured prefix)
 */
public record Pref64(Rfc6052Prefix prefix, Pref64Source source, long expiresAtNanos) {
    public Pref64 {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(source, "source");
    }
}
