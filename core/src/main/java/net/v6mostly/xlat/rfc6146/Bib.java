package net.v6mostly.xlat.rfc6146;

/**
 * One BIB entry (RFC 6146 §3.1): IPv6 transport address (X', x) ↔ IPv4 transport address (T, t)
 * for one protocol, with its sessions. Indexed twice: by (X', x) in a {@code ConcurrentHashMap}
 * where the entry is its own key, and by (T, t) in {@link Pool4}'s dense per-address array.
 *
 * <p>Its monitor guards {@link #sessions}, {@link #sessionCount} and {@link #dead}: one BIB entry
 * is one lock stripe, so workers translating different flows never contend. A dead entry has been
 * removed by the expiry sweep; a worker that finds one looks up again.
 */
final class Bib {
    final long hi;
    final long lo;
    final char port6;
    final byte protocol;
    final boolean isStatic;
    final int addr4;
    final char port4;
    /** The IPv6 host's quota record; null for static entries, which no quota limits. */
    final Host host;

    Session sessions;
    int sessionCount;
    boolean dead;

    Bib(Protocol protocol, long hi, long lo, int port6, int addr4, int port4, Host host, boolean isStatic) {
        this.protocol = (byte) protocol.ordinal();
        this.hi = hi;
        this.lo = lo;
        this.port6 = (char) port6;
        this.addr4 = addr4;
        this.port4 = (char) port4;
        this.host = host;
        this.isStatic = isStatic;
    }

    static int hash(long hi, long lo, int port) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL) ^ port;
        return (int) (h ^ h >>> 32);
    }

    @Override
    public int hashCode() {
        return hash(hi, lo, port6);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bib b && b.hi == hi && b.lo == lo && b.port6 == port6
                || o instanceof Probe p && p.equals(this);
    }

    /** The session with this remote, or null; caller holds the monitor. */
    Session find(long remote) {
        for (Session s = sessions; s != null; s = s.next) {
            if (s.remote == remote) {
                return s;
            }
        }
        return null;
    }

    /** Adds a session; caller holds the monitor. */
    Session add(long remote) {
        Session s = new Session(remote);
        s.next = sessions;
        sessions = s;
        sessionCount++;
        return s;
    }

    /** Whether a session with remote address {@code address} is alive (address-dependent filtering, §3.5.1). */
    boolean hasSessionWith(int address, long now) {
        for (Session s = sessions; s != null; s = s.next) {
            if (s.remoteAddress() == address && s.expiresAt > now) {
                return true;
            }
        }
        return false;
    }

    /**
     * A mutable lookup key for the (X', x) index, one per worker: {@code ConcurrentHashMap.get}
     * calls {@code probe.equals(storedKey)}, so the lookup allocates nothing.
     */
    static final class Probe {
        long hi;
        long lo;
        int port;
        private int hash;

        Probe set(long hi, long lo, int port) {
            this.hi = hi;
            this.lo = lo;
            this.port = port;
            this.hash = Bib.hash(hi, lo, port);
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bib b && b.hi == hi && b.lo == lo && b.port6 == port;
        }
    }
}
