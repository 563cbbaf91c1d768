package net.v6mostly.config;

/**
 * What the runner does when a service dies (its serving thread ended, or its loop stopped on an
 * error): {@code [gateway] on-component-failure} and {@code max-restarts}, read by every daemon
 * ({@code docs/gateway.md#a-component-that-dies}).
 *
 * @param restart     true for {@code "restart"} (a fresh instance in the same process, with back-off),
 *                    false for {@code "exit"} (stop everything, exit status 1, the supervisor restarts)
 * @param maxRestarts restarts in a row before the runner gives up and exits 1
 */
public record SupervisionSettings(boolean restart, int maxRestarts) {
    /** The gateway's default: restart, at most 5 times in a row. */
    public static final SupervisionSettings GATEWAY = new SupervisionSettings(true, 5);
    /** A single-component daemon's default: exit, and let systemd restart the unit. */
    public static final SupervisionSettings STANDALONE = new SupervisionSettings(false, 5);
}
