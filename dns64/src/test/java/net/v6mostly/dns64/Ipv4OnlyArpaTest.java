package net.v6mostly.dns64;

import static net.v6mostly.dns64.Dns64ResolverTest.answers;
import static net.v6mostly.dns64.Dns64ResolverTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.v6mostly.addr.Rfc6052Prefix;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** RFC 8880 §7 / RFC 7050 §2.2: ipv4only.arpa answered locally, never upstream. */
class Ipv4OnlyArpaTest {
    final FakeUpstream up = new FakeUpstream();
    final Dns64Counters counters = new Dns64Counters();

    Message resolve(String name, int type, String... prefixes) {
        Dns64Settings s = Dns64ResolverTest.settings()
                .prefixes(java.util.Arrays.stream(prefixes).map(Rfc6052Prefix::parse).toList()).build();
        return new Dns64Resolver(s, up, counters).resolve(query(name, type, false, false), true);
    }

    @Test
    void aIsTheTwoWellKnownAddresses() {
        assertThat(answers(resolve("ipv4only.arpa.", Type.A, "64:ff9b::/96")))
                .containsExactly("A 192.0.0.170 3600", "A 192.0.0.171 3600");
        assertThat(up.asked).isEmpty();
    }

    @Test
    void aaaaIsSynthesizedWithEveryPrefix() {
        assertThat(answers(resolve("ipv4only.arpa.", Type.AAAA, "64:ff9b::/96", "2001:db8:100::/40")))
                .containsExactly("AAAA 64:ff9b::c000:aa 600", "AAAA 2001:db8:1c0:0:aa:: 600",
                        "AAAA 64:ff9b::c000:ab 600", "AAAA 2001:db8:1c0:0:ab:: 600");
        assertThat(up.asked).isEmpty();
    }

    @Test
    void aaaaWith64PrefixMatchesStandardsVector() {
        assertThat(answers(resolve("ipv4only.arpa.", Type.AAAA, "2001:db8:122:344::/64")))
                .first().isEqualTo("AAAA 2001:db8:122:344:c0:0:aa00:0 600");
    }

    @Test
    void reverseNamesPointAtIpv4onlyArpa() {
        assertThat(answers(resolve("170.0.0.192.in-addr.arpa.", Type.PTR, "64:ff9b::/96")))
                .containsExactly("PTR ipv4only.arpa. 3600");
        assertThat(answers(resolve("171.0.0.192.in-addr.arpa.", Type.PTR, "64:ff9b::/96")))
                .containsExactly("PTR ipv4only.arpa. 3600");
        assertThat(up.asked).isEmpty();
    }

    @Test
    void ip6ArpaOfSynthesizedAddressResolvesLocally() throws Exception {
        String rev = org.xbill.DNS.ReverseMap.fromAddress("64:ff9b::c000:aa").toString();
        assertThat(answers(resolve(rev, Type.PTR, "64:ff9b::/96")))
                .containsExactly("CNAME 170.0.0.192.in-addr.arpa. 600", "PTR ipv4only.arpa. 3600");
        assertThat(up.asked).isEmpty();
    }

    @Test
    void otherTypesNodataAndSubdomainsNxdomain() {
        Message mx = resolve("ipv4only.arpa.", Type.MX, "64:ff9b::/96");
        assertThat(mx.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(mx.getSection(Section.ANSWER)).isEmpty();
        assertThat(mx.getSection(Section.AUTHORITY)).hasSize(1);
        assertThat(resolve("x.ipv4only.arpa.", Type.A, "64:ff9b::/96").getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(up.asked).isEmpty();
    }

    @Test
    void doCdQueryGetsNoSyntheticAaaa() {
        Dns64Settings s = Dns64ResolverTest.settings().build();
        Message r = new Dns64Resolver(s, up, counters).resolve(query("ipv4only.arpa.", Type.AAAA, true, true), true);
        assertThat(r.getSection(Section.ANSWER)).isEmpty();
        assertThat(List.of(r.getRcode())).containsExactly(Rcode.NOERROR);
    }
}
