package net.v6mostly.wire;

import static net.v6mostly.wire.ChecksumTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** IPv4 options (RFC 791 §3.1) read by the {@link Ipv4Option} view from hand-written bytes. */
class Ipv4OptionTest {
    /**
     * 01 (No Operation) | 83 (Loose Source Route) 0b (length 11) 04 (pointer: first address)
     * c0000201 (192.0.2.1) c6336402 (198.51.100.2) | 00 (End of Option List).
     */
    static final String OPTIONS = "01 83 0b 04 c0000201 c6336402 00";

    @DisplayName("RFC 791 §3.1: single-octet options, then type, length and pointer of a Loose Source Route")
    @Test
    void rfc791_options() {
        MemorySegment s = MemorySegment.ofArray(hex(OPTIONS));
        assertThat(Ipv4Option.type(s, 0)).isEqualTo(Ipv4Option.NO_OPERATION);
        assertThat(Ipv4Option.type(s, 1)).isEqualTo(Ipv4Option.LOOSE_SOURCE_ROUTE);
        assertThat(Ipv4Option.length(s, 1)).isEqualTo(11);
        assertThat(Ipv4Option.pointer(s, 1)).isEqualTo(4);
        assertThat(Bytes.i32(s, 1 + Ipv4Option.pointer(s, 1) - 1)).isEqualTo(0xc0000201);
        assertThat(Ipv4Option.type(s, 1 + 11)).isEqualTo(Ipv4Option.END_OF_LIST);
    }

    @DisplayName("RFC 791 §3.1: Strict Source Route is type 137 (copied, class 0, number 9)")
    @Test
    void strictSourceRoute() {
        MemorySegment s = MemorySegment.ofArray(hex("89 07 08 c0000201"));
        assertThat(Ipv4Option.type(s, 0)).isEqualTo(Ipv4Option.STRICT_SOURCE_ROUTE);
        assertThat(Ipv4Option.type(s, 0) & 0x80).as("copied flag").isNotZero();
        assertThat(Ipv4Option.type(s, 0) & 0x1F).as("option number").isEqualTo(9);
        assertThat(Ipv4Option.pointer(s, 0)).isGreaterThan(Ipv4Option.length(s, 0)); // route used up
    }
}
