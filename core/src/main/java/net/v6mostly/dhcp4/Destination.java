package net.v6mostly.dhcp4;

import net.v6mostly.addr.Ipv4;

/**
 * Where a reply goes, decided by RFC 2131 §4.1: to the relay's server port, unicast to ciaddr,
 * broadcast, or unicast to yiaddr at the client's hardware address (which the adapter must send
 * without ARP, since the client has no address yet).
 */
public record Destination(Kind kind, int address, int port) {
    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;

    /** How to send. */
    public enum Kind { RELAY, UNICAST, BROADCAST, HARDWARE_UNICAST }

    static Destination relay(int giaddr) {
        return new Destination(Kind.RELAY, giaddr, SERVER_PORT);
    }

    static Destination unicast(int address) {
        return new Destination(Kind.UNICAST, address, CLIENT_PORT);
    }

    static Destination broadcast() {
        return new Destination(Kind.BROADCAST, -1, CLIENT_PORT);
    }

    static Destination hardware(int yiaddr) {
        return new Destination(Kind.HARDWARE_UNICAST, yiaddr, CLIENT_PORT);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + Ipv4.format(address) + ":" + port;
    }
}
