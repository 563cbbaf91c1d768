package net.v6mostly.xlat;

import static net.v6mostly.xlat.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The test builder's own checksum code against published vectors: the properties trust it, so it
 * must be shown to be right independently of the production {@code wire.Checksum}.
 */
class TestPacketsTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void rfc1071Section3NumericalExample() {
        // RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2 (one's complement), checksum 220d
        byte[] b = hex("0001 f203 f4f5 f6f7");
        assertThat(fold(sum(0, b, 0, b.length))).isEqualTo(0xddf2);
        assertThat(checksum(0, b, 0, b.length)).isEqualTo(0x220d);
    }

    @Test
    void ipv4HeaderChecksumOfAKnownHeader() {
        // 192.168.0.1 -> 192.168.0.199, UDP, TTL 64, DF, total 0x73: the well-known header b861
        byte[] p = new V4(UDP, v4("192.168.0.1"), v4("192.168.0.199")).id(0).df(true).ttl(64).build(new byte[0x73 - 20]);
        assertThat(u16(p, 10)).isEqualTo(0xb861);
        assertThat(headerProblems(p)).isEmpty();
        p[8]--; // a changed TTL without a resealed header must be caught
        assertThat(headerProblems(p)).containsExactly("IPv4 header checksum");
    }

    @Test
    void sealedSegmentsVerifyAndAFlippedBitIsCaught() {
        byte[] u4 = udp4(v4("192.0.2.1"), v4("198.51.100.2"), 1000, 53, "hello".getBytes());
        byte[] t6 = tcp6(pool6(v4("192.0.2.1")), pool6(v4("198.51.100.2")), 1000, 80, "abc".getBytes());
        byte[] e6 = echo6(pool6(v4("192.0.2.1")), pool6(v4("198.51.100.2")), 7, 9, new byte[3]);
        for (byte[] p : new byte[][] {u4, t6, e6}) {
            assertThat(l4ChecksumValid(p)).isTrue();
            p[p.length - 1] ^= 1;
            assertThat(l4ChecksumValid(p)).isFalse();
        }
    }
}
