package net.v6mostly.stats;

/**
 * A named exit of a pipeline: every packet that leaves a protocol engine, translated or dropped, is
 * counted under exactly one {@code Stat}, and the constant carries the sentence an operator reads in
 * {@code v6mostly ... stats} and on the metrics endpoint.
 *
 * <p>Implemented by enums, one per engine, so that counters are dense arrays indexed by
 * {@link #ordinal()}.
 */
public interface Stat {
    /** The constant's name, used as the metric label. */
    String name();

    /** Dense index of the constant within its enum. */
    int ordinal();

    /** One sentence that explains what happened to the packet and why, citing the RFC rule. */
    String explanation();

    /** Whether the packet was lost (as opposed to translated or answered). */
    boolean isDrop();
}
