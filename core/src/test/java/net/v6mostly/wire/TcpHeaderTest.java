package net.v6mostly.wire;

import static net.v6mostly.wire.ChecksumTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import net.v6mostly.addr.Ipv4;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The TCP header view (RFC 9293 §3.1) on byte vectors decoded by hand in the comments. */
class TcpHeaderTest {
    /**
     * c350 (source port 50000) 0050 (destination port 80) | 00000064 (sequence 100) | 00000000
     * (acknowledgment 0) | 5 (Data Offset: 20 bytes) 0 | 02 (SYN) | faf0 (window 64240) | 0468
     * (checksum over the pseudo-header 192.0.2.1 -> 198.51.100.80, protocol 6) | 0000 (urgent).
     */
    static final String SYN = "c350 0050 00000064 00000000 5002 faf0 0468 0000";

    /**
     * 0050 c350 | fffffffe (sequence 2^32 - 2) | 00000065 (ack 101) | a0 (Data Offset 10: 40 bytes)
     * | 12 (SYN ACK) | ffff | abcd | 0001 | 20 bytes of options (MSS 1460, SACK permitted, timestamps,
     * NOP, window scale 7).
     */
    static final String SYN_ACK = "0050 c350 fffffffe 00000065 a012 ffff abcd 0001"
            + " 020405b4 0402080a 00000001 00000000 01030307";

    @DisplayName("RFC 9293 §3.1: every field of a SYN")
    @Test
    void rfc9293_syn() {
        MemorySegment s = MemorySegment.ofArray(hex(SYN));
        assertThat(TcpHeader.sourcePort(s, 0)).isEqualTo(50000);
        assertThat(TcpHeader.destinationPort(s, 0)).isEqualTo(80);
        assertThat(TcpHeader.sequence(s, 0)).isEqualTo(100);
        assertThat(TcpHeader.acknowledgment(s, 0)).isZero();
        assertThat(TcpHeader.headerLength(s, 0)).isEqualTo(20);
        assertThat(TcpHeader.flags(s, 0)).isEqualTo(TcpHeader.SYN);
        assertThat(TcpHeader.syn(s, 0)).isTrue();
        assertThat(TcpHeader.ack(s, 0)).isFalse();
        assertThat(TcpHeader.fin(s, 0)).isFalse();
        assertThat(TcpHeader.rst(s, 0)).isFalse();
        assertThat(TcpHeader.window(s, 0)).isEqualTo(64240);
        assertThat(TcpHeader.checksum(s, 0)).isEqualTo(0x0468);
        assertThat(TcpHeader.urgentPointer(s, 0)).isZero();
        long pseudo = Checksum.pseudo4(Ipv4.parse("192.0.2.1"), Ipv4.parse("198.51.100.80"), IpProtocol.TCP, 20);
        assertThat(Checksum.verifies(pseudo, s, 0, 20)).isTrue();
    }

    @DisplayName("RFC 9293 §3.1: a SYN-ACK with options, at a non-zero offset; sequence numbers are 32-bit words")
    @Test
    void rfc9293_synAckWithOptions() {
        byte[] d = hex("000000" + SYN_ACK);
        MemorySegment s = MemorySegment.ofArray(d);
        assertThat(TcpHeader.sourcePort(s, 3)).isEqualTo(80);
        assertThat(TcpHeader.destinationPort(s, 3)).isEqualTo(50000);
        assertThat(Integer.toUnsignedLong(TcpHeader.sequence(s, 3))).isEqualTo(0xfffffffeL);
        assertThat(TcpHeader.acknowledgment(s, 3)).isEqualTo(101);
        assertThat(TcpHeader.headerLength(s, 3)).isEqualTo(40);
        assertThat(TcpHeader.flags(s, 3)).isEqualTo(TcpHeader.SYN | TcpHeader.ACK);
        assertThat(TcpHeader.syn(s, 3)).isTrue();
        assertThat(TcpHeader.ack(s, 3)).isTrue();
        assertThat(TcpHeader.window(s, 3)).isEqualTo(0xffff);
        assertThat(TcpHeader.checksum(s, 3)).isEqualTo(0xabcd);
        assertThat(TcpHeader.urgentPointer(s, 3)).isEqualTo(1);
    }

    @DisplayName("RFC 9293 §3.1 control bits, CWR and ECE from RFC 3168 §23.2: one bit each, FIN lowest")
    @Test
    void controlBits() {
        byte[] d = hex(SYN);
        MemorySegment s = MemorySegment.ofArray(d);
        d[13] = 0x19; // FIN PSH ACK
        assertThat(TcpHeader.fin(s, 0)).isTrue();
        assertThat(TcpHeader.flags(s, 0) & TcpHeader.PSH).isNotZero();
        assertThat(TcpHeader.ack(s, 0)).isTrue();
        assertThat(TcpHeader.syn(s, 0)).isFalse();
        d[13] = 0x04;
        assertThat(TcpHeader.rst(s, 0)).isTrue();
        d[13] = (byte) 0xe0; // CWR ECE URG
        assertThat(TcpHeader.flags(s, 0)).isEqualTo(TcpHeader.CWR | TcpHeader.ECE | TcpHeader.URG);
    }

    @DisplayName("the reserved bits beside Data Offset do not change the header length")
    @Test
    void reservedBitsIgnored() {
        byte[] d = hex(SYN);
        d[12] = 0x5f;
        assertThat(TcpHeader.headerLength(MemorySegment.ofArray(d), 0)).isEqualTo(20);
    }

    @DisplayName("setters rebuild the SYN byte for byte")
    @Test
    void settersRebuildTheSyn() {
        byte[] d = new byte[20];
        MemorySegment s = MemorySegment.ofArray(d);
        TcpHeader.setSourcePort(s, 0, 50000);
        TcpHeader.setDestinationPort(s, 0, 80);
        TcpHeader.setSequence(s, 0, 100);
        TcpHeader.setAcknowledgment(s, 0, 0);
        TcpHeader.setHeaderLength(s, 0, 20);
        TcpHeader.setFlags(s, 0, TcpHeader.SYN);
        TcpHeader.setWindow(s, 0, 64240);
        TcpHeader.setChecksum(s, 0, 0x0468);
        TcpHeader.setUrgentPointer(s, 0, 0);
        assertThat(HexFormat.of().formatHex(d)).isEqualTo(SYN.replace(" ", ""));
    }

    @Test
    void sameOffsetsAsTransport() {
        assertThat(TcpHeader.SOURCE_PORT).isEqualTo(Transport.SOURCE_PORT);
        assertThat(TcpHeader.DESTINATION_PORT).isEqualTo(Transport.DESTINATION_PORT);
        assertThat(TcpHeader.FLAGS).isEqualTo(Transport.TCP_FLAGS);
        assertThat(TcpHeader.CHECKSUM).isEqualTo(Transport.checksumOffset(IpProtocol.TCP));
        assertThat(TcpHeader.LENGTH).isEqualTo(Transport.minimumHeader(IpProtocol.TCP));
    }
}
