package net.v6mostly.dhcp4;

import java.util.Arrays;

/**
 * A DHCP message (RFC 2131 §2, Figure 1) as a record: the fixed BOOTP fields, then the options
 * after the magic cookie.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+---------------+---------------+
 * |     op (1)    |   htype (1)   |   hlen (1)    |   hops (1)    |
 * +---------------+---------------+---------------+---------------+
 * |                            xid (4)                            |
 * +-------------------------------+-------------------------------+
 * |           secs (2)            |           flags (2)           |
 * +-------------------------------+-------------------------------+
 * |  ciaddr (4) | yiaddr (4) | siaddr (4) | giaddr (4)            |
 * |  chaddr (16) | sname (64) | file (128) | options (variable)   |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * <p>{@link #parse} never throws: a malformed datagram gives a {@link Decoded} with the
 * {@link Dhcp4Stat} that names the fault. Options overloaded into {@code file} and {@code sname}
 * (option 52, RFC 2132 §9.3) are read in the order of RFC 2131 §4.1 (options, file, sname) and
 * joined with the others; those fields are then returned zeroed and option 52 is not kept, so
 * {@link #emit} always writes every option in the options field.
 */
public record DhcpMessage(int op, int htype, int hlen, int hops, int xid, int secs, int flags,
        int ciaddr, int yiaddr, int siaddr, int giaddr, byte[] chaddr, byte[] sname, byte[] file,
        DhcpOptions options) {
    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int HTYPE_ETHERNET = 1;
    /** The Broadcast bit of {@code flags} (RFC 2131 §2, Figure 2). */
    public static final int FLAG_BROADCAST = 0x8000;
    public static final int MAGIC_COOKIE = 0x63825363;
    /** Length of the fixed part before the cookie. */
    public static final int FIXED_LENGTH = 236;
    /** Shortest BOOTP message a relay or old client accepts (RFC 1542 §2.1); replies are padded to it. */
    public static final int MIN_EMIT_LENGTH = 300;
    public static final int MAX_LENGTH = 65507;

    static final int OFF_CHADDR = 28;
    static final int OFF_SNAME = 44;
    static final int OFF_FILE = 108;
    static final int OFF_OPTIONS = 240;

    /** Copies and sizes the byte fields: chaddr 16, sname 64, file 128 bytes. */
    public DhcpMessage {
        chaddr = Arrays.copyOf(chaddr, 16);
        sname = Arrays.copyOf(sname, 64);
        file = Arrays.copyOf(file, 128);
    }

    /** The outcome of {@link #parse}: a message, or the reason there is none. */
    public record Decoded(DhcpMessage message, Dhcp4Stat fault) {
        public boolean ok() {
            return message != null;
        }
    }

    /** Whether the Broadcast flag is set. */
    public boolean broadcast() {
        return (flags & FLAG_BROADCAST) != 0;
    }

    /** The client hardware address, {@code hlen} bytes of {@code chaddr}. */
    public byte[] hardwareAddress() {
        return Arrays.copyOf(chaddr, Math.min(hlen, 16));
    }

    /** This message with other options. */
    public DhcpMessage withOptions(DhcpOptions replacement) {
        return new DhcpMessage(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr, chaddr,
                sname, file, replacement);
    }

    /** Parses {@code length} bytes at {@code offset}; never throws on any input. */
    public static Decoded parse(byte[] data, int offset, int length) {
        if (length < OFF_OPTIONS) {
            return fault(Dhcp4Stat.MALFORMED_TRUNCATED);
        }
        if (length > MAX_LENGTH) {
            return fault(Dhcp4Stat.MALFORMED_OVERLONG);
        }
        byte[] d = Arrays.copyOfRange(data, offset, offset + length);
        int op = d[0] & 0xFF;
        int htype = d[1] & 0xFF;
        int hlen = d[2] & 0xFF;
        if (op != BOOTREQUEST && op != BOOTREPLY) {
            return fault(Dhcp4Stat.MALFORMED_BAD_OP);
        }
        if (htype == 0 || hlen > 16 || htype == HTYPE_ETHERNET && hlen != 6) {
            return fault(Dhcp4Stat.MALFORMED_BAD_HTYPE_HLEN);
        }
        if (DhcpOptions.be32(d, FIXED_LENGTH) != MAGIC_COOKIE) {
            return fault(Dhcp4Stat.MALFORMED_BAD_COOKIE);
        }
        DhcpOptions.Builder options = DhcpOptions.builder();
        Dhcp4Stat f = scan(d, OFF_OPTIONS, length, options, true);
        if (f != null) {
            return fault(f);
        }
        byte[] sname = Arrays.copyOfRange(d, OFF_SNAME, OFF_FILE);
        byte[] file = Arrays.copyOfRange(d, OFF_FILE, FIXED_LENGTH);
        DhcpOptions main = options.build();
        if (main.has(DhcpOption.OVERLOAD)) {
            int overload = main.u8(DhcpOption.OVERLOAD, 0);
            if (main.get(DhcpOption.OVERLOAD).length != 1 || overload < 1 || overload > 3) {
                return fault(Dhcp4Stat.MALFORMED_BAD_OVERLOAD);
            }
            DhcpOptions.Builder joined = DhcpOptions.builder();
            for (int code : main.codes()) {
                if (code != DhcpOption.OVERLOAD) {
                    joined.put(code, main.get(code));
                }
            }
            if ((overload & 1) != 0 && (f = scan(d, OFF_FILE, FIXED_LENGTH, joined, false)) != null
                    || (overload & 2) != 0 && (f = scan(d, OFF_SNAME, OFF_FILE, joined, false)) != null) {
                return fault(f);
            }
            if ((overload & 1) != 0) {
                file = new byte[128];
            }
            if ((overload & 2) != 0) {
                sname = new byte[64];
            }
            main = joined.build();
        }
        for (int code : main.codes()) {
            if (!DhcpOption.lengthOk(code, main.get(code).length)) {
                return fault(Dhcp4Stat.MALFORMED_BAD_OPTION_LENGTH);
            }
        }
        return new Decoded(new DhcpMessage(op, htype, hlen, d[3] & 0xFF, DhcpOptions.be32(d, 4),
                (d[8] & 0xFF) << 8 | d[9] & 0xFF, (d[10] & 0xFF) << 8 | d[11] & 0xFF, DhcpOptions.be32(d, 12),
                DhcpOptions.be32(d, 16), DhcpOptions.be32(d, 20), DhcpOptions.be32(d, 24),
                Arrays.copyOfRange(d, OFF_CHADDR, OFF_SNAME), sname, file, main), null);
    }

    /** Reads the TLVs of {@code d[from..to)} up to End (RFC 2132 §2); null when well formed. */
    private static Dhcp4Stat scan(byte[] d, int from, int to, DhcpOptions.Builder into, boolean main) {
        int i = from;
        while (i < to) {
            int code = d[i] & 0xFF;
            if (code == DhcpOption.END) {
                return null;
            }
            if (code == DhcpOption.PAD) {
                i++;
                continue;
            }
            if (i + 1 >= to || i + 2 + (d[i + 1] & 0xFF) > to) {
                return Dhcp4Stat.MALFORMED_OPTION_OVERRUNS;
            }
            int len = d[i + 1] & 0xFF;
            if (code == DhcpOption.OVERLOAD && !main) {
                return Dhcp4Stat.MALFORMED_BAD_OVERLOAD;
            }
            into.put(code, Arrays.copyOfRange(d, i + 2, i + 2 + len));
            i += 2 + len;
        }
        return Dhcp4Stat.MALFORMED_NO_END_OPTION;
    }

    private static Decoded fault(Dhcp4Stat stat) {
        return new Decoded(null, stat);
    }

    /** The datagram: fixed part, cookie, options, End, padded with Pad to 300 bytes (RFC 1542 §2.1). */
    public byte[] emit() {
        int length = Math.max(MIN_EMIT_LENGTH, OFF_OPTIONS + options.encodedLength() + 1);
        byte[] d = new byte[length];
        d[0] = (byte) op;
        d[1] = (byte) htype;
        d[2] = (byte) hlen;
        d[3] = (byte) hops;
        put32(d, 4, xid);
        d[8] = (byte) (secs >>> 8);
        d[9] = (byte) secs;
        d[10] = (byte) (flags >>> 8);
        d[11] = (byte) flags;
        put32(d, 12, ciaddr);
        put32(d, 16, yiaddr);
        put32(d, 20, siaddr);
        put32(d, 24, giaddr);
        System.arraycopy(chaddr, 0, d, OFF_CHADDR, 16);
        System.arraycopy(sname, 0, d, OFF_SNAME, 64);
        System.arraycopy(file, 0, d, OFF_FILE, 128);
        put32(d, FIXED_LENGTH, MAGIC_COOKIE);
        int end = options.encode(d, OFF_OPTIONS);
        d[end] = (byte) DhcpOption.END;
        return d;
    }

    private static void put32(byte[] d, int at, int v) {
        d[at] = (byte) (v >>> 24);
        d[at + 1] = (byte) (v >>> 16);
        d[at + 2] = (byte) (v >>> 8);
        d[at + 3] = (byte) v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpMessage m && op == m.op && htype == m.htype && hlen == m.hlen && hops == m.hops
                && xid == m.xid && secs == m.secs && flags == m.flags && ciaddr == m.ciaddr && yiaddr == m.yiaddr
                && siaddr == m.siaddr && giaddr == m.giaddr && Arrays.equals(chaddr, m.chaddr)
                && Arrays.equals(sname, m.sname) && Arrays.equals(file, m.file) && options.equals(m.options);
    }

    @Override
    public int hashCode() {
        return ((xid * 31 + Arrays.hashCode(chaddr)) * 31 + yiaddr) * 31 + options.hashCode();
    }

    @Override
    public String toString() {
        return "DhcpMessage[op=" + op + ", xid=" + Integer.toHexString(xid) + ", chaddr="
                + java.util.HexFormat.ofDelimiter(":").formatHex(hardwareAddress()) + ", ciaddr="
                + net.v6mostly.addr.Ipv4.format(ciaddr) + ", yiaddr=" + net.v6mostly.addr.Ipv4.format(yiaddr)
                + ", giaddr=" + net.v6mostly.addr.Ipv4.format(giaddr) + ", flags=" + Integer.toHexString(flags)
                + ", options=" + options + "]";
    }
}
