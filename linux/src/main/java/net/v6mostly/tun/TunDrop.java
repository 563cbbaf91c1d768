package net.v6mostly.tun;

/**
 * Why a {@link TunQueue} lost a packet at the device boundary; the data path counts each under its
 * own name (e.g. {@code DatapathStat}).
 */
public enum TunDrop {
    /** A read shorter than the virtio-net header: nothing to translate. */
    READ_TOO_SHORT,
    /**
     * write(2) failed with EAGAIN or ENOBUFS: the descriptor is non-blocking and the kernel had no
     * room for the packet right now (a full socket buffer on the fake; rare on a TUN).
     */
    WRITE_AGAIN,
    /** write(2) wrote fewer bytes than the packet: the packet went out cut, or not at all. */
    WRITE_SHORT,
    /** write(2) failed otherwise, e.g. EINVAL: the kernel refused the packet or its virtio-net header. */
    WRITE_ERROR
}
