package net.v6mostly.xlat.rfc6146;

import static net.v6mostly.xlat.TestPackets.ICMPV6;
import static net.v6mostly.xlat.TestPackets.UDP;
import static net.v6mostly.xlat.TestPackets.icmp;
import static net.v6mostly.xlat.TestPackets.ipv6;
import static net.v6mostly.xlat.TestPackets.pool6;
import static net.v6mostly.xlat.TestPackets.seal6;
import static net.v6mostly.xlat.TestPackets.udp;
import static net.v6mostly.xlat.TestPackets.v4;
import static net.v6mostly.xlat.TestPackets.v6;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv4PrefixSet;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Ipv6PrefixSet;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.TestPackets;
import net.v6mostly.xlat.rfc6146.Nat64PipelineTest.Out;

/**
 * What the NAT64 never translates, refused at RFC 6146 §3.4 before any state exists: IPv4
 * destinations no router may forward to (RFC 1812 §5.3.7) whatever the prefix, the operator's
 * {@code deny4} both ways, IPv6 sources outside {@code allow6-sources}, and IPv4 sources no
 * translator may hear from (RFC 7915 §4.1).
 */
class Nat64AddressPolicyTest {
    static final byte[] HOST = Nat64PipelineTest.HOST_A;
    static final int POOL = Nat64PipelineTest.POOL;
    static final byte[] OWN6 = v6("2001:db8::1");

    static Nat64Pipeline pipeline(SiitSettings settings) {
        Nat64State state = new Nat64State(Nat64Config.defaults(Pool4.of(POOL)).withLogging(false, 7), e -> { });
        return new Nat64Pipeline(state, new HeldSynPackets(), settings, true);
    }

    static SiitSettings settings(boolean wkp) {
        return Nat64PipelineTest.settings(1500, wkp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "0.1.2.3", "127.0.0.1", "224.0.0.1", "239.255.255.250", "240.0.0.1",
        "255.255.255.255"})
    void forbiddenDestinationsAreRefusedBeforeAnyState(String destination) {
        Nat64Pipeline nat = pipeline(settings(false));
        byte[] dst = pool6(v4(destination));
        byte[] in = ipv6(0, UDP, 64, HOST, dst, seal6(HOST, dst, UDP, udp(5000, 53, new byte[4])));
        Out out = Nat64PipelineTest.run(nat, in);
        assertThat(out.exit()).isEqualTo(Nat64Exit.DESTINATION4_FORBIDDEN_64);
        byte[] expected = ipv6(0, ICMPV6, 64, OWN6, HOST, seal6(OWN6, HOST, ICMPV6, icmp(1, 1, 0, in)));
        assertThat(out.only(Side.V6)).as("RFC 7915 §5.4: 1/1").isEqualTo(expected);
        assertThat(nat.state().bibCount(Protocol.UDP)).as("no state").isZero();
        assertThat(nat.exits().get(Nat64Exit.DESTINATION4_FORBIDDEN_64)).isEqualTo(1);
    }

    /** RFC 6052 §3.1 refuses non-global ones behind 64:ff9b::/96; multicast is global and refused here. */
    @Test
    void multicastBehindTheWellKnownPrefixIsRefusedToo() {
        Nat64Pipeline nat = pipeline(settings(true));
        byte[] dst = v6("64:ff9b::e000:fb"); // 224.0.0.251
        Out out = Nat64PipelineTest.run(nat, TestPackets.udp6(HOST, dst, 5353, 5353, new byte[4]));
        assertThat(out.exit()).isEqualTo(Nat64Exit.DESTINATION4_FORBIDDEN_64);
        byte[] loop = v6("64:ff9b::7f00:1");
        assertThat(Nat64PipelineTest.run(nat, TestPackets.udp6(HOST, loop, 1, 2, new byte[4])).exit())
                .as("127.0.0.1 is non-global: RFC 6052 §3.1 first").isEqualTo(Nat64Exit.WKP_NON_GLOBAL_64);
        Nat64Pipeline open = pipeline(settings(true).toBuilder().wkpNonGlobal(true).build());
        assertThat(Nat64PipelineTest.run(open, TestPackets.udp6(HOST, loop, 1, 2, new byte[4])).exit())
                .as("wkp-translate-non-global does not open loopback").isEqualTo(Nat64Exit.DESTINATION4_FORBIDDEN_64);
    }

    /**
     * RFC 6052 §3.1 the other way: an IPv4 packet from 10.0.0.1 to a BIB entry of a NAT64 on
     * 64:ff9b::/96 could only come out from 64:ff9b::a00:1, which the RFC forbids; it is refused
     * in §3.4 before endpoint-independent filtering makes a session for it.
     */
    @Test
    void nonGlobalSourceTowardTheWellKnownPrefixMakesNoSession() {
        Nat64Pipeline nat = pipeline(settings(true));
        Out ok = Nat64PipelineTest.run(nat, TestPackets.udp6(HOST, v6("64:ff9b::808:808"), 5000, 53, new byte[4]));
        assertThat(ok.exit()).isEqualTo(Nat64Exit.TRANSLATED_64);
        int port4 = TestPackets.u16(ok.only(Side.V4), 20);
        Out out = Nat64PipelineTest.run(nat, TestPackets.udp4(v4("10.0.0.1"), POOL, 53, port4, new byte[4]));
        assertThat(out.exit()).isEqualTo(Nat64Exit.WKP_NON_GLOBAL_46);
        assertThat(out.emitted()).as("only the ICMPv4 answer").hasSize(1);
        assertThat(Arrays.copyOfRange(out.only(Side.V4), 20, 22)).containsExactly(3, 13);
        assertThat(nat.state().sessionCount(Protocol.UDP)).as("only the session to 8.8.8.8").isEqualTo(1);
        Nat64Pipeline open = pipeline(settings(true).toBuilder().wkpNonGlobal(true).build());
        Out first = Nat64PipelineTest.run(open, TestPackets.udp6(HOST, v6("64:ff9b::808:808"), 5000, 53, new byte[4]));
        int port = TestPackets.u16(first.only(Side.V4), 20);
        assertThat(Nat64PipelineTest.run(open, TestPackets.udp4(v4("10.0.0.1"), POOL, 53, port, new byte[4])).exit())
                .isEqualTo(Nat64Exit.TRANSLATED_46);
    }

    @Test
    void deny4RefusesDestinationsAndSources() {
        SiitSettings s = settings(false).toBuilder()
                .deny4(new Ipv4PrefixSet(List.of(Ipv4Prefix.parse("198.51.100.0/24")))).build();
        Nat64Pipeline nat = pipeline(s);
        byte[] denied = pool6(v4("198.51.100.7"));
        byte[] in = ipv6(0, UDP, 64, HOST, denied, seal6(HOST, denied, UDP, udp(5000, 22, new byte[4])));
        Out out = Nat64PipelineTest.run(nat, in);
        assertThat(out.exit()).isEqualTo(Nat64Exit.DENY4_64);
        byte[] expected = ipv6(0, ICMPV6, 64, OWN6, HOST, seal6(OWN6, HOST, ICMPV6, icmp(1, 1, 0, in)));
        assertThat(out.only(Side.V6)).isEqualTo(expected);
        assertThat(nat.state().bibCount(Protocol.UDP)).isZero();

        Out ok = Nat64PipelineTest.run(nat, TestPackets.udp6(HOST, pool6(v4("203.0.113.9")), 5000, 53, new byte[4]));
        assertThat(ok.exit()).isEqualTo(Nat64Exit.TRANSLATED_64);
        byte[] v4out = ok.only(Side.V4);
        int port4 = TestPackets.u16(v4out, 20);
        // a denied network answering on that BIB entry (endpoint-independent filtering would let it in)
        byte[] back = TestPackets.udp4(v4("198.51.100.7"), POOL, 53, port4, new byte[4]);
        Out refused = Nat64PipelineTest.run(nat, back);
        assertThat(refused.exit()).isEqualTo(Nat64Exit.DENY4_46);
        assertThat(refused.emitted()).as("nothing toward a denied network").isEmpty();
        assertThat(nat.state().sessionCount(Protocol.UDP)).as("no session for the denied remote").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.1", "127.0.0.1", "224.0.0.5", "240.0.0.1", "255.255.255.255"})
    void forbiddenIpv4SourcesAreDroppedSilently(String source) {
        Nat64Pipeline nat = pipeline(settings(false));
        Out ok = Nat64PipelineTest.run(nat, TestPackets.udp6(HOST, pool6(v4("203.0.113.9")), 5000, 53, new byte[4]));
        int port4 = TestPackets.u16(ok.only(Side.V4), 20);
        Out out = Nat64PipelineTest.run(nat, TestPackets.udp4(v4(source), POOL, 53, port4, new byte[4]));
        assertThat(out.exit()).isEqualTo(Nat64Exit.SOURCE4_FORBIDDEN_46);
        assertThat(out.emitted()).isEmpty();
    }

    @Test
    void allow6SourcesAdmitsOnlyItsPrefixes() {
        SiitSettings s = settings(false).toBuilder()
                .allow6Sources(new Ipv6PrefixSet(List.of(Ipv6Prefix.parse("2001:db8:1::/64")))).build();
        Nat64Pipeline nat = pipeline(s);
        byte[] dst = pool6(v4("203.0.113.9"));
        assertThat(Nat64PipelineTest.run(nat, TestPackets.udp6(HOST, dst, 5000, 53, new byte[4])).exit())
                .isEqualTo(Nat64Exit.TRANSLATED_64);
        byte[] wan = v6("2001:db8:bad::1");
        byte[] in = ipv6(0, UDP, 64, wan, dst, seal6(wan, dst, UDP, udp(5000, 53, new byte[4])));
        Out out = Nat64PipelineTest.run(nat, in);
        assertThat(out.exit()).isEqualTo(Nat64Exit.SOURCE6_NOT_ALLOWED);
        byte[] expected = ipv6(0, ICMPV6, 64, OWN6, wan, seal6(OWN6, wan, ICMPV6, icmp(1, 5, 0, in)));
        assertThat(out.only(Side.V6)).as("RFC 4443 §3.1 code 5").isEqualTo(expected);
        assertThat(nat.state().bibCount(Protocol.UDP)).as("only the allowed host's entry").isEqualTo(1);
        Out notForUs = Nat64PipelineTest.run(nat, TestPackets.udp6(wan, v6("2001:db8:2::1"), 1, 2, new byte[4]));
        assertThat(notForUs.exit()).as("what is not for the NAT64 is named so, whoever sent it")
                .isEqualTo(Nat64Exit.DESTINATION6_NOT_POOL6);
        Out echo = Nat64PipelineTest.run(nat, TestPackets.echo6(wan, dst, 1, 1, new byte[4]));
        assertThat(echo.exit()).isEqualTo(Nat64Exit.SOURCE6_NOT_ALLOWED);
        assertThat(echo.emitted()).as("no error about an ICMPv6 message (RFC 7915 §5.4)").isEmpty();
    }

    @Test
    void listsFollowReload() {
        Nat64Pipeline nat = pipeline(settings(false));
        byte[] dst = pool6(v4("203.0.113.9"));
        assertThat(Nat64PipelineTest.run(nat, TestPackets.udp6(HOST, dst, 5000, 53, new byte[4])).exit())
                .isEqualTo(Nat64Exit.TRANSLATED_64);
        nat.reload(settings(false).toBuilder()
                .deny4(new Ipv4PrefixSet(List.of(Ipv4Prefix.parse("203.0.113.0/24")))).build());
        assertThat(Nat64PipelineTest.run(nat, TestPackets.udp6(HOST, dst, 5000, 53, new byte[4])).exit())
                .isEqualTo(Nat64Exit.DENY4_64);
    }
}
