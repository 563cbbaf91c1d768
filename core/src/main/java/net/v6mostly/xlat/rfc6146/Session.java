package net.v6mostly.xlat.rfc6146;

/**
 * One session table entry (RFC 6146 §3.2): the remote IPv4 transport address (Z, z) of a BIB
 * entry's flow, its lifetime and, for TCP, its §3.5.2.2 state. The local half (X', x) ↔ (T, t) is
 * the owning {@link Bib}'s, and Y' is Pref64 + Z, so neither is stored again. Sessions of one BIB
 * entry form a singly linked list guarded by the entry's monitor.
 *
 * <p>32 bytes with compressed class pointers: header 12, {@code remote} 8, {@code expiresAt} 8,
 * {@code state} 1, {@code next} 4 (rounded to 8).
 */
final class Session {
    /** Remote IPv4 address in the high 32 bits of the low 48, port (0 for ICMP) in the low 16. */
    final long remote;
    /** Absolute time in ms at which the session ends unless refreshed. */
    long expiresAt;
    /** {@link TcpState} ordinal; 0 for UDP and ICMP. */
    byte state;
    /** Next session of the same BIB entry. */
    Session next;

    Session(long remote) {
        this.remote = remote;
    }

    static long remote(int address, int port) {
        return (address & 0xFFFFFFFFL) << 16 | port & 0xFFFF;
    }

    int remoteAddress() {
        return (int) (remote >>> 16);
    }

    int remotePort() {
        return (int) remote & 0xFFFF;
    }
}
