package net.v6mostly.xlat.rfc6146;

/**
 * One mapping log record (RFC 6888 REQ-12, RFC 7422 §2): who (the IPv6 host and port) held which
 * pool4 address and port, for which protocol, from when. Destination fields are set only for
 * session events, which are off unless policy asks for them. A {@link Kind#NAT64_START} event
 * ({@link #start}) marks a new instance: every mapping logged before it ended at the latest then.
 *
 * @param timeMillis UTC time of the event, ms since the epoch
 * @param kind what happened
 * @param protocol the BIB's protocol (null for {@link Kind#NAT64_START})
 * @param hi first 64 bits of the IPv6 source
 * @param lo last 64 bits of the IPv6 source
 * @param port6 IPv6 source port (block events: -1)
 * @param addr4 pool4 address
 * @param port4 pool4 port, or first port of a block
 * @param port4Last last port of a block; equals {@code port4} otherwise
 * @param remote4 remote IPv4 address (session events only, else 0)
 * @param remotePort remote port (session events only, else -1)
 */
public record MappingEvent(long timeMillis, Kind kind, Protocol protocol, long hi, long lo, int port6, int addr4,
        int port4, int port4Last, int remote4, int remotePort) {

    /** Event kinds. */
    public enum Kind {
        /** A dynamic or static BIB entry was created. */
        BIB_CREATE("bib-create"),
        /** A BIB entry was removed. */
        BIB_DELETE("bib-delete"),
        /** A port block was given to a host (RFC 7422). */
        BLOCK_ALLOC("block-alloc"),
        /** A port block was taken back. */
        BLOCK_RELEASE("block-release"),
        /** A session was created (optional). */
        SESSION_CREATE("session-create"),
        /** A session was removed (optional). */
        SESSION_DELETE("session-delete"),
        /**
         * A NAT64 instance started with empty tables: mappings of earlier instances from the same
         * log source are gone, whether or not their deletion was logged.
         */
        NAT64_START("nat64-start");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The SD-PARAM value used in logs. */
        public String label() {
            return label;
        }
    }

    /** The marker of an instance that started at {@code timeMillis} (UTC ms) with empty tables. */
    public static MappingEvent start(long timeMillis) {
        return new MappingEvent(timeMillis, Kind.NAT64_START, null, 0, 0, -1, 0, -1, -1, 0, -1);
    }
}
