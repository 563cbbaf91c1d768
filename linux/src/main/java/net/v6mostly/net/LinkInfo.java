package net.v6mostly.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.linux.LinuxException;

/**
 * What the RA sender needs to know about an interface, read from {@code /sys/class/net} and
 * {@code /proc/net/if_inet6}: its index, its MAC (for the Source Link-Layer Address option) and its
 * usable link-local address (RFC 4861 §4.2: RAs come from a link-local source).
 *
 * @param name    the interface name
 * @param ifindex the interface index
 * @param mac     the link-layer address, empty when the link has none
 */
public record LinkInfo(String name, int ifindex, byte[] mac) {
    private static final int IFA_F_TENTATIVE = 0x40;
    private static final int IFA_F_DADFAILED = 0x08;

    /** Reads the interface's index and MAC. */
    public static LinkInfo of(String name) throws LinuxException {
        Path dir = Path.of("/sys/class/net", name);
        try {
            int index = Integer.parseInt(Files.readString(dir.resolve("ifindex")).strip());
            String address = Files.readString(dir.resolve("address")).strip();
            byte[] mac = address.isEmpty() ? new byte[0] : HexFormat.ofDelimiter(":").parseHex(address);
            boolean allZero = true;
            for (byte b : mac) {
                allZero &= b == 0;
            }
            return new LinkInfo(name, index, allZero ? new byte[0] : mac);
        } catch (NoSuchFileException e) {
            throw new LinuxException("no such interface: " + name);
        } catch (IOException | IllegalArgumentException e) {
            throw new LinuxException("cannot read " + dir + ": " + e.getMessage());
        }
    }

    /**
     * The interface's link-local address once Duplicate Address Detection has finished (not
     * tentative, not failed), or null while there is none.
     */
    public Ipv6Address linkLocal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/if_inet6"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 6 || !f[5].equals(name)) {
                    continue;
                }
                long hi = Long.parseUnsignedLong(f[0].substring(0, 16), 16);
                long lo = Long.parseUnsignedLong(f[0].substring(16), 16);
                int flags = Integer.parseInt(f[4], 16);
                if ((hi & 0xFFC0_0000_0000_0000L) == 0xFE80_0000_0000_0000L
                        && (flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED)) == 0) {
                    return new Ipv6Address(hi, lo);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
