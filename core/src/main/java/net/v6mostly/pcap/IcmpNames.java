package net.v6mostly.pcap;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Icmp4;
import net.v6mostly.wire.Icmp4Header;
import net.v6mostly.wire.Icmp6;
import net.v6mostly.wire.Icmp6Header;

/** Names of the ICMP (RFC 792) and ICMPv6 (RFC 4443) messages the translator handles, for reports. */
public final class IcmpNames {
    private IcmpNames() {
    }

    /** {@code "ICMP echo-request id 1 seq 2"}, {@code "ICMPv6 packet-too-big mtu 1280"}, ... */
    public static String describe(MemorySegment s, long at, boolean ipv6) {
        int type = ipv6 ? Icmp6Header.type(s, at) : Icmp4Header.type(s, at);
        int code = ipv6 ? Icmp6Header.code(s, at) : Icmp4Header.code(s, at);
        String prefix = ipv6 ? "ICMPv6 " : "ICMP ";
        String name = ipv6 ? name6(type) : name4(type);
        if (name == null) {
            return prefix + "type " + type + " code " + code;
        }
        if (name.startsWith("echo")) {
            int id = ipv6 ? Icmp6Header.identifier(s, at) : Icmp4Header.identifier(s, at);
            int seq = ipv6 ? Icmp6Header.sequence(s, at) : Icmp4Header.sequence(s, at);
            return prefix + name + " id " + id + " seq " + seq;
        }
        if (ipv6 && type == Icmp6.PACKET_TOO_BIG) {
            return prefix + name + " mtu " + Icmp6Header.rest(s, at); // the MTU word, as a signed int
        }
        if (!ipv6 && type == Icmp4.DESTINATION_UNREACHABLE && code == Icmp4.FRAGMENTATION_NEEDED) {
            return prefix + "fragmentation-needed mtu " + Icmp4Header.nextHopMtu(s, at);
        }
        return prefix + name + " code " + code;
    }

    private static String name4(int type) {
        return switch (type) {
            case Icmp4.ECHO_REPLY -> "echo-reply";
            case Icmp4.DESTINATION_UNREACHABLE -> "unreachable";
            case Icmp4.ECHO_REQUEST -> "echo-request";
            case Icmp4.TIME_EXCEEDED -> "time-exceeded";
            case Icmp4.PARAMETER_PROBLEM -> "parameter-problem";
            default -> null;
        };
    }

    private static String name6(int type) {
        return switch (type) {
            case Icmp6.DESTINATION_UNREACHABLE -> "unreachable";
            case Icmp6.PACKET_TOO_BIG -> "packet-too-big";
            case Icmp6.TIME_EXCEEDED -> "time-exceeded";
            case Icmp6.PARAMETER_PROBLEM -> "parameter-problem";
            case Icmp6.ECHO_REQUEST -> "echo-request";
            case Icmp6.ECHO_REPLY -> "echo-reply";
            default -> null;
        };
    }
}
