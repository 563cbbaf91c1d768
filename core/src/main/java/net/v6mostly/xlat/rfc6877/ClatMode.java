package net.v6mostly.xlat.rfc6877;

/** The operator's override of the claton decision. */
public enum ClatMode {
    /** Follow draft-ietf-v6ops-claton: on only without native IPv4. */
    AUTO,
    /** Translate whatever the routing tables say (still needs a prefix and an address). */
    ON,
    /** Never translate (discovery and status still run). */
    OFF
}
