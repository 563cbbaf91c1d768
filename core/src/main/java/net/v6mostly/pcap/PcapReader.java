package net.v6mostly.pcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

import net.v6mostly.stats.Counters;

/**
 * Reads a classic pcap file (draft-ietf-opsawg-pcap §4 File Header, §5 Packet Record) record by
 * record down to the IP packet each carries. Both byte orders and both timestamp resolutions
 * (microsecond magic {@code 0xA1B2C3D4}, nanosecond magic {@code 0xA1B23C4D}) are read; link types
 * are those of {@link LinkType}. Ethernet frames lose their 14-byte header (18 with one 802.1Q
 * tag); frames that carry no IP are passed over and counted in {@link #skipped()}.
 *
 * <p>One buffer is reused for every record, so {@link #data()} is valid until the next call to
 * {@link #next()}. Lengths are checked against the snapshot length and {@link #MAX_RECORD}
 * before anything is allocated: a corrupt or hostile file ends in a {@link PcapFormatException}
 * naming the record and byte offset, never in an {@code OutOfMemoryError} or a hang.
 */
public final class PcapReader implements Closeable {
    /** The largest record accepted, libpcap's maximum snapshot length (262144). */
    public static final int MAX_RECORD = 262_144;

    private static final int MAGIC_MICROS = 0xA1B2C3D4;
    private static final int MAGIC_NANOS = 0xA1B23C4D;
    private static final int MAGIC_PCAPNG = 0x0A0D0D0A;
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final InputStream in;
    private final String source;
    private final boolean bigEndian;
    private final boolean nanosecond;
    private final int snaplen;
    private final LinkType linkType;
    private final byte[] header = new byte[GLOBAL_HEADER];
    private final Counters<PcapSkip> skipped = new Counters<>(PcapSkip.class);
    private byte[] data = new byte[2048];
    private long position;
    private int index;
    private long recordOffset;
    private long seconds;
    private int nanos;
    private int capturedLength;
    private int originalLength;
    private int ipOffset;

    /**
     * Reads the global header from {@code in}.
     *
     * @param source the name used in error messages, e.g. the file name
     * @throws PcapFormatException when the header is truncated, has an unknown magic number, an
     *                             unsupported version or a link type this reader does not read
     */
    public PcapReader(InputStream in, String source) throws IOException {
        this.in = in;
        this.source = source;
        int got = in.readNBytes(header, 0, GLOBAL_HEADER);
        if (got < GLOBAL_HEADER) {
            throw new PcapFormatException(source, 0, 0, "file too short for the 24-byte pcap header (" + got
                    + " bytes)");
        }
        int magic = be32(header, 0);
        bigEndian = magic == MAGIC_MICROS || magic == MAGIC_NANOS;
        int native_ = bigEndian ? magic : Integer.reverseBytes(magic);
        if (native_ != MAGIC_MICROS && native_ != MAGIC_NANOS) {
            throw new PcapFormatException(source, 0, 0, badMagic(magic));
        }
        nanosecond = native_ == MAGIC_NANOS;
        int major = u16(header, 4);
        if (major != 2) {
            throw new PcapFormatException(source, 0, 4, "unsupported pcap version " + major + "." + u16(header, 6)
                    + " (only 2.x exists)");
        }
        snaplen = i32(header, 16);
        int code = i32(header, 20) & 0xFFFF;
        linkType = LinkType.of(code);
        if (linkType == null) {
            throw new PcapFormatException(source, 0, 20, "link type " + code
                    + " is not read here; supported: 1 (Ethernet), 101 (RAW), 228 (IPV4), 229 (IPV6)");
        }
        position = GLOBAL_HEADER;
    }

    /** Opens and reads the global header of the file at {@code path}. */
    public static PcapReader open(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 65536);
        try {
            return new PcapReader(in, path.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static String badMagic(int magic) {
        if (magic == MAGIC_PCAPNG) {
            return "this is a pcapng file; convert it with 'editcap -F pcap in.pcapng out.pcap'";
        }
        return String.format("bad magic number 0x%08X: not a pcap file (expected A1B2C3D4 or A1B23C4D in either"
                + " byte order)", magic);
    }

    /**
     * Advances to the next record that carries an IP packet.
     *
     * @return false at the clean end of the file
     * @throws PcapFormatException when a record header or its data is truncated, or its length
     *                             exceeds the snapshot length or {@link #MAX_RECORD}
     */
    public boolean next() throws IOException {
        while (readRecord()) {
            PcapSkip skip = linkType == LinkType.ETHERNET ? unwrapEthernet() : null;
            if (skip == null) {
                return true;
            }
            skipped.increment(skip);
        }
        return false;
    }

    private boolean readRecord() throws IOException {
        recordOffset = position;
        int got = in.readNBytes(header, 0, RECORD_HEADER);
        if (got == 0) {
            return false;
        }
        index++;
        if (got < RECORD_HEADER) {
            throw problem("record header truncated: the file ends after " + got + " of 16 bytes");
        }
        long length = i32(header, 8) & 0xFFFF_FFFFL;
        checkLength(length);
        capturedLength = (int) length;
        originalLength = i32(header, 12);
        seconds = i32(header, 0) & 0xFFFF_FFFFL;
        long fraction = i32(header, 4) & 0xFFFF_FFFFL;
        nanos = (int) Math.min(999_999_999L, nanosecond ? fraction : fraction * 1000);
        if (data.length < capturedLength) {
            data = new byte[Math.max(capturedLength, Math.min(MAX_RECORD, data.length * 2))];
        }
        got = in.readNBytes(data, 0, capturedLength);
        if (got < capturedLength) {
            throw problem("record data truncated: the file ends after " + got + " of " + capturedLength + " bytes");
        }
        position += RECORD_HEADER + capturedLength;
        ipOffset = 0;
        return true;
    }

    private void checkLength(long length) throws PcapFormatException {
        if (length > MAX_RECORD) {
            throw problem("captured length " + length + " exceeds the " + MAX_RECORD + "-byte maximum: corrupt file");
        }
        long limit = snaplen & 0xFFFF_FFFFL;
        if (limit != 0 && length > limit) {
            throw problem("captured length " + length + " exceeds the file's snapshot length " + limit);
        }
    }

    private PcapFormatException problem(String text) {
        return new PcapFormatException(source, index, recordOffset, text);
    }

    /** Strips the Ethernet header (IEEE 802.3 §3.1.1, one 802.1Q tag); null when IP follows. */
    private PcapSkip unwrapEthernet() {
        if (capturedLength < 14) {
            return PcapSkip.ETHERNET_TRUNCATED;
        }
        int type = be16(data, 12);
        int headerLength = 14;
        if (type == 0x8100) {
            if (capturedLength < 18) {
                return PcapSkip.ETHERNET_TRUNCATED;
            }
            type = be16(data, 16);
            headerLength = 18;
            if (type == 0x8100 || type == 0x88A8) {
                return PcapSkip.STACKED_VLAN;
            }
        } else if (type == 0x88A8) {
            return PcapSkip.STACKED_VLAN;
        }
        if (type != 0x0800 && type != 0x86DD) {
            return PcapSkip.NON_IP_ETHERTYPE;
        }
        ipOffset = headerLength;
        return null;
    }

    /** Copies the current IP packet into {@code target} at {@code offset}; returns its length. */
    public int copyTo(MemorySegment target, long offset) {
        MemorySegment.copy(data, ipOffset, target, ValueLayout.JAVA_BYTE, offset, ipLength());
        return ipLength();
    }

    /** The buffer holding the current record; valid until the next {@link #next()}. */
    public byte[] data() { return data; }
    /** Offset of the IP header in {@link #data()}. */
    public int ipOffset() { return ipOffset; }
    /** Length of the IP packet as captured (the record's data after the link-layer header). */
    public int ipLength() { return capturedLength - ipOffset; }
    /** Length of the packet on the wire, per the record header. */
    public int originalLength() { return originalLength; }
    /** Timestamp, whole seconds since the epoch. */
    public long seconds() { return seconds; }
    /** Timestamp, nanoseconds within the second. */
    public int nanos() { return nanos; }
    /** Timestamp in nanoseconds since the epoch. */
    public long timestampNanos() { return seconds * 1_000_000_000L + nanos; }
    /** 1-based index of the current record in the file, skipped records included. */
    public int index() { return index; }
    /** Byte offset in the file of the current record's header. */
    public long recordOffset() { return recordOffset; }
    /** The link type of every record. */
    public LinkType linkType() { return linkType; }
    /** The snapshot length of the global header. */
    public int snaplen() { return snaplen; }
    /** Whether timestamps have nanosecond resolution (magic A1B23C4D). */
    public boolean nanosecondResolution() { return nanosecond; }
    /** Whether the file was written big-endian. */
    public boolean bigEndian() { return bigEndian; }
    /** Records passed over, by reason. */
    public Counters<PcapSkip> skipped() { return skipped; }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int i32(byte[] b, int off) {
        int v = be32(b, off);
        return bigEndian ? v : Integer.reverseBytes(v);
    }

    private int u16(byte[] b, int off) {
        int v = be16(b, off);
        return bigEndian ? v : Integer.reverseBytes(v) >>> 16;
    }

    private static int be32(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF;
    }

    private static int be16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
    }
}
