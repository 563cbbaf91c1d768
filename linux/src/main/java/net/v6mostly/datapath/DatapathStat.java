package net.v6mostly.datapath;

import net.v6mostly.stats.Stat;
import net.v6mostly.tun.TunDrop;

/** What happened at the TUN boundary, beside the translator's own exits. */
public enum DatapathStat implements Stat {
    PACKETS_READ(false, "packets read from the TUN device"),
    PACKETS_WRITTEN(false, "packets written to the TUN device"),
    BATCHES(false, "batches read before writing (packets read / batches = packets per batch)"),
    SEGMENTATION_READ(false, "GSO super-packets read (translated once, segmented by the kernel)"),
    PARTIAL_CHECKSUM_READ(false, "packets read with a partial checksum for the kernel to finish"),
    UDP_SUPER_PACKETS_WRITTEN(false, "UDP GSO super-packets written, each joining several translated datagrams of one flow"),
    READ_TOO_SHORT(true, "read shorter than the virtio-net header"),
    READ_ERROR(true, "read(2) on the TUN failed with an error other than EAGAIN/EINTR"),
    WRITE_AGAIN(true, "write(2) to the TUN failed with EAGAIN or ENOBUFS: no room in the kernel for the packet at that moment"),
    WRITE_ERROR(true, "write(2) to the TUN failed (e.g. the kernel refused the packet)"),
    WRITE_SHORT(true, "write(2) to the TUN wrote fewer bytes than the packet"),
    UNSUPPORTED_GSO(true, "GSO super-packet of a type the translator cannot rewrite (e.g. UFO fragments)"),
    INTERNAL_ERROR(true, "packet dropped because translating or writing it raised an unexpected exception (a bug,"
            + " reported in the log with a hex excerpt); the worker went on with the next packet (DESIGN.md §6)");

    private final boolean drop;
    private final String explanation;

    DatapathStat(boolean drop, String explanation) {
        this.drop = drop;
        this.explanation = explanation;
    }

    @Override
    public String explanation() {
        return explanation;
    }

    @Override
    public boolean isDrop() {
        return drop;
    }

    /** The counter of a packet lost at the device boundary ({@link TunDrop}). */
    public static DatapathStat of(TunDrop reason) {
        return switch (reason) {
            case READ_TOO_SHORT -> READ_TOO_SHORT;
            case WRITE_AGAIN -> WRITE_AGAIN;
            case WRITE_SHORT -> WRITE_SHORT;
            case WRITE_ERROR -> WRITE_ERROR;
        };
    }
}
