package net.v6mostly.dns64;

import static net.v6mostly.dns64.Dns64ResolverTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import net.v6mostly.dns64.Upstream.UpstreamException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Type;

/**
 * What {@link UpstreamClient} accepts as a response (RFC 5452 §3, RFC 1035 §4.1.1): found by
 * UpstreamAnswersFuzzTest, an upstream message with opcode UPDATE may hold records without RDATA
 * (RFC 2136 §2.4) that, relayed in our QUERY answer, made a message no client could parse.
 */
class UpstreamClientTest {
    @Test
    void onlyQueryResponsesAreUsable() {
        Message r = new Message(7);
        assertThat(UpstreamClient.usable(r)).as("QR clear").isFalse();
        r.getHeader().setFlag(Flags.QR);
        assertThat(UpstreamClient.usable(r)).isTrue();
        r.getHeader().setOpcode(Opcode.UPDATE);
        assertThat(UpstreamClient.usable(r)).as("opcode UPDATE").isFalse();
    }

    /**
     * Found by UpstreamAnswersFuzzTest: dnsjava reads a WKS record without a service bitmap but
     * throws writing it, so relaying it failed (INTERNAL_ERROR); such a response is refused upstream.
     */
    @Test
    void aResponseWhoseRecordsCannotBeWrittenAgainIsUnusable() throws Exception {
        byte[] wire = java.util.HexFormat.of().parseHex(("1234 8180 0001 0001 0000 0000"
                + "02763407 6578616d 706c6500 0001 0001"     // v4.example. A IN
                + "c00c 000b 0001 0000012c 0005 c0000201 06").replace(" ", ""));   // WKS 192.0.2.1 TCP, no bitmap
        Message r = new Message(wire);
        assertThat(UpstreamClient.usable(r)).isFalse();
    }

    @Test
    void anUpdateOpcodeResponseOnTheWireIsNeverTaken() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Thread.ofVirtual().start(() -> {
                try {
                    byte[] buf = new byte[4096];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    server.receive(p);
                    Message q = new Message(Arrays.copyOf(buf, p.getLength()));
                    Message r = new Message(q.getHeader().getID());
                    r.getHeader().setFlag(Flags.QR);
                    r.getHeader().setOpcode(Opcode.UPDATE);
                    r.addRecord(q.getQuestion(), org.xbill.DNS.Section.QUESTION);
                    byte[] out = r.toWire();
                    server.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                } catch (java.io.IOException closed) {
                    // test over
                }
            });
            UpstreamClient c = new UpstreamClient(List.of((InetSocketAddress) server.getLocalSocketAddress()),
                    Duration.ofMillis(300), new Dns64Counters(line -> { }));
            assertThatThrownBy(() -> c.ask(query("v4.example.", Type.A, false, false)))
                    .isInstanceOf(UpstreamException.class)
                    .satisfies(e -> assertThat(((UpstreamException) e).timedOut()).isTrue());
        }
    }
}
