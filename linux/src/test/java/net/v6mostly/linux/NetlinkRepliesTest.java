package net.v6mostly.linux;

import static net.v6mostly.linux.NetlinkBytes.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reply datagrams against {@code struct nlmsghdr} and {@code struct nlmsgerr} (netlink(7),
 * {@code linux/netlink.h}): the ack, errors with and without the echoed request and the
 * extended-ack TLVs, multi-part dumps up to NLMSG_DONE, stale sequence numbers, and malformed
 * datagrams, which must end in a NetlinkFormatException and never loop or read out of bounds.
 */
class NetlinkRepliesTest {
    private static final int SEQ = 9;
    private final List<Integer> types = new ArrayList<>();

    @BeforeEach
    void littleEndian() {
        NetlinkBytes.assumeLittleEndian();
    }

    private NetlinkReplies.Outcome scan(String hex) throws NetlinkFormatException {
        return NetlinkReplies.scan(segment(hex), SEQ, false, (type, m) -> types.add(type));
    }

    @Test
    void ackIsErrorZeroWithCappedRequest() throws Exception {
        NetlinkReplies.Outcome o = scan("""
                24000000 0200 0001 09000000 2a000000
                00000000
                28000000 1400 0506 09000000 00000000""");
        assertThat(o).isEqualTo(new NetlinkReplies.Outcome(true, 0, null, false));
    }

    @Test
    void errorCarriesPositiveErrnoAndExtendedAckText() throws Exception {
        NetlinkReplies.Outcome o = scan("""
                30000000 0200 0003 09000000 2a000000
                efffffff
                28000000 1400 0506 09000000 00000000
                0b00 0100 6578697374730000""");
        assertThat(o.finished()).isTrue();
        assertThat(o.errno()).isEqualTo(17);
        assertThat(o.kernelMessage()).isEqualTo("exists");
    }

    @Test
    void uncappedErrorSkipsTheEchoedRequestBeforeTheTlvs() throws Exception {
        // error -22 echoing a 24-byte request (header + 8-byte ifaddrmsg), then NLMSGERR_ATTR_MSG "bad"
        NetlinkReplies.Outcome o = scan("""
                34000000 0200 0002 09000000 2a000000
                eaffffff
                18000000 1400 0506 09000000 00000000 02180000 03000000
                0800 0100 62616400""");
        assertThat(o.errno()).isEqualTo(22);
        assertThat(o.kernelMessage()).isEqualTo("bad");
    }

    @Test
    void errorWithoutTlvsHasNoKernelMessage() throws Exception {
        NetlinkReplies.Outcome o = scan("""
                24000000 0200 0001 09000000 2a000000
                fdffffff
                2c000000 1900 0500 09000000 00000000""");
        assertThat(o).isEqualTo(new NetlinkReplies.Outcome(true, 3, null, false));
    }

    @Test
    void multipartDumpHandsOverDataUntilDone() throws Exception {
        NetlinkReplies.Outcome o = scan("""
                18000000 1400 0200 09000000 2a000000 02180000 03000000
                18000000 1400 0200 09000000 2a000000 0a400000 03000000
                14000000 0300 0200 09000000 2a000000 00000000""");
        assertThat(types).containsExactly(20, 20);
        assertThat(o).isEqualTo(new NetlinkReplies.Outcome(true, 0, null, false));
    }

    @Test
    void dumpWithoutDoneYetAsksForMore() throws Exception {
        NetlinkReplies.Outcome o = scan("18000000 1400 0200 09000000 2a000000 02180000 03000000");
        assertThat(o.finished()).isFalse();
        assertThat(types).containsExactly(20);
    }

    @Test
    void doneCarryingNegativeErrnoIsAFailedDump() throws Exception {
        assertThat(scan("14000000 0300 0200 09000000 2a000000 f0ffffff").errno()).isEqualTo(16);
    }

    @Test
    void dumpInterruptedFlagIsReported() throws Exception {
        NetlinkReplies.Outcome o = scan("""
                18000000 1400 1200 09000000 2a000000 02180000 03000000
                14000000 0300 0200 09000000 2a000000 00000000""");
        assertThat(o.interrupted()).isTrue();
    }

    @Test
    void repliesToOtherSequenceNumbersAreSkipped() throws Exception {
        NetlinkReplies.Outcome o = scan("""
                24000000 0200 0001 08000000 2a000000 efffffff 28000000 1400 0506 08000000 00000000
                24000000 0200 0001 09000000 2a000000 00000000 28000000 1400 0506 09000000 00000000""");
        assertThat(o.errno()).isZero();
    }

    @Test
    void truncatedHeaderIsRefused() {
        assertThatThrownBy(() -> scan("24000000 0200 0001 0900"))
                .isInstanceOf(NetlinkFormatException.class).hasMessage("truncated nlmsghdr: 10 bytes at offset 0, 16 needed");
    }

    @Test
    void lengthPastTheDatagramIsRefused() {
        assertThatThrownBy(() -> scan("64000000 0200 0001 09000000 2a000000 00000000"))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("nlmsg_len 100 at offset 0 runs past the end of the 20-byte datagram");
    }

    @Test
    void hugeUnsignedLengthIsRefusedNotNegative() {
        assertThatThrownBy(() -> scan("ffffffff 0200 0001 09000000 2a000000 00000000"))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("nlmsg_len 4294967295");
    }

    @Test
    void lengthShorterThanTheHeaderIsRefused() {
        assertThatThrownBy(() -> scan("04000000 0200 0001 09000000 2a000000"))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("nlmsg_len 4 at offset 0 is less than the 16-byte header");
    }

    @Test
    void errorWithoutErrorCodeIsRefused() {
        assertThatThrownBy(() -> scan("12000000 0200 0000 09000000 2a000000 0000 0000"))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("has no error code");
    }

    @Test
    void errorEchoLongerThanItsMessageIsRefused() {
        assertThatThrownBy(() -> scan("""
                24000000 0200 0002 09000000 2a000000
                efffffff
                f0000000 1400 0506 09000000 00000000"""))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("echoes a request of 240 bytes");
    }

    @Test
    void badTlvLengthInExtendedAckIsRefused() {
        assertThatThrownBy(() -> scan("""
                2c000000 0200 0003 09000000 2a000000
                efffffff
                28000000 1400 0506 09000000 00000000
                4000 0100 65786973"""))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("rta_len 64 but only 8 bytes remain");
    }

    @Test
    void overrunIsReported() {
        assertThatThrownBy(() -> scan("10000000 0400 0000 09000000 2a000000"))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("NLMSG_OVERRUN");
    }

    /** Any datagram ends in an outcome or a NetlinkFormatException: no other exception, no endless loop. */
    @Property(tries = 2000)
    void arbitraryBytesNeverEscapeAsOtherExceptions(@ForAll @Size(max = 96) byte[] bytes) {
        MemorySegment datagram = MemorySegment.ofArray(bytes);
        try {
            NetlinkReplies.scan(datagram, SEQ, false, (type, m) -> {
                RtnetlinkParsers.address(m);
                RtnetlinkParsers.route(m);
                RtnetlinkParsers.link(m);
            });
        } catch (NetlinkFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
