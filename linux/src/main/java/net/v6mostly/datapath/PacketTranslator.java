package net.v6mostly.datapath;

import java.lang.foreign.MemorySegment;

import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.SiitSettings;

/**
 * What a {@link SiitWorker} runs on each packet it reads: the stateless translator, or the
 * stateful NAT64 pipeline. Called on the worker's thread only.
 */
public interface PacketTranslator {
    /**
     * Translates the packet at {@code off} in place (the bytes before it are headroom) and emits
     * what comes out to {@code sink} before returning.
     *
     * @param offload {@link net.v6mostly.xlat.Offload} flags from the virtio-net header
     */
    void translate(MemorySegment buf, long off, int len, PacketSink sink, int offload);

    /** The RFC 7915 settings in force: the MTUs the virtio-net header fix-ups need. */
    SiitSettings settings();
}
