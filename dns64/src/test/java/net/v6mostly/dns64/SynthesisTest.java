package net.v6mostly.dns64;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;

import net.v6mostly.addr.Rfc6052Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/** RFC 6147 §5.1.4 and §5.1.7 record arithmetic; AAAA rdata byte for byte per RFC 6052 §2.4 Table 1. */
class SynthesisTest {
    static final Name HOST = Name.fromConstantString("v4only.example.");

    static ARecord a(Name name, long ttl, String v4) throws Exception {
        return new ARecord(name, DClass.IN, ttl, InetAddress.getByName(v4));
    }

    @ParameterizedTest(name = "/{0}")
    @CsvSource({
        "2001:db8::/32,          20010db8c00002210000000000000000",
        "2001:db8:100::/40,      20010db801c000020021000000000000",
        "2001:db8:122::/48,      20010db80122c0000002210000000000",
        "2001:db8:122:300::/56,  20010db8012203c00000022100000000",
        "2001:db8:122:344::/64,  20010db801220344 00c0000221000000",
        "2001:db8:122:344::/96,  20010db8012203440000 0000c0000221",
    })
    void rfc6052Table1RdataForEveryLength(String prefix, String hex) throws Exception {
        String expected = hex.replace(" ", "");
        List<Record> out = Synthesis.synthesize(List.of(a(HOST, 300, "192.0.2.33")),
                List.of(Rfc6052Prefix.parse(prefix)), -1);
        assertThat(out).hasSize(1);
        AAAARecord aaaa = (AAAARecord) out.getFirst();
        assertThat(HexFormat.of().formatHex(aaaa.rdataToWireCanonical())).isEqualTo(expected);
        assertThat(aaaa.getName()).isEqualTo(HOST);
        assertThat(aaaa.getDClass()).isEqualTo(DClass.IN);
    }

    @Test
    void wellKnownPrefixGivesStandardsVector() throws Exception {
        List<Record> out = Synthesis.synthesize(List.of(a(HOST, 300, "192.0.2.33")),
                List.of(Rfc6052Prefix.parse("64:ff9b::/96")), 60);
        assertThat(Dns64ResolverTest.rdata(out.getFirst())).isEqualTo("64:ff9b::c000:221");
        assertThat(out.getFirst().getTTL()).isEqualTo(60);
    }

    @Test
    void onePerPrefixPerARecord() throws Exception {
        List<Record> out = Synthesis.synthesize(List.of(a(HOST, 300, "192.0.2.1"), a(HOST, 300, "192.0.2.2")),
                List.of(Rfc6052Prefix.parse("64:ff9b::/96"), Rfc6052Prefix.parse("2001:db8:64::/96")), -1);
        assertThat(out).extracting(Dns64ResolverTest::rdata).containsExactly("64:ff9b::c000:201",
                "2001:db8:64::c000:201", "64:ff9b::c000:202", "2001:db8:64::c000:202");
    }

    @Test
    void ttlIsMinOfATtlAndSoaNegativeTtl() {
        assertThat(Synthesis.ttl(300, 60)).isEqualTo(60);
        assertThat(Synthesis.ttl(30, 60)).isEqualTo(30);
    }

    @Test
    void withoutSoaTtlIsCappedAt600() {
        assertThat(Synthesis.ttl(300, -1)).isEqualTo(300);
        assertThat(Synthesis.ttl(86400, -1)).isEqualTo(600);
    }

    @Test
    void negativeTtlIsMinOfSoaTtlAndMinimum() {
        Message m = new Message();
        Name zone = Name.fromConstantString("example.");
        m.addRecord(new SOARecord(zone, DClass.IN, 900, zone, zone, 1, 1, 1, 1, 120), Section.AUTHORITY);
        assertThat(Synthesis.negativeTtl(m)).isEqualTo(120);
        Message m2 = new Message();
        m2.addRecord(new SOARecord(zone, DClass.IN, 45, zone, zone, 1, 1, 1, 1, 120), Section.AUTHORITY);
        assertThat(Synthesis.negativeTtl(m2)).isEqualTo(45);
        assertThat(Synthesis.negativeTtl(new Message())).isEqualTo(-1);
    }

    @Test
    void cnameChainKeptAndSynthesisForFinalName() throws Exception {
        Name alias = Name.fromConstantString("alias.example.");
        List<Record> out = Synthesis.synthesize(List.of(new CNAMERecord(alias, DClass.IN, 100, HOST),
                a(HOST, 300, "192.0.2.1")), List.of(Rfc6052Prefix.parse("64:ff9b::/96")), -1);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(CNAMERecord.class);
        assertThat(out.get(1).getName()).isEqualTo(HOST);
    }

    @Test
    void mappedAddressesAreExcluded() throws Exception {
        Record mapped = new AAAARecord(HOST, DClass.IN, 300, Dns64ResolverTest.bytes("::ffff:192.0.2.1"));
        Record real = new AAAARecord(HOST, DClass.IN, 300, InetAddress.getByName("2001:db8::1"));
        assertThat(Synthesis.withoutExcluded(List.of(mapped, real), List.of(Dns64Settings.IPV4_MAPPED)))
                .containsExactly(real);
    }

    @Test
    void noARecordsNoSynthesis() {
        assertThat(Synthesis.synthesize(List.of(), List.of(Rfc6052Prefix.parse("64:ff9b::/96")), -1)).isEmpty();
    }
}
