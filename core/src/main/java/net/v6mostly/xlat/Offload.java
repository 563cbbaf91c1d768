package net.v6mostly.xlat;

/**
 * What the kernel has left for the device to finish on a packet read from a TUN with
 * {@code IFF_VNET_HDR} (DESIGN.md §3.7, {@code virtio_net_hdr}): flags passed to
 * {@link Siit#translate(java.lang.foreign.MemorySegment, long, int, long, PacketSink, int)}.
 */
public final class Offload {
    /** No offload: a complete packet with complete checksums. */
    public static final int NONE = 0;
    /**
     * The TCP/UDP checksum field holds only the folded pseudo-header sum (CHECKSUM_PARTIAL,
     * VIRTIO_NET_HDR_F_NEEDS_CSUM): the translator moves that seed from one pseudo-header to the
     * other and leaves the rest to the kernel.
     */
    public static final int PARTIAL_CHECKSUM = 1;
    /**
     * The packet is a TCP or UDP super-packet that the kernel will segment (GSO): it is larger than
     * any MTU on purpose, so the translator rewrites its headers once and skips the size rules
     * (Fragmentation Needed, Packet Too Big, fragmentation), which apply to each segment instead;
     * translated IPv4 segments carry DF.
     */
    public static final int SEGMENTATION = 2;

    private Offload() {
    }
}
