package net.v6mostly.xlat;

import java.lang.foreign.MemorySegment;


/**
 * What {@link PcapTranslation} drives: the signature of {@link net.v6mostly.xlat.Siit#translate},
 * so tests can run the pcap loop with a stand-in translator.
 */
@FunctionalInterface
public interface Translator {
    /** Translates one packet; see {@link net.v6mostly.xlat.Siit#translate}. */
    XlatStat translate(MemorySegment buf, long off, int len, long nowNanos, PacketSink sink);
}
