package net.v6mostly.xlat;

/** The side of the translator a packet leaves on: toward the IPv4 network or the IPv6 network. */
public enum Side {
    /** Toward the IPv4 network. */
    V4,
    /** Toward the IPv6 network. */
    V6
}
