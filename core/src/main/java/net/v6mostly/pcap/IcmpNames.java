package net.v6mostly.pcap;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;

/** Names of the ICMP (RFC 792) and ICMPv6 (RFC 4443) messages the translator handles, for reports. */
public final class IcmpNames {
    private IcmpNames() {
    }

    /** {@code "ICMP echo-request id 1 seq 2"}, {@code "ICMPv6 packet-too-big mtu 1280"}, ... */
    public static String describe(MemorySegment s, long at, boolean ipv6) {
        int type = Bytes.u8(s, at);
        int code = Bytes.u8(s, at + 1);
        String prefix = ipv6 ? "ICMPv6 " : "ICMP ";
        String name = ipv6 ? name6(type) : name4(type);
        if (name == null) {
            return prefix + "type " + type + " code " + code;
        }
        if (name.startsWith("echo")) {
            return prefix + name + " id " + Bytes.u16(s, at + 4) + " seq " + Bytes.u16(s, at + 6);
        }
        if (ipv6 && type == 2) {
            return prefix + name + " mtu " + Bytes.i32(s, at + 4);
        }
        if (!ipv6 && type == 3 && code == 4) {
            return prefix + "fragmentation-needed mtu " + Bytes.u16(s, at + 6);
        }
        return prefix + name + " code " + code;
    }

    private static String name4(int type) {
        return switch (type) {
            case 0 -> "echo-reply";
            case 3 -> "unreachable";
            case 8 -> "echo-request";
            case 11 -> "time-exceeded";
            case 12 -> "parameter-problem";
            default -> null;
        };
    }

    private static String name6(int type) {
        return switch (type) {
            case 1 -> "unreachable";
            case 2 -> "packet-too-big";
            case 3 -> "time-exceeded";
            case 4 -> "parameter-problem";
            case 128 -> "echo-request";
            case 129 -> "echo-reply";
            default -> null;
        };
    }
}
