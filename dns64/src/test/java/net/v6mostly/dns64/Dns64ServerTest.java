package net.v6mostly.dns64;

import static net.v6mostly.dns64.Dns64ResolverTest.a;
import static net.v6mostly.dns64.Dns64ResolverTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The listeners: an SO_REUSEPORT group per address that still refuses a port held by someone else. */
class Dns64ServerTest {
    static Dns64Settings on(InetSocketAddress at) {
        return Dns64ResolverTest.settings().listen(List.of(at)).build();
    }

    @Test
    void aPortAnotherSocketHoldsFailsAsAddressInUse() throws Exception {
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress taken = (InetSocketAddress) holder.getLocalSocketAddress();
            assertThatThrownBy(() -> Dns64Server.start(on(taken), new FakeUpstream(), new Dns64Counters()))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("Address already in use");
        }
    }

    @Test
    void aSecondServerOnTheSamePortIsRefusedToo() throws Exception {
        try (Dns64Server first = Dns64Server.start(on(new InetSocketAddress("127.0.0.1", 0)), new FakeUpstream(),
                new Dns64Counters())) {
            InetSocketAddress at = first.addresses().getFirst();
            assertThatThrownBy(() -> Dns64Server.start(on(at), new FakeUpstream(), new Dns64Counters()))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("Address already in use");
        }
    }

    @Test
    void manyClientsAreAnsweredWhicheverSocketTheKernelPicks() throws Exception {
        FakeUpstream up = new FakeUpstream();
        up.answer("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"));
        try (Dns64Server server = Dns64Server.start(on(new InetSocketAddress("127.0.0.1", 0)), up, new Dns64Counters())) {
            InetSocketAddress at = server.addresses().getFirst();
            byte[] q = query("v4.example.", Type.A, false, false).toWire();
            // each client socket has its own source port, so the group's hash spreads them
            for (int i = 0; i < 16; i++) {
                try (DatagramSocket client = new DatagramSocket()) {
                    client.setSoTimeout(5000);
                    client.send(new DatagramPacket(q, q.length, at));
                    byte[] buf = new byte[1500];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    client.receive(p);
                    Message m = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                    assertThat(m.getSection(Section.ANSWER)).hasSize(1);
                }
            }
        }
    }
}
