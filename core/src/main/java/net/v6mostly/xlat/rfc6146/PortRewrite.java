package net.v6mostly.xlat.rfc6146;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;

/**
 * The transport half of RFC 6146 §3.7: writes the outgoing port or ICMP Identifier and adjusts
 * the checksums that cover it by RFC 1624 incremental update, so a wrong checksum stays equally
 * wrong (as the RFC 7915 code does for addresses). In an ICMP error the rewritten field lies in the
 * embedded packet, so the outer ICMP checksum is adjusted too.
 */
final class PortRewrite {
    private PortRewrite() {
    }

    /**
     * @param checksumField the transport checksum covering the field, or -1 (also pass -1 for a
     *                      partial checksum, which does not cover the ports)
     * @param zeroMeansNone a zero checksum is "none" (UDP over IPv4) and stays zero
     * @param outerField    the outer ICMP checksum of an error, or -1
     */
    static void rewrite(MemorySegment s, long field, int value, long checksumField, boolean zeroMeansNone,
            long outerField) {
        int old = Bytes.u16(s, field);
        if (old == value) {
            return;
        }
        Bytes.put16(s, field, value);
        if (outerField >= 0) {
            Bytes.put16(s, outerField, Checksum.update(Bytes.u16(s, outerField), old, value));
        }
        if (checksumField < 0) {
            return;
        }
        int c = Bytes.u16(s, checksumField);
        if (c == 0 && zeroMeansNone) {
            return;
        }
        int updated = Checksum.update(c, old, value);
        if (updated == 0 && zeroMeansNone) {
            updated = 0xFFFF; // RFC 768: a computed zero is sent as all ones
        }
        Bytes.put16(s, checksumField, updated);
        if (outerField >= 0) {
            Bytes.put16(s, outerField, Checksum.update(Bytes.u16(s, outerField), c, updated));
        }
    }
}
