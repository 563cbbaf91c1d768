package net.v6mostly.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The (type, code) answers a drop reason carries, written out as the first octets of a message. */
class IcmpAnswerTest {

    private static String firstWord4(IcmpAnswer a) {
        byte[] d = new byte[8];
        Icmp4Header.write(MemorySegment.ofArray(d), 0, a.type(), a.code(), 0);
        return HexFormat.of().formatHex(d, 0, 2);
    }

    private static String firstWord6(IcmpAnswer a) {
        byte[] d = new byte[8];
        Icmp6Header.write(MemorySegment.ofArray(d), 0, a.type(), a.code(), 0);
        return HexFormat.of().formatHex(d, 0, 2);
    }

    @DisplayName("ICMPv4 answers (RFC 792, RFC 1812 §5.2.7.1) as type and code octets")
    @Test
    void icmp4Answers() {
        assertThat(firstWord4(IcmpAnswer.V4_HOST_UNREACHABLE)).isEqualTo("0301");
        assertThat(firstWord4(IcmpAnswer.V4_PORT_UNREACHABLE)).isEqualTo("0303");
        assertThat(firstWord4(IcmpAnswer.V4_FRAGMENTATION_NEEDED)).isEqualTo("0304");
        assertThat(firstWord4(IcmpAnswer.V4_SOURCE_ROUTE_FAILED)).isEqualTo("0305");
        assertThat(firstWord4(IcmpAnswer.V4_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED)).isEqualTo("030d");
        assertThat(firstWord4(IcmpAnswer.V4_TTL_EXCEEDED)).isEqualTo("0b00");
        assertThat(IcmpAnswer.V4_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED.version()).isEqualTo(4);
    }

    @DisplayName("ICMPv6 answers (RFC 4443 §3) as type and code octets")
    @Test
    void icmp6Answers() {
        assertThat(firstWord6(IcmpAnswer.V6_NO_ROUTE)).isEqualTo("0100");
        assertThat(firstWord6(IcmpAnswer.V6_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED)).isEqualTo("0101");
        assertThat(firstWord6(IcmpAnswer.V6_ADDRESS_UNREACHABLE)).isEqualTo("0103");
        assertThat(firstWord6(IcmpAnswer.V6_PORT_UNREACHABLE)).isEqualTo("0104");
        assertThat(firstWord6(IcmpAnswer.V6_SOURCE_ADDRESS_FAILED_POLICY)).isEqualTo("0105");
        assertThat(firstWord6(IcmpAnswer.V6_PACKET_TOO_BIG)).isEqualTo("0200");
        assertThat(firstWord6(IcmpAnswer.V6_HOP_LIMIT_EXCEEDED)).isEqualTo("0300");
        assertThat(firstWord6(IcmpAnswer.V6_ERRONEOUS_HEADER_FIELD)).isEqualTo("0400");
        assertThat(IcmpAnswer.V6_SOURCE_ADDRESS_FAILED_POLICY.version()).isEqualTo(6);
    }

    @Test
    void noneAnswersNothing() {
        assertThat(IcmpAnswer.NONE.answers()).isFalse();
        assertThat(IcmpAnswer.NONE.type()).isEqualTo(-1);
        assertThat(IcmpAnswer.NONE.toString()).isEqualTo("none");
        assertThat(IcmpAnswer.V6_PORT_UNREACHABLE.answers()).isTrue();
        assertThat(IcmpAnswer.V6_PORT_UNREACHABLE.toString()).isEqualTo("ICMPv6 1/4");
        assertThat(IcmpAnswer.icmp4(3, 13)).isEqualTo(IcmpAnswer.V4_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED);
    }

    @DisplayName("a type or code that does not fit its octet, or an unknown version, is refused when the constant is built")
    @Test
    void refusesOutOfRange() {
        assertThatThrownBy(() -> IcmpAnswer.icmp4(256, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IcmpAnswer.icmp6(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IcmpAnswer(5, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IcmpAnswer(0, 3, 13)).isInstanceOf(IllegalArgumentException.class);
    }
}
