package net.v6mostly.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class Udp4DatagramTest {
    @Test
    void headersAndBothChecksumsVerify() {
        byte[] payload = "hello dhcp".getBytes();
        byte[] d = Udp4Datagram.build(0xC0000201, 0xC0000264, 67, 68, payload);
        MemorySegment s = MemorySegment.ofArray(d);
        assertThat(HexFormat.of().formatHex(d, 0, 4)).isEqualTo("45000026");
        assertThat(Checksum.verifies(0, s, 0, 20)).isTrue();
        assertThat(Checksum.verifies(Checksum.pseudo4(0xC0000201, 0xC0000264, IpProtocol.UDP, 18), s, 20, 18)).isTrue();
        assertThat(Bytes.u16(s, 20)).isEqualTo(67);
        assertThat(Bytes.u16(s, 22)).isEqualTo(68);
    }
}
