package net.v6mostly.dns64;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import net.v6mostly.addr.Rfc6052Prefix;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** RFC 6147 §5 decisions against a canned upstream, one test per rule. */
class Dns64ResolverTest {
    static final Name ZONE = Name.fromConstantString("example.");
    final FakeUpstream up = new FakeUpstream();
    final Dns64Counters counters = new Dns64Counters();

    static Dns64Settings.Builder settings() {
        return Dns64Settings.builder().listen(List.of(new InetSocketAddress("127.0.0.1", 0)))
                .upstreams(List.of(new InetSocketAddress("127.0.0.1", 53)))
                .prefixes(List.of(Rfc6052Prefix.parse("2001:db8:64::/96")));
    }

    Message resolve(String name, int type) {
        return resolve(settings().build(), query(name, type, false, false), true);
    }

    Message resolve(Dns64Settings s, Message q, boolean synth) {
        return new Dns64Resolver(s, up, counters).resolve(q, synth);
    }

    static Message query(String name, int type, boolean dnssecOk, boolean cd) {
        Message q = Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
        q.addRecord(new OPTRecord(1232, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        if (cd) {
            q.getHeader().setFlag(Flags.CD);
        }
        return q;
    }

    static Record a(String name, long ttl, String v4) throws Exception {
        return new ARecord(Name.fromConstantString(name), DClass.IN, ttl, InetAddress.getByName(v4));
    }

    static Record aaaa(String name, long ttl, String v6) throws Exception {
        return new AAAARecord(Name.fromConstantString(name), DClass.IN, ttl, bytes(v6));
    }

    static byte[] bytes(String v6) {
        net.v6mostly.addr.Ipv6Address a = net.v6mostly.addr.Ipv6Address.parse(v6);
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (a.hi() >>> (56 - 8 * i));
            b[8 + i] = (byte) (a.lo() >>> (56 - 8 * i));
        }
        return b;
    }

    /** Record data as text, AAAA in RFC 5952 form. */
    static String rdata(Record r) {
        if (r instanceof AAAARecord) {
            byte[] b = r.rdataToWireCanonical();
            return new net.v6mostly.addr.Ipv6Address(AddressSet.toLong(b, 0), AddressSet.toLong(b, 8)).toString();
        }
        return r.rdataToString();
    }

    static Record soa(long ttl, long minimum) {
        return new SOARecord(ZONE, DClass.IN, ttl, ZONE, ZONE, 1, 3600, 600, 86400, minimum);
    }

    static List<String> answers(Message m) {
        return m.getSection(Section.ANSWER).stream().map(r -> Type.string(r.getType()) + " " + rdata(r)
                + " " + r.getTTL()).toList();
    }

    @Test
    void aOnlyNameIsSynthesizedWithSoaNegativeTtl_5_1_7() throws Exception {
        up.negative("v4.example.", Type.AAAA, Rcode.NOERROR, soa(3600, 60)).answer("v4.example.", Type.A,
                a("v4.example.", 300, "192.0.2.1"));
        Message r = resolve("v4.example.", Type.AAAA);
        assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answers(r)).containsExactly("AAAA 2001:db8:64::c000:201 60");
        assertThat(r.getHeader().getFlag(Flags.AD)).isFalse();
        assertThat(counters.get(Dns64Stat.SYNTHESIZED)).isEqualTo(1);
    }

    @Test
    void withoutSoaTheTtlIsAtMost600_5_1_7() throws Exception {
        up.negative("v4.example.", Type.AAAA, Rcode.NOERROR).answer("v4.example.", Type.A,
                a("v4.example.", 3600, "192.0.2.1"));
        assertThat(answers(resolve("v4.example.", Type.AAAA))).containsExactly("AAAA 2001:db8:64::c000:201 600");
    }

    @Test
    void realAaaaWinsAndANeverAsked_5_1_1() throws Exception {
        up.answer("dual.example.", Type.AAAA, aaaa("dual.example.", 300, "2001:db8::1"))
                .answer("dual.example.", Type.A, a("dual.example.", 300, "192.0.2.1"));
        assertThat(answers(resolve("dual.example.", Type.AAAA))).containsExactly("AAAA 2001:db8::1 300");
        assertThat(up.asked).containsExactly("dual.example./AAAA");
    }

    @Test
    void mappedOnlyAaaaIsTreatedAsAbsent_5_1_4() throws Exception {
        up.answer("mapped.example.", Type.AAAA, aaaa("mapped.example.", 300, "::ffff:192.0.2.1"))
                .answer("mapped.example.", Type.A, a("mapped.example.", 300, "192.0.2.1"));
        assertThat(answers(resolve("mapped.example.", Type.AAAA))).containsExactly("AAAA 2001:db8:64::c000:201 300");
        assertThat(counters.get(Dns64Stat.EXCLUDED_AAAA)).isEqualTo(1);
    }

    @Test
    void configuredExclusionPrefix_5_1_4() throws Exception {
        up.answer("ula.example.", Type.AAAA, aaaa("ula.example.", 300, "fd00::1"))
                .answer("ula.example.", Type.A, a("ula.example.", 300, "192.0.2.9"));
        Dns64Settings s = settings().exclude(List.of(net.v6mostly.addr.Ipv6Prefix.parse("fd00::/8"))).build();
        assertThat(answers(resolve(s, query("ula.example.", Type.AAAA, false, false), true)))
                .containsExactly("AAAA 2001:db8:64::c000:209 300");
    }

    @Test
    void nxdomainPassesThroughWithoutAskingA_5_1_2() {
        up.negative("nx.example.", Type.AAAA, Rcode.NXDOMAIN, soa(3600, 60));
        Message r = resolve("nx.example.", Type.AAAA);
        assertThat(r.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(r.getSection(Section.AUTHORITY)).hasSize(1);
        assertThat(up.asked).containsExactly("nx.example./AAAA");
    }

    @Test
    void servfailOnAaaaIsTreatedAsEmpty_5_1_2() throws Exception {
        up.negative("sf.example.", Type.AAAA, Rcode.SERVFAIL).answer("sf.example.", Type.A,
                a("sf.example.", 300, "192.0.2.5"));
        assertThat(answers(resolve("sf.example.", Type.AAAA))).containsExactly("AAAA 2001:db8:64::c000:205 300");
        assertThat(counters.get(Dns64Stat.SYNTHESIS_ON_ERROR)).isEqualTo(1);
    }

    /**
     * Found by UpstreamAnswersFuzzTest: AAAA SERVFAIL (treated as empty, §5.1.2), then the A query
     * fails: the client gets the AAAA response relayed under its own ID, never the upstream's
     * message with the ID we chose for upstream (the client would drop it as unmatched, RFC 5452 §3).
     */
    @Test
    void servfailOnAaaaThenAFailureAnswersWithTheClientsId() throws Exception {
        up.negative("sf.example.", Type.AAAA, Rcode.SERVFAIL).timeout("sf.example.", Type.A);
        Message q = query("sf.example.", Type.AAAA, false, false);
        Message r = resolve(settings().build(), q, true);
        assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
        assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(r.getQuestion()).isEqualTo(q.getQuestion());
        assertThat(up.asked).containsExactly("sf.example./AAAA", "sf.example./A");
    }

    /**
     * Found by UpstreamAnswersFuzzTest: an AAAA response with an error RCODE that still carries
     * AAAA records inside the exclusion set was relayed unfiltered when no synthesis followed;
     * §5.1.4 treats those records as absent whatever the RCODE.
     */
    @Test
    void excludedAaaaNeverReachesTheClientEvenWithAnErrorRcode() throws Exception {
        up.table.put(FakeUpstream.key(Name.fromConstantString("sf.example."), Type.AAAA),
                new FakeUpstream.Canned(Rcode.SERVFAIL, List.of(aaaa("sf.example.", 300, "::ffff:192.0.2.9")),
                        List.of(), false, false));
        Message r = resolve(settings().synthesizeOnServfail(false).build(),
                query("sf.example.", Type.AAAA, false, false), true);
        assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(r.getSection(Section.ANSWER)).isEmpty();
        assertThat(counters.get(Dns64Stat.EXCLUDED_AAAA)).isEqualTo(1);
    }

    /**
     * Found by UpstreamAnswersFuzzTest: an upstream OPT record carrying an extended RCODE (BADVERS =
     * 16, RFC 6891 §6.1.3) made the relayed header's RCODE overflow (an exception, INTERNAL_ERROR);
     * the client now gets SERVFAIL, our own OPT having replaced upstream's.
     */
    @Test
    void anExtendedRcodeFromUpstreamBecomesServfail() {
        Upstream badvers = q -> {
            Message r = new Message(q.getHeader().getID());
            r.getHeader().setFlag(Flags.QR);
            r.addRecord(q.getQuestion(), Section.QUESTION);
            r.addRecord(new OPTRecord(1232, 1, 0), Section.ADDITIONAL);
            return r;
        };
        Message q = query("v4.example.", Type.A, false, false);
        Message r = new Dns64Resolver(settings().build(), badvers, counters).resolve(q, true);
        assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
    }

    @Test
    void servfailPassesThroughWhenSwitchedOff() throws Exception {
        up.negative("sf.example.", Type.AAAA, Rcode.SERVFAIL).answer("sf.example.", Type.A,
                a("sf.example.", 300, "192.0.2.5"));
        Message r = resolve(settings().synthesizeOnServfail(false).build(),
                query("sf.example.", Type.AAAA, false, false), true);
        assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(up.asked).containsExactly("sf.example./AAAA");
    }

    @Test
    void timeoutOnAaaaGivesServfailByDefault() throws Exception {
        up.timeout("slow.example.", Type.AAAA).answer("slow.example.", Type.A, a("slow.example.", 300, "192.0.2.6"));
        Message r = resolve("slow.example.", Type.AAAA);
        assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(up.asked).containsExactly("slow.example./AAAA");
        assertThat(counters.get(Dns64Stat.UPSTREAM_TIMEOUT)).isEqualTo(1);
    }

    @Test
    void timeoutOnAaaaSynthesizesWhenSwitchedOn() throws Exception {
        up.timeout("slow.example.", Type.AAAA).answer("slow.example.", Type.A, a("slow.example.", 300, "192.0.2.6"));
        Message r = resolve(settings().synthesizeOnTimeout(true).build(),
                query("slow.example.", Type.AAAA, false, false), true);
        assertThat(answers(r)).containsExactly("AAAA 2001:db8:64::c000:206 300");
    }

    @Test
    void cnameChainKeptAndFinalNameSynthesized_5_1_3() throws Exception {
        Record cname = new CNAMERecord(Name.fromConstantString("alias.example."), DClass.IN, 120,
                Name.fromConstantString("v4.example."));
        up.table.put(FakeUpstream.key(Name.fromConstantString("alias.example."), Type.AAAA),
                new FakeUpstream.Canned(Rcode.NOERROR, List.of(cname), List.of(soa(3600, 90)), false, false));
        up.negative("v4.example.", Type.AAAA, Rcode.NOERROR, soa(3600, 90));
        up.answer("alias.example.", Type.A, cname, a("v4.example.", 300, "192.0.2.1"));
        Message r = resolve("alias.example.", Type.AAAA);
        assertThat(answers(r)).containsExactly("CNAME v4.example. 120", "AAAA 2001:db8:64::c000:201 90");
        assertThat(r.getSection(Section.ANSWER).get(1).getName()).isEqualTo(Name.fromConstantString("v4.example."));
    }

    @Test
    void unterminatedChainIsFollowedToRealAaaa_5_1_1() throws Exception {
        Record cname = new CNAMERecord(Name.fromConstantString("alias.example."), DClass.IN, 120,
                Name.fromConstantString("v6.example."));
        up.answer("alias.example.", Type.AAAA, cname).answer("v6.example.", Type.AAAA,
                aaaa("v6.example.", 300, "2001:db8::6"));
        assertThat(answers(resolve("alias.example.", Type.AAAA))).containsExactly("CNAME v6.example. 120",
                "AAAA 2001:db8::6 300");
        assertThat(up.asked).containsExactly("alias.example./AAAA", "v6.example./AAAA");
    }

    @Test
    void cnameLoopIsNotFollowedForever() throws Exception {
        Name x = Name.fromConstantString("x.example.");
        Name y = Name.fromConstantString("y.example.");
        up.answer("x.example.", Type.AAAA, new CNAMERecord(x, DClass.IN, 60, y))
                .answer("y.example.", Type.AAAA, new CNAMERecord(y, DClass.IN, 60, x));
        resolve("x.example.", Type.AAAA);
        assertThat(up.asked.size()).isLessThanOrEqualTo(2 * (ChainFollower.MAX_HOPS + 1));
    }

    @Test
    void noAEitherReturnsTheOriginalAaaaResponse_5_1_6() {
        up.negative("empty.example.", Type.AAAA, Rcode.NOERROR, soa(3600, 60)).negative("empty.example.", Type.A,
                Rcode.NOERROR, soa(3600, 60));
        Message r = resolve("empty.example.", Type.AAAA);
        assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(r.getSection(Section.ANSWER)).isEmpty();
        assertThat(r.getSection(Section.AUTHORITY)).hasSize(1);
        assertThat(counters.get(Dns64Stat.NO_A_FOR_SYNTHESIS)).isEqualTo(1);
    }

    @Test
    void doAndCdMeanNoSynthesis_5_5() throws Exception {
        up.negative("v4.example.", Type.AAAA, Rcode.NOERROR, soa(3600, 60)).answer("v4.example.", Type.A,
                a("v4.example.", 300, "192.0.2.1"));
        Message r = resolve(settings().build(), query("v4.example.", Type.AAAA, true, true), true);
        assertThat(r.getSection(Section.ANSWER)).isEmpty();
        assertThat(up.asked).containsExactly("v4.example./AAAA");
        assertThat(up.queries.getFirst().getHeader().getFlag(Flags.CD)).isTrue();
        assertThat(Edns.doBit(up.queries.getFirst())).isTrue();
        assertThat(counters.get(Dns64Stat.DNSSEC_PASSTHROUGH)).isEqualTo(1);
    }

    @Test
    void synthesizedAnswersNeverCarryAd_5_5() throws Exception {
        up.negative("v4.example.", Type.AAAA, Rcode.NOERROR, soa(3600, 60)).signed("v4.example.", Type.A,
                a("v4.example.", 300, "192.0.2.1"));
        Message r = resolve(settings().build(), query("v4.example.", Type.AAAA, true, false), true);
        assertThat(answers(r)).hasSize(1);
        assertThat(r.getHeader().getFlag(Flags.AD)).isFalse();
    }

    @Test
    void relayedAnswersKeepAdForDoClients() throws Exception {
        up.signed("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"));
        assertThat(resolve(settings().build(), query("v4.example.", Type.A, true, false), true).getHeader()
                .getFlag(Flags.AD)).isTrue();
        assertThat(resolve(settings().build(), query("v4.example.", Type.A, false, false), true).getHeader()
                .getFlag(Flags.AD)).isFalse();
    }

    @Test
    void noSynthesisClientSeesRealDataOnly() throws Exception {
        up.negative("v4.example.", Type.AAAA, Rcode.NOERROR, soa(3600, 60)).answer("v4.example.", Type.A,
                a("v4.example.", 300, "192.0.2.1"));
        Message r = resolve(settings().build(), query("v4.example.", Type.AAAA, false, false), false);
        assertThat(r.getSection(Section.ANSWER)).isEmpty();
        assertThat(counters.get(Dns64Stat.NO_SYNTHESIS_CLIENT)).isEqualTo(1);
    }

    @Test
    void otherTypesAreRelayed_5_1() throws Exception {
        up.answer("v4.example.", Type.A, a("v4.example.", 300, "192.0.2.1"));
        assertThat(answers(resolve("v4.example.", Type.A))).containsExactly("A 192.0.2.1 300");
    }

    @Test
    void ptrUnderPrefixBecomesCnameToInAddrArpa_5_3_1() throws Exception {
        Name v4rev = Name.fromConstantString("1.2.0.192.in-addr.arpa.");
        up.answer("1.2.0.192.in-addr.arpa.", Type.PTR, new PTRRecord(v4rev, DClass.IN, 300,
                Name.fromConstantString("host.example.")));
        String ip6 = "1.0.2.0.0.0.0.c.0.0.0.0.0.0.0.0.0.0.0.0.4.6.0.0.8.b.d.0.1.0.0.2.ip6.arpa.";
        Message r = resolve(ip6, Type.PTR);
        assertThat(answers(r)).containsExactly("CNAME 1.2.0.192.in-addr.arpa. 300", "PTR host.example. 300");
        assertThat(up.asked).containsExactly("1.2.0.192.in-addr.arpa./PTR");
    }

    @Test
    void ptrOutsideThePrefixIsRelayed() {
        String ip6 = "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.";
        resolve(ip6, Type.PTR);
        assertThat(up.asked).containsExactly(ip6 + "/PTR");
    }

    @Test
    void ptrMappingForEveryPrefixLength() throws Exception {
        for (String[] c : new String[][] {{"2001:db8::/32", "2001:db8:c000:221::"},
            {"2001:db8:100::/40", "2001:db8:1c0:2:21::"}, {"2001:db8:122::/48", "2001:db8:122:c000:2:2100::"},
            {"2001:db8:122:300::/56", "2001:db8:122:3c0:0:221::"},
            {"2001:db8:122:344::/64", "2001:db8:122:344:c0:2:2100:0"},
            {"2001:db8:122:344::/96", "2001:db8:122:344::c000:221"}}) {
            Name rev = org.xbill.DNS.ReverseMap.fromAddress(c[1]);
            assertThat(ReverseMapping.toInAddrArpa(rev, List.of(Rfc6052Prefix.parse(c[0]))))
                    .as(c[0]).contains(Name.fromConstantString("33.2.0.192.in-addr.arpa."));
        }
    }
}
