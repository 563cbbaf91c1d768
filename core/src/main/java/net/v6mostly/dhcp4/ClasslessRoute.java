package net.v6mostly.dhcp4;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;

/**
 * One entry of the Classless Static Route option 121 (RFC 3442 §3): the destination prefix is
 * encoded as its width and only the significant octets, then the router.
 */
public record ClasslessRoute(Ipv4Prefix destination, int router) {

    /** Encodes {@code routes} as the value of option 121. */
    public static byte[] encode(List<ClasslessRoute> routes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ClasslessRoute r : routes) {
            int width = r.destination.length();
            out.write(width);
            int significant = (width + 7) / 8;
            for (int i = 0; i < significant; i++) {
                out.write(r.destination.address() >>> (24 - 8 * i));
            }
            for (int i = 0; i < 4; i++) {
                out.write(r.router >>> (24 - 8 * i));
            }
        }
        return out.toByteArray();
    }

    /** Decodes an option 121 value; null when it is malformed (RFC 3442 §3: width above 32, short). */
    public static List<ClasslessRoute> decode(byte[] value) {
        List<ClasslessRoute> out = new ArrayList<>();
        int i = 0;
        while (i < value.length) {
            int width = value[i++] & 0xFF;
            int significant = (width + 7) / 8;
            if (width > 32 || i + significant + 4 > value.length) {
                return null;
            }
            int dest = 0;
            for (int k = 0; k < significant; k++) {
                dest |= (value[i++] & 0xFF) << (24 - 8 * k);
            }
            int router = 0;
            for (int k = 0; k < 4; k++) {
                router |= (value[i++] & 0xFF) << (24 - 8 * k);
            }
            if ((dest & ~Ipv4.mask(width)) != 0) {
                return null;
            }
            out.add(new ClasslessRoute(new Ipv4Prefix(dest, width), router));
        }
        return out;
    }
}
