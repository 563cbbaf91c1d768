package net.v6mostly.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The lab's authoritative server: the answers a DNS64 needs to see (RFC 6147 §5.1, RFC 2308 §2.2). */
class LabDnsServerTest {
    private LabDnsServer server;

    @BeforeEach
    void start() throws Exception {
        // port 53 on loopback needs root; answer() is what the tests exercise, the socket only has to bind
        server = new LabDnsServer("127.0.0.1", "lab.example",
                Map.of("v4", List.of("198.51.100.10"), "v6", List.of("2001:db8:ffff::10")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Message ask(String name, int type) throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name), type, 1));
        return new Message(server.answer(q.toWire()));
    }

    @Test
    void anAddressRecordIsAnsweredAuthoritatively() throws Exception {
        Message r = ask("v4.lab.example.", Type.A);
        assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(r.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("198.51.100.10");
    }

    @Test
    void aNameWithoutAaaaIsNodataWithTheSoaSoADns64Synthesizes() throws Exception {
        Message r = ask("v4.lab.example.", Type.AAAA);
        assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(r.getSection(Section.ANSWER)).isEmpty();
        assertThat(r.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
    }

    @Test
    void anUnknownNameInTheZoneIsNxdomainAndOneOutsideIsRefused() throws Exception {
        assertThat(ask("nothing.lab.example.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(ask("example.com.", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void malformedInputAndResponsesAreDroppedNotAnswered() throws Exception {
        assertThat(server.answer(new byte[] {1, 2, 3})).isNull();
        assertThat(server.answer(new byte[0])).isNull();
        Message response = Message.newQuery(Record.newRecord(Name.fromString("v4.lab.example."), Type.A, 1));
        response.getHeader().setFlag(Flags.QR);
        assertThat(server.answer(response.toWire())).isNull();
    }
}
