package net.v6mostly.pcap;

import java.io.IOException;

/**
 * A capture file that does not follow the pcap format: the message names the file, the record
 * index (1-based, 0 for the global header) and the byte offset where the problem starts.
 */
public final class PcapFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int record;
    private final long offset;

    /** Creates the exception; {@code record} 0 means the global header. */
    public PcapFormatException(String source, int record, long offset, String problem) {
        super(source + ": " + (record == 0 ? "global header" : "record #" + record) + " at byte " + offset + ": "
                + problem);
        this.record = record;
        this.offset = offset;
    }

    /** The 1-based index of the faulty record, or 0 for the global header. */
    public int record() {
        return record;
    }

    /** The byte offset in the file where the faulty header starts. */
    public long offset() {
        return offset;
    }
}
