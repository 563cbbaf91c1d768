package net.v6mostly.dns64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The health probe: any matching answer (even REFUSED) is reachability; silence is not. */
class UpstreamProbeTest {
    /** Answers one query on loopback with {@code rcode}, echoing ID and question; returns what it was asked. */
    private static Thread answerOnce(DatagramSocket s, int rcode, Message[] asked) {
        return Thread.ofPlatform().daemon().start(() -> {
            try {
                byte[] buf = new byte[512];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                asked[0] = q;
                Message r = new Message(q.getHeader().getID());
                r.getHeader().setFlag(Flags.QR);
                r.getHeader().setRcode(rcode);
                r.addRecord(q.getQuestion(), org.xbill.DNS.Section.QUESTION);
                byte[] wire = r.toWire();
                s.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
            } catch (Exception e) {
                // the test asserts on the probe's result
            }
        });
    }

    @Test
    void anAnswerWithAnyRcodeProvesReachabilityAndTheQueryIsTheConfiguredA() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Message[] asked = new Message[1];
            Thread t = answerOnce(server, Rcode.REFUSED, asked);
            UpstreamProbe probe = new UpstreamProbe(List.of((InetSocketAddress) server.getLocalSocketAddress()),
                    Duration.ofSeconds(5), "ipv4only.arpa.");
            assertThat(probe.probe()).isNull();
            t.join(5000);
            assertThat(asked[0].getQuestion().getName().toString()).isEqualTo("ipv4only.arpa.");
            assertThat(asked[0].getQuestion().getType()).isEqualTo(Type.A);
            assertThat(asked[0].getHeader().getFlag(Flags.RD)).isTrue();
        }
    }

    @Test
    void silenceIsAFailureNamingTheUpstreams() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress at = (InetSocketAddress) silent.getLocalSocketAddress();
            String failure = new UpstreamProbe(List.of(at), Duration.ofMillis(100), "example.net").probe();
            assertThat(failure).startsWith("no upstream of [" + at + "] answered: ").contains("timed out after 100 ms");
        }
    }

    @Test
    void aBadNameIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new UpstreamProbe(List.of(new InetSocketAddress(0)), Duration.ofSeconds(1), "a..b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a domain name: 'a..b'");
    }
}
