package net.v6mostly.xlat.rfc6146;

/** The states of a TCP session (RFC 6146 §3.5.2.2). CLOSED is the absence of a session. */
public enum TcpState {
    /** No session (never stored). */
    CLOSED,
    /** An IPv4 SYN was seen, no IPv6 SYN yet. */
    V4_INIT,
    /** An IPv6 SYN was seen, no IPv4 SYN yet. */
    V6_INIT,
    /** Both SYNs seen. */
    ESTABLISHED,
    /** A FIN came from the IPv4 side. */
    V4_FIN_RCV,
    /** A FIN came from the IPv6 side. */
    V6_FIN_RCV,
    /** FINs came from both sides; the session waits for TCP_TRANS to end. */
    V4_FIN_V6_FIN_RCV,
    /** A RST was seen, or an ESTABLISHED session idled out; the session ends after TCP_TRANS. */
    TRANS;

    private static final TcpState[] ALL = values();

    static TcpState of(int ordinal) {
        return ALL[ordinal];
    }
}
