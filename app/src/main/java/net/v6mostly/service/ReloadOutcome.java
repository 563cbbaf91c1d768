package net.v6mostly.service;

import java.util.List;

/**
 * What one reload (SIGHUP) did to one service: the one outcome type of every service.
 *
 * @param error   the located configuration error that kept the running settings, or null
 * @param changes what was applied, e.g. {@code mtu6 1500 -> 1280}, {@code pool4 +1}
 * @param restart what changed but needs a restart, and so was not applied, e.g. {@code [siit.tun]}
 */
public record ReloadOutcome(String error, List<String> changes, List<String> restart) {
    /** Nothing to do: the service's table did not change, or the service has nothing to reload. */
    public static final ReloadOutcome UNCHANGED = new ReloadOutcome(null, List.of(), List.of());

    public ReloadOutcome {
        changes = List.copyOf(changes);
        restart = List.copyOf(restart);
    }

    /** The file was refused: the running settings stay. */
    public static ReloadOutcome refused(String error) {
        return new ReloadOutcome(error, List.of(), List.of());
    }

    /** Applied {@code changes}; {@code restart} need a restart. */
    public static ReloadOutcome applied(List<String> changes, List<String> restart) {
        return new ReloadOutcome(null, changes, restart);
    }

    /** One log line: {@code reloaded: a; b; needs a restart (not applied): c}. */
    public String describe() {
        if (error != null) {
            return "reload refused, keeping the running configuration: " + error;
        }
        return "reloaded: " + (changes.isEmpty() ? "nothing changed" : String.join("; ", changes))
                + (restart.isEmpty() ? "" : "; needs a restart (not applied): " + String.join(", ", restart));
    }
}
