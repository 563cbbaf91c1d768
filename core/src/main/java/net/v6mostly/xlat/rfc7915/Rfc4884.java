package net.v6mostly.xlat.rfc7915;

/**
 * Layout of a translated ICMP error that may carry RFC 4884 extensions: how much of the embedded
 * packet to keep, how far to pad it, and whether the extension structure still fits.
 *
 * <p>RFC 7915 §4.2 and §5.2 ("ICMP Error Payload"): the extension length attribute MUST be
 * adjusted, and an extension that no longer fits SHOULD be truncated. RFC 4884 §4 and §5: the
 * "original datagram" field is zero-padded to a multiple of the length unit (4 bytes in ICMPv4, 8
 * in ICMPv6) and to at least 128 bytes when an extension follows, and the length attribute counts
 * it in units. An embedded packet longer than 128 bytes is cut to whole units rather than padded.
 * Priorities when the message must shrink to its size limit: the first 128 bytes of
 * the embedded packet first, then the whole extension (never cut in part), then the rest of the
 * embedded packet.
 */
public final class Rfc4884 {
    /** Minimum length of the original datagram field when an extension follows (RFC 4884 §4.1). */
    public static final int MIN_ORIGINAL_DATAGRAM = 128;

    /** Bytes of the translated embedded packet to keep. */
    public int innerLength;
    /** Bytes of the original datagram field: the embedded packet plus zero padding. */
    public int paddedLength;
    /** Whether the extension structure is kept. */
    public boolean keepExtension;
    /** Value of the length attribute, in units. */
    public int lengthAttribute;

    /**
     * Computes the layout.
     *
     * @param inner     length of the translated embedded packet (before any truncation)
     * @param extension length of the extension structure, 0 when there is none
     * @param room      bytes available after the ICMP header within the size limit
     * @param unit      4 for ICMPv4, 8 for ICMPv6
     */
    public void layout(int inner, int extension, int room, int unit) {
        if (extension > 0) {
            // below 128 bytes: pad up to 128; above: cut to whole units (as Jool does; either is
            // "as much of the original datagram as possible" under RFC 4884 §4.1)
            int padded = inner < MIN_ORIGINAL_DATAGRAM ? MIN_ORIGINAL_DATAGRAM : inner / unit * unit;
            if (padded + extension <= room) {
                set(Math.min(inner, padded), padded, true, unit);
                return;
            }
            int available = (room - extension) / unit * unit;
            if (available >= MIN_ORIGINAL_DATAGRAM) {
                set(Math.min(inner, available), available, true, unit);
                return;
            }
        }
        int kept = Math.min(inner, room);
        innerLength = kept;
        paddedLength = kept;
        keepExtension = false;
        lengthAttribute = 0;
    }

    private void set(int inner, int padded, boolean keep, int unit) {
        innerLength = inner;
        paddedLength = padded;
        keepExtension = keep;
        lengthAttribute = padded / unit;
    }
}
