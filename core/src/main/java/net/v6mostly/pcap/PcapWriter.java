package net.v6mostly.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes IP packets as a classic pcap file (draft-ietf-opsawg-pcap §4, §5): little-endian,
 * microsecond timestamps, link type 101 (LINKTYPE_RAW, the record is the IP packet), snapshot
 * length {@link PcapReader#MAX_RECORD}. Header and copy buffers are reused across records.
 */
public final class PcapWriter implements Closeable, Flushable {
    private final OutputStream out;
    private final byte[] header = new byte[24];
    private final byte[] scratch = new byte[PcapReader.MAX_RECORD];
    private long records;

    /** Writes the global header to {@code out}. */
    public PcapWriter(OutputStream out) throws IOException {
        this.out = out;
        putLe32(0, 0xA1B2C3D4);
        putLe32(4, 2 | 4 << 16);  // version 2.4
        putLe32(8, 0);            // reserved (thiszone)
        putLe32(12, 0);           // reserved (sigfigs)
        putLe32(16, PcapReader.MAX_RECORD);
        putLe32(20, LinkType.RAW.code());
        out.write(header, 0, 24);
    }

    /** Creates (or truncates) the file at {@code path} and writes the global header. */
    public static PcapWriter create(Path path) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 65536);
        try {
            return new PcapWriter(out);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * Appends one record holding {@code length} bytes of {@code segment} from {@code offset}.
     *
     * @throws IllegalArgumentException when {@code length} is negative or above the snapshot length
     */
    public void write(long seconds, int nanos, MemorySegment segment, long offset, int length) throws IOException {
        checkLength(length);
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, scratch, 0, length);
        write(seconds, nanos, scratch, 0, length);
    }

    /** Appends one record holding {@code length} bytes of {@code bytes} from {@code offset}. */
    public void write(long seconds, int nanos, byte[] bytes, int offset, int length) throws IOException {
        checkLength(length);
        putLe32(0, (int) seconds);
        putLe32(4, nanos / 1000);
        putLe32(8, length);
        putLe32(12, length);
        out.write(header, 0, 16);
        out.write(bytes, offset, length);
        records++;
    }

    private static void checkLength(int length) {
        if (length < 0 || length > PcapReader.MAX_RECORD) {
            throw new IllegalArgumentException("pcap record length must be 0.." + PcapReader.MAX_RECORD + ", not "
                    + length);
        }
    }

    /** Records written so far. */
    public long records() {
        return records;
    }

    private void putLe32(int off, int v) {
        header[off] = (byte) v;
        header[off + 1] = (byte) (v >>> 8);
        header[off + 2] = (byte) (v >>> 16);
        header[off + 3] = (byte) (v >>> 24);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
