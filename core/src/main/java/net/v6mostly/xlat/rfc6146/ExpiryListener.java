package net.v6mostly.xlat.rfc6146;

/**
 * What the expiry sweep asks the pipeline to put on the wire (RFC 6146 §3.5.2.2). Called on the
 * sweeping thread.
 */
public interface ExpiryListener {
    /** Does nothing. */
    ExpiryListener NONE = new ExpiryListener() { };

    /**
     * An ESTABLISHED session idled for TCP_EST and is now TRANS; the NAT64 MAY send a probe (an
     * empty ACK) to the IPv6 end to learn whether the connection is alive.
     */
    default void tcpProbe(long hi, long lo, int port6, int addr4, int port4, int remote4, int remotePort) {
    }

    /**
     * A held unsolicited IPv4 SYN from (remote4, remotePort) to (addr4, port4) saw no IPv6 SYN within
     * TCP_INCOMING_SYN: the pipeline SHOULD answer the stored SYN with ICMP 3/3 (Port Unreachable).
     */
    default void incomingSynExpired(int addr4, int port4, int remote4, int remotePort) {
    }
}
