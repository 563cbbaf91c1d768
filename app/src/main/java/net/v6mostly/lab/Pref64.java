package net.v6mostly.lab;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;

/** The lab's NAT64 prefix ({@link LabPlan#PREF64}) applied to an IPv4 address (RFC 6052 §2.2). */
final class Pref64 {
    private static final Rfc6052Prefix PREFIX = Rfc6052Prefix.parse(LabPlan.PREF64);

    private Pref64() {
    }

    /** {@code 198.51.100.10} → {@code 2001:db8:64::c633:640a}. */
    static String embed(String ipv4) {
        int v = Ipv4.parse(ipv4);
        return new Ipv6Address(PREFIX.embedHi(v), PREFIX.embedLo(v)).toString();
    }
}
