package net.v6mostly.pcap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds pcap files byte by byte for tests: any byte order, magic, snaplen and link type. */
final class PcapBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    private PcapBytes(ByteOrder order) {
        this.order = order;
    }

    static PcapBytes header(ByteOrder order, int magic, int snaplen, int linkType) {
        PcapBytes p = new PcapBytes(order);
        p.put32(magic).put16(2).put16(4).put32(0).put32(0).put32(snaplen).put32(linkType);
        return p;
    }

    static PcapBytes littleMicros(int linkType) {
        return header(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 65535, linkType);
    }

    PcapBytes record(int seconds, int fraction, byte[] data) {
        return recordHeader(seconds, fraction, data.length, data.length).raw(data);
    }

    PcapBytes recordHeader(int seconds, int fraction, int captured, int original) {
        return put32(seconds).put32(fraction).put32(captured).put32(original);
    }

    PcapBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    PcapBytes put32(int v) {
        out.writeBytes(ByteBuffer.allocate(4).order(order).putInt(v).array());
        return this;
    }

    PcapBytes put16(int v) {
        out.writeBytes(ByteBuffer.allocate(2).order(order).putShort((short) v).array());
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    PcapReader reader() throws IOException {
        return new PcapReader(new ByteArrayInputStream(bytes()), "test.pcap");
    }

    /** A 20-byte IPv4 header (checksum not filled) followed by {@code payload} zero bytes. */
    static byte[] ipv4(int payload) {
        byte[] b = new byte[20 + payload];
        b[0] = 0x45;
        b[2] = (byte) (b.length >> 8);
        b[3] = (byte) b.length;
        b[8] = 64;
        b[9] = 17;
        return b;
    }

    /** A 40-byte IPv6 header followed by {@code payload} zero bytes. */
    static byte[] ipv6(int payload) {
        byte[] b = new byte[40 + payload];
        b[0] = 0x60;
        b[4] = (byte) (payload >> 8);
        b[5] = (byte) payload;
        b[6] = 59;
        b[7] = 64;
        return b;
    }

    /** An Ethernet frame of {@code etherType} around {@code payload}, with an 802.1Q tag when vlan is true. */
    static byte[] ethernet(int etherType, boolean vlan, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + (vlan ? 4 : 0) + payload.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2});
        if (vlan) {
            b.putShort((short) 0x8100).putShort((short) 42);
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }
}
