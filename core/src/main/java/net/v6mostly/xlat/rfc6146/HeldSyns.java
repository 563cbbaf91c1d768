package net.v6mostly.xlat.rfc6146;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unsolicited IPv4 SYNs waiting TCP_INCOMING_SYN for the IPv6 SYN of a simultaneous open (RFC 6146
 * §3.5.2.2, V4 INIT). Keyed by (T, t, Z, z); bounded (RFC 6146 §5.3: state created from outside
 * must be limited). The stored packet itself stays with the pipeline, under the same key.
 *
 * <p>Holding is the slow path and allocates its key; the IPv6 side looks here only while the table
 * is not empty.
 */
final class HeldSyns {
    record Key(int addr4, int port4, int remote4, int remotePort) {
    }

    private final ConcurrentHashMap<Key, Long> deadlines = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int limit;

    HeldSyns(int limit) {
        this.limit = limit;
    }

    /** Holds a SYN until {@code deadline}; true if held (or already held), false when the table is full. */
    boolean hold(int addr4, int port4, int remote4, int remotePort, long deadline) {
        Key key = new Key(addr4, port4, remote4, remotePort);
        if (deadlines.containsKey(key)) {
            return true; // a retransmission: the first SYN's deadline stands
        }
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            return false;
        }
        if (deadlines.putIfAbsent(key, deadline) != null) {
            count.decrementAndGet();
        }
        return true;
    }

    /** Removes a held SYN matched by an IPv6 SYN; true if there was one. */
    boolean release(int addr4, int port4, int remote4, int remotePort) {
        if (count.get() == 0) {
            return false;
        }
        if (deadlines.remove(new Key(addr4, port4, remote4, remotePort)) != null) {
            count.decrementAndGet();
            return true;
        }
        return false;
    }

    /**
     * The pool4 port of a SYN held on {@code addr4} from (remote4, remotePort), or -1: an IPv6 SYN
     * towards that remote should take this port so the two SYNs meet (§3.5.2.2 simultaneous
     * open). Walks the table, which is small and bounded; called only while it is not empty.
     */
    int portFor(int addr4, int remote4, int remotePort) {
        for (Key k : deadlines.keySet()) {
            if (k.addr4() == addr4 && k.remote4() == remote4 && k.remotePort() == remotePort) {
                return k.port4();
            }
        }
        return -1;
    }

    /** Removes every SYN whose deadline has passed and reports it; returns how many. */
    int expire(long now, ExpiryListener listener) {
        int n = 0;
        for (Iterator<Map.Entry<Key, Long>> it = deadlines.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, Long> e = it.next();
            if (e.getValue() <= now && deadlines.remove(e.getKey(), e.getValue())) {
                count.decrementAndGet();
                Key k = e.getKey();
                listener.incomingSynExpired(k.addr4(), k.port4(), k.remote4(), k.remotePort());
                n++;
            }
        }
        return n;
    }

    int size() {
        return count.get();
    }
}
