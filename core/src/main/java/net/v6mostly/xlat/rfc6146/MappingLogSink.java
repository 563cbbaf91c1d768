package net.v6mostly.xlat.rfc6146;

/**
 * Where the state engine sends mapping log events (RFC 6888 REQ-12). Called on the thread that
 * created or removed the mapping, so an implementation must not block: {@link AsyncMappingLog}
 * queues and never waits.
 */
@FunctionalInterface
public interface MappingLogSink {
    /** A sink that discards everything. */
    MappingLogSink NONE = event -> { };

    /** Accepts one event; must return promptly. */
    void accept(MappingEvent event);
}
