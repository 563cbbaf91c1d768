package net.v6mostly.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target: any bytes as one datagram read from an rtnetlink socket (netlink(7)), walked by
 * {@link NetlinkReplies#scan} for the sequence number of its first header (so the walk reaches the
 * data messages) with each data message handed to the {@link RtnetlinkParsers} parser of its type,
 * as {@link Rtnetlink}'s dumps do. Invariants: the datagram is refused with {@link
 * NetlinkFormatException} (the module's format error, reported as EBADMSG) or read, never any other
 * exception, never an access outside the datagram; every message handed on is a whole message
 * ({@code nlmsg_len} bytes, at least a header); an outcome's errno is never negative; a parsed
 * record keeps its prefix length within its family's address size.
 */
class NetlinkRepliesFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void scanRefusesOrParses(byte[] datagram) {
        MemorySegment d = MemorySegment.ofArray(datagram);
        int seq = datagram.length >= 12 ? ByteBuffer.wrap(datagram, 8, 4).order(ByteOrder.nativeOrder()).getInt() : 0;
        NetlinkReplies.Outcome outcome;
        try {
            outcome = NetlinkReplies.scan(d, seq, false, NetlinkRepliesFuzzTest::parse);
        } catch (NetlinkFormatException refused) {
            return;
        }
        assertThat(outcome.errno()).isNotNegative();
    }

    private static void parse(int type, MemorySegment message) throws NetlinkFormatException {
        assertThat(message.byteSize()).isGreaterThanOrEqualTo(NetlinkHeader.LENGTH)
                .isEqualTo(NetlinkHeader.length(message, 0));
        switch (type) {
            case RtnetlinkMessages.RTM_NEWLINK -> assertThat(RtnetlinkParsers.link(message).name()).isNotNull();
            case RtnetlinkMessages.RTM_NEWADDR, RtnetlinkMessages.RTM_DELADDR -> {
                RtnetlinkAddress a = RtnetlinkParsers.address(message);
                if (a != null) {
                    assertThat(a.address().prefixLength()).isBetween(0, a.address() instanceof InterfaceAddress4 ? 32 : 128);
                }
            }
            case RtnetlinkMessages.RTM_NEWROUTE, RtnetlinkMessages.RTM_DELROUTE -> RtnetlinkParsers.route(message);
            default -> { }
        }
    }
}
