package net.v6mostly.dhcp4;

/**
 * How a datagram reached the server: the receiving interface (from IP_PKTINFO) and whether it was
 * sent to a broadcast address, which tells REBINDING from RENEWING (RFC 2131 §4.3.2).
 */
public record Arrival(String interfaceName, boolean toBroadcast) {
}
