package net.v6mostly.dhcp4;

import static net.v6mostly.dhcp4.Clients.LAN;
import static net.v6mostly.dhcp4.Clients.LAN_UNICAST;
import static net.v6mostly.dhcp4.Clients.MAC_A;
import static net.v6mostly.dhcp4.Clients.MAC_B;
import static net.v6mostly.dhcp4.Clients.NOW;
import static net.v6mostly.dhcp4.Clients.SERVER;
import static net.v6mostly.dhcp4.Clients.ip;
import static net.v6mostly.dhcp4.Clients.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 2131 §4.3 message paths, one test per rule, named after it. */
class Dhcp4EngineTest {
    private final Dhcp4Engine engine = new Dhcp4Engine(Clients.config(1800));

    private Outcome handle(DhcpMessage m) {
        return handle(m, LAN, NOW);
    }

    private Outcome handle(DhcpMessage m, Arrival a, long now) {
        byte[] d = m.emit();
        return engine.handle(d, 0, d.length, a, now);
    }

    /** DISCOVER, then REQUEST in SELECTING: the lease of {@code mac}. */
    private int lease(byte[] mac) {
        Outcome offer = handle(msg(MessageType.DISCOVER, mac).build());
        int a = offer.reply().yiaddr();
        Outcome ack = handle(msg(MessageType.REQUEST, mac).serverId(SERVER).requested(a).build());
        assertThat(ack.stat()).isEqualTo(Dhcp4Stat.ACK_SELECTING);
        return a;
    }

    @Test
    void discoverGetsAnOfferOfTheFirstFreePoolAddressSection431() {
        Outcome o = handle(msg(MessageType.DISCOVER, MAC_A).prl(1, 3, 6, 15, 121).build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.OFFER_SENT);
        DhcpMessage r = o.reply();
        assertThat(r.op()).isEqualTo(DhcpMessage.BOOTREPLY);
        assertThat(r.xid()).isEqualTo(0x12345678);
        assertThat(r.yiaddr()).isEqualTo(ip("192.0.2.100"));
        assertThat(r.options().messageType()).isEqualTo(MessageType.OFFER);
        assertThat(r.options().address(DhcpOption.SERVER_ID)).isEqualTo(SERVER);
        assertThat(r.options().u32(DhcpOption.LEASE_TIME, -1)).isEqualTo(3600);
        assertThat(r.options().u32(DhcpOption.RENEWAL_TIME, -1)).isEqualTo(1800);     // §4.4.5: 0.5
        assertThat(r.options().u32(DhcpOption.REBINDING_TIME, -1)).isEqualTo(3150);   // §4.4.5: 0.875
        assertThat(r.options().address(DhcpOption.SUBNET_MASK)).isEqualTo(ip("255.255.255.0"));
        assertThat(r.options().addresses(DhcpOption.ROUTER)).containsExactly(SERVER);
        assertThat(r.options().string(DhcpOption.DOMAIN_NAME)).isEqualTo("example.net");
        assertThat(r.options().u16(DhcpOption.INTERFACE_MTU, 0)).isEqualTo(1500);
        assertThat(r.options().has(DhcpOption.CLASSLESS_STATIC_ROUTE)).isTrue();
        assertThat(r.options().has(DhcpOption.IPV6_ONLY_PREFERRED)).isFalse();
        assertThat(o.destination().kind()).isEqualTo(Destination.Kind.HARDWARE_UNICAST);
        assertThat(o.changes()).isEmpty();
    }

    @Test
    void classlessRoutesOnlyWhenRequestedRfc3442() {
        assertThat(handle(msg(MessageType.DISCOVER, MAC_A).prl(1, 3).build()).reply().options()
                .has(DhcpOption.CLASSLESS_STATIC_ROUTE)).isFalse();
    }

    @Test
    void broadcastFlagMakesTheReplyBroadcastSection41() {
        Outcome o = handle(msg(MessageType.DISCOVER, MAC_A).broadcastFlag().build());
        assertThat(o.destination().kind()).isEqualTo(Destination.Kind.BROADCAST);
        assertThat(o.reply().broadcast()).isTrue();
    }

    @Test
    void option108InPrlAndScopeEnabledGivesOfferWithYiaddrZeroRfc8925Section33() {
        Outcome o = handle(msg(MessageType.DISCOVER, MAC_A).asks108().build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.OFFER_V6ONLY);
        assertThat(o.reply().yiaddr()).isZero();
        assertThat(o.reply().options().u32(DhcpOption.IPV6_ONLY_PREFERRED, -1)).isEqualTo(1800);
        assertThat(o.reply().options().get(DhcpOption.IPV6_ONLY_PREFERRED)).hasSize(4);
        assertThat(o.reply().options().has(DhcpOption.LEASE_TIME)).isFalse();
        assertThat(o.reply().options().address(DhcpOption.SERVER_ID)).isEqualTo(SERVER);
        // nothing to unicast to: broadcast (standards.md 12.5 pitfall)
        assertThat(o.destination().kind()).isEqualTo(Destination.Kind.BROADCAST);
        assertThat(engine.activeLeases(NOW)).isZero();
    }

    @Test
    void option108NotSentWhenThePrlLacksItRfc8925Section33() {
        Outcome o = handle(msg(MessageType.DISCOVER, MAC_A).prl(1, 3, 6).build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.OFFER_SENT);
        assertThat(o.reply().options().has(DhcpOption.IPV6_ONLY_PREFERRED)).isFalse();
    }

    @Test
    void option108NotSentWhenTheScopeIsNotConfiguredRfc8925Section33() {
        Dhcp4Engine off = new Dhcp4Engine(Clients.config(Subnet.V6ONLY_OFF));
        byte[] d = msg(MessageType.DISCOVER, MAC_A).asks108().build().emit();
        Outcome o = off.handle(d, 0, d.length, LAN, NOW);
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.OFFER_SENT);
        assertThat(o.reply().options().has(DhcpOption.IPV6_ONLY_PREFERRED)).isFalse();
    }

    @Test
    void aPoolCanEnableOption108WithItsOwnWaitRfc8925Section33() {
        Subnet lan = Clients.lan(Subnet.V6ONLY_OFF, List.of(new Pool(ip("192.0.2.100"), ip("192.0.2.110"), 300)));
        Dhcp4Engine e = new Dhcp4Engine(new Dhcp4Config(List.of(lan), 60, 60));
        byte[] d = msg(MessageType.DISCOVER, MAC_A).asks108().build().emit();
        assertThat(e.handle(d, 0, d.length, LAN, NOW).reply().options().u32(DhcpOption.IPV6_ONLY_PREFERRED, -1))
                .isEqualTo(300);
    }

    @Test
    void aReservationOptsAnIpv4RequiringDeviceOut() {
        Outcome o = handle(msg(MessageType.DISCOVER, Clients.MAC_IPV4_ONLY_DEVICE).asks108().build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.OFFER_SENT);
        assertThat(o.reply().options().has(DhcpOption.IPV6_ONLY_PREFERRED)).isFalse();
    }

    @Test
    void aReservedMacGetsItsAddress() {
        assertThat(handle(msg(MessageType.DISCOVER, Clients.MAC_RESERVED).build()).reply().yiaddr())
                .isEqualTo(ip("192.0.2.5"));
        assertThat(lease(Clients.MAC_RESERVED)).isEqualTo(ip("192.0.2.5"));
    }

    @Test
    void aReservationByClientIdentifierMatchesOption61() {
        byte[] id = {1, 2, 0, 0, 0, 0, 0x77};
        Subnet lan = new Subnet("lan", net.v6mostly.addr.Ipv4Prefix.parse("192.0.2.0/24"), "lan0", SERVER,
                List.of(new Pool(ip("192.0.2.100"), ip("192.0.2.150"))), List.of(new Reservation(null, id, ip("192.0.2.9"), true)),
                600, new int[0], new int[0], null, 0, List.of(), Subnet.V6ONLY_OFF);
        Dhcp4Engine e = new Dhcp4Engine(new Dhcp4Config(List.of(lan), 60, 60));
        byte[] d = msg(MessageType.DISCOVER, MAC_A).option(DhcpOption.CLIENT_ID, id).build().emit();
        Outcome o = e.handle(d, 0, d.length, LAN, NOW);
        assertThat(o.reply().yiaddr()).isEqualTo(ip("192.0.2.9"));
        assertThat(o.reply().options().get(DhcpOption.CLIENT_ID)).isEqualTo(id);   // RFC 6842 echo
    }

    @Test
    void requestInSelectingStateIsAcknowledgedAndJournalledSection432() {
        int a = handle(msg(MessageType.DISCOVER, MAC_A).build()).reply().yiaddr();
        Outcome o = handle(msg(MessageType.REQUEST, MAC_A).serverId(SERVER).requested(a).build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.ACK_SELECTING);
        assertThat(o.reply().yiaddr()).isEqualTo(a);
        assertThat(o.reply().options().messageType()).isEqualTo(MessageType.ACK);
        assertThat(o.changes()).containsExactly(new LeaseChange(LeaseChange.Kind.BOUND,
                Dhcp4Engine.clientKey(msg(MessageType.REQUEST, MAC_A).build()), a, NOW + 3600));
    }

    @Test
    void requestNamingAnotherServerIsSilentAndFreesTheOfferSection432() {
        int a = handle(msg(MessageType.DISCOVER, MAC_A).build()).reply().yiaddr();
        Outcome o = handle(msg(MessageType.REQUEST, MAC_A).serverId(ip("192.0.2.2")).requested(a).build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.REQUEST_FOR_OTHER_SERVER);
        assertThat(o.replies()).isFalse();
        // freed: B may have it when it asks for it (a held offer would refuse B, see the next test)
        assertThat(handle(msg(MessageType.DISCOVER, MAC_B).requested(a).build()).reply().yiaddr()).isEqualTo(a);
    }

    @Test
    void anOfferedAddressIsHeldForItsClientUntilTheHoldEnds() {
        int a = handle(msg(MessageType.DISCOVER, MAC_A).build()).reply().yiaddr();
        assertThat(handle(msg(MessageType.DISCOVER, MAC_B).build()).reply().yiaddr()).isNotEqualTo(a);
        assertThat(handle(msg(MessageType.DISCOVER, Clients.MAC_RESERVED).build(), LAN, NOW).reply().yiaddr())
                .isEqualTo(ip("192.0.2.5"));
        Outcome late = handle(msg(MessageType.DISCOVER, new byte[] {2, 0, 0, 0, 0, 0x33}).requested(a).build(), LAN, NOW + 61);
        assertThat(late.reply().yiaddr()).isEqualTo(a);
    }

    @Test
    void requestForAnAddressLeasedToAnotherIsNakedSection432() {
        int a = lease(MAC_A);
        Outcome o = handle(msg(MessageType.REQUEST, MAC_B).serverId(SERVER).requested(a).build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.NAK_NOT_AVAILABLE);
        assertThat(o.reply().options().messageType()).isEqualTo(MessageType.NAK);
        assertThat(o.reply().yiaddr()).isZero();
        assertThat(o.reply().options().has(DhcpOption.LEASE_TIME)).isFalse();
        assertThat(o.destination().kind()).isEqualTo(Destination.Kind.BROADCAST);   // §4.1: NAK broadcast
    }

    @Test
    void initRebootOfAKnownLeaseIsAcknowledgedSection432() {
        int a = lease(MAC_A);
        Outcome o = handle(msg(MessageType.REQUEST, MAC_A).requested(a).build(), LAN, NOW + 100);
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.ACK_INIT_REBOOT);
        assertThat(o.changes().get(0).until()).isEqualTo(NOW + 100 + 3600);
    }

    @Test
    void initRebootOfAnUnknownClientIsSilentSection432() {
        Outcome o = handle(msg(MessageType.REQUEST, MAC_A).requested(ip("192.0.2.120")).build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.INIT_REBOOT_UNKNOWN_CLIENT);
        assertThat(o.replies()).isFalse();
    }

    @Test
    void initRebootOnTheWrongNetworkIsNakedSection432() {
        Outcome o = handle(msg(MessageType.REQUEST, MAC_A).requested(ip("198.51.100.7")).build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.NAK_WRONG_NETWORK);
    }

    @Test
    void initRebootOfAnotherClientsAddressIsNakedSection432() {
        lease(MAC_A);
        int b = lease(MAC_B);
        Outcome o = handle(msg(MessageType.REQUEST, MAC_A).requested(b).build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.NAK_NOT_AVAILABLE);
    }

    @Test
    void initRebootOfAnIpv6OnlyCapableClientGetsAckWithOption108Rfc8925() {
        Outcome o = handle(msg(MessageType.REQUEST, MAC_A).asks108().requested(ip("192.0.2.120")).build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.ACK_V6ONLY);
        assertThat(o.reply().yiaddr()).isZero();
        assertThat(o.reply().options().u32(DhcpOption.IPV6_ONLY_PREFERRED, -1)).isEqualTo(1800);
        assertThat(o.changes()).isEmpty();
    }

    @Test
    void renewingIsUnicastToCiaddrAndExtendsTheLeaseSection432() {
        int a = lease(MAC_A);
        Outcome o = handle(msg(MessageType.REQUEST, MAC_A).ciaddr(a).build(), LAN_UNICAST, NOW + 1800);
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.ACK_RENEWING);
        assertThat(o.reply().ciaddr()).isEqualTo(a);
        assertThat(o.reply().yiaddr()).isEqualTo(a);
        assertThat(o.destination()).isEqualTo(new Destination(Destination.Kind.UNICAST, a, 68));
        assertThat(o.changes().get(0).until()).isEqualTo(NOW + 1800 + 3600);
    }

    @Test
    void rebindingArrivesBroadcastSection432() {
        int a = lease(MAC_A);
        assertThat(handle(msg(MessageType.REQUEST, MAC_A).ciaddr(a).build(), LAN, NOW + 3200).stat())
                .isEqualTo(Dhcp4Stat.ACK_REBINDING);
    }

    @Test
    void renewingAnotherClientsAddressIsNaked() {
        int a = lease(MAC_A);
        assertThat(handle(msg(MessageType.REQUEST, MAC_B).ciaddr(a).build(), LAN_UNICAST, NOW).stat())
                .isEqualTo(Dhcp4Stat.NAK_NOT_AVAILABLE);
    }

    @Test
    void requestFittingNoStateIsDropped() {
        assertThat(handle(msg(MessageType.REQUEST, MAC_A).build()).stat()).isEqualTo(Dhcp4Stat.REQUEST_BAD_STATE);
        assertThat(handle(msg(MessageType.REQUEST, MAC_A).serverId(SERVER).build()).stat())
                .isEqualTo(Dhcp4Stat.REQUEST_BAD_STATE);
    }

    @Test
    void declineQuarantinesTheAddressSection433() {
        int a = lease(MAC_A);
        Outcome o = handle(msg(MessageType.DECLINE, MAC_A).serverId(SERVER).requested(a).build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.DECLINE_QUARANTINED);
        assertThat(o.replies()).isFalse();
        assertThat(o.changes()).containsExactly(new LeaseChange(LeaseChange.Kind.DECLINED, "hw:1:02000000000a", a, NOW + 86400));
        assertThat(handle(msg(MessageType.DISCOVER, MAC_A).build()).reply().yiaddr()).isNotEqualTo(a);
        assertThat(handle(msg(MessageType.DISCOVER, MAC_B).requested(a).build()).reply().yiaddr()).isNotEqualTo(a);
        assertThat(handle(msg(MessageType.DISCOVER, MAC_B).requested(a).build(), LAN, NOW + 86401).reply().yiaddr())
                .isEqualTo(a);
    }

    @Test
    void declineOfAnAddressNotHeldIsIgnored() {
        assertThat(handle(msg(MessageType.DECLINE, MAC_A).serverId(SERVER).requested(ip("192.0.2.100")).build()).stat())
                .isEqualTo(Dhcp4Stat.DECLINE_IGNORED);
    }

    @Test
    void releaseFreesTheAddressSection434() {
        int a = lease(MAC_A);
        Outcome o = handle(msg(MessageType.RELEASE, MAC_A).ciaddr(a).serverId(SERVER).build(), LAN_UNICAST, NOW);
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.RELEASED);
        assertThat(o.changes().get(0).kind()).isEqualTo(LeaseChange.Kind.RELEASED);
        assertThat(engine.activeLeases(NOW)).isZero();
        assertThat(handle(msg(MessageType.RELEASE, MAC_A).ciaddr(a).build()).stat()).isEqualTo(Dhcp4Stat.RELEASE_IGNORED);
    }

    @Test
    void informGetsConfigurationButNoLeaseSection435() {
        int ci = ip("192.0.2.77");
        Outcome o = handle(msg(MessageType.INFORM, MAC_A).ciaddr(ci).build(), LAN_UNICAST, NOW);
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.ACK_INFORM);
        assertThat(o.reply().yiaddr()).isZero();
        assertThat(o.reply().options().has(DhcpOption.LEASE_TIME)).isFalse();
        assertThat(o.reply().options().has(DhcpOption.RENEWAL_TIME)).isFalse();
        assertThat(o.reply().options().addresses(DhcpOption.DNS)).containsExactly(SERVER);
        assertThat(o.destination()).isEqualTo(new Destination(Destination.Kind.UNICAST, ci, 68));
        assertThat(o.changes()).isEmpty();
        assertThat(handle(msg(MessageType.INFORM, MAC_A).build()).stat()).isEqualTo(Dhcp4Stat.INFORM_WITHOUT_CIADDR);
    }

    @Test
    void relayedRequestsUseTheGiaddrSubnetAndGoBackToTheRelaySection41() {
        byte[] agent = {1, 4, 'p', 'o', 'r', 't'};
        Outcome o = handle(msg(MessageType.DISCOVER, MAC_A).giaddr(Clients.RELAY).option(DhcpOption.RELAY_AGENT_INFO, agent)
                .build(), new Arrival("lan0", false), NOW);
        assertThat(o.reply().yiaddr()).isEqualTo(ip("198.51.100.10"));
        assertThat(o.reply().giaddr()).isEqualTo(Clients.RELAY);
        assertThat(o.destination()).isEqualTo(new Destination(Destination.Kind.RELAY, Clients.RELAY, 67));
        assertThat(o.reply().options().get(DhcpOption.RELAY_AGENT_INFO)).isEqualTo(agent);
        List<Integer> codes = List.copyOf(o.reply().options().codes());
        assertThat(codes.get(codes.size() - 1)).isEqualTo(DhcpOption.RELAY_AGENT_INFO);   // RFC 3046 §2.2: last
        Outcome nak = handle(msg(MessageType.REQUEST, MAC_A).giaddr(Clients.RELAY).requested(ip("192.0.2.9")).build());
        assertThat(nak.stat()).isEqualTo(Dhcp4Stat.NAK_WRONG_NETWORK);
        assertThat(nak.reply().broadcast()).isTrue();   // §4.3.2: NAK via relay sets the broadcast bit
        assertThat(nak.destination().kind()).isEqualTo(Destination.Kind.RELAY);
    }

    @Test
    void unknownInterfaceOrRelayHasNoSubnet() {
        assertThat(handle(msg(MessageType.DISCOVER, MAC_A).build(), new Arrival("wlan9", true), NOW).stat())
                .isEqualTo(Dhcp4Stat.NO_SUBNET);
        assertThat(handle(msg(MessageType.DISCOVER, MAC_A).giaddr(ip("203.0.113.1")).build()).stat())
                .isEqualTo(Dhcp4Stat.NO_SUBNET);
    }

    @Test
    void aFullPoolIsExhaustedAndExpiredLeasesAreReused() {
        Subnet tiny = Clients.lan(Subnet.V6ONLY_OFF, List.of(new Pool(ip("192.0.2.100"), ip("192.0.2.100"))));
        Dhcp4Engine e = new Dhcp4Engine(new Dhcp4Config(List.of(tiny), 60, 60));
        byte[] d = msg(MessageType.DISCOVER, MAC_A).build().emit();
        e.handle(d, 0, d.length, LAN, NOW);
        byte[] r = msg(MessageType.REQUEST, MAC_A).serverId(SERVER).requested(ip("192.0.2.100")).build().emit();
        assertThat(e.handle(r, 0, r.length, LAN, NOW).stat()).isEqualTo(Dhcp4Stat.ACK_SELECTING);
        byte[] b = msg(MessageType.DISCOVER, MAC_B).build().emit();
        assertThat(e.handle(b, 0, b.length, LAN, NOW + 10).stat()).isEqualTo(Dhcp4Stat.POOL_EXHAUSTED);
        assertThat(e.handle(b, 0, b.length, LAN, NOW + 3601).reply().yiaddr()).isEqualTo(ip("192.0.2.100"));
    }

    @Test
    void newClientsTakeNeverUsedAddressesBeforeAReleasedOneNextFit() {
        int a = lease(MAC_A);
        assertThat(a).isEqualTo(ip("192.0.2.100"));
        assertThat(handle(msg(MessageType.RELEASE, MAC_A).serverId(SERVER).ciaddr(a).build()).stat())
                .isEqualTo(Dhcp4Stat.RELEASED);
        assertThat(handle(msg(MessageType.RELEASE, MAC_A).serverId(SERVER).ciaddr(a).build()).stat())
                .isEqualTo(Dhcp4Stat.RELEASE_IGNORED);   // the binding already ended
        // the search goes on after the last address handed out: .100 stays free for A's return
        assertThat(lease(MAC_B)).isEqualTo(ip("192.0.2.101"));
        assertThat(lease(MAC_A)).isEqualTo(ip("192.0.2.100"));   // §4.3.1: the client's previous address
    }

    @Test
    void theSearchWrapsToTheStartOfThePoolAndReusesExpiredLeases() {
        Subnet three = Clients.lan(Subnet.V6ONLY_OFF, List.of(new Pool(ip("192.0.2.100"), ip("192.0.2.102"))));
        Dhcp4Engine e = new Dhcp4Engine(new Dhcp4Config(List.of(three), 60, 60));
        for (int i = 0; i < 3; i++) {
            byte[] mac = {2, 0, 0, 0, 1, (byte) i};
            byte[] d = msg(MessageType.DISCOVER, mac).build().emit();
            int offered = e.handle(d, 0, d.length, LAN, NOW).reply().yiaddr();
            assertThat(offered).isEqualTo(ip("192.0.2.10" + i));
            byte[] r = msg(MessageType.REQUEST, mac).serverId(SERVER).requested(offered).build().emit();
            assertThat(e.handle(r, 0, r.length, LAN, NOW).stat()).isEqualTo(Dhcp4Stat.ACK_SELECTING);
        }
        byte[] late = msg(MessageType.DISCOVER, MAC_B).build().emit();
        assertThat(e.handle(late, 0, late.length, LAN, NOW + 10).stat()).isEqualTo(Dhcp4Stat.POOL_EXHAUSTED);
        // after the leases expire, the cursor (past .102) wraps to .100
        assertThat(e.handle(late, 0, late.length, LAN, NOW + 3601).reply().yiaddr()).isEqualTo(ip("192.0.2.100"));
    }

    @Test
    void messagesAServerNeverAnswersAreCounted() {
        DhcpMessage reply = msg(MessageType.DISCOVER, MAC_A).build();
        DhcpMessage asReply = new DhcpMessage(2, 1, 6, 0, 1, 0, 0, 0, 0, 0, 0, MAC_A, new byte[64], new byte[128],
                reply.options());
        assertThat(handle(asReply).stat()).isEqualTo(Dhcp4Stat.NOT_A_REQUEST);
        assertThat(handle(request(DhcpOptions.EMPTY)).stat()).isEqualTo(Dhcp4Stat.NO_MESSAGE_TYPE);
        assertThat(handle(msg(MessageType.OFFER, MAC_A).build()).stat()).isEqualTo(Dhcp4Stat.UNEXPECTED_MESSAGE_TYPE);
        assertThat(handle(request(DhcpOptions.builder().u8(53, 99).build())).stat())
                .isEqualTo(Dhcp4Stat.UNEXPECTED_MESSAGE_TYPE);
        byte[] junk = new byte[10];
        assertThat(engine.handle(junk, 0, junk.length, LAN, NOW).stat()).isEqualTo(Dhcp4Stat.MALFORMED_TRUNCATED);
        assertThat(engine.counters().get(Dhcp4Stat.MALFORMED_TRUNCATED)).isEqualTo(1);
        assertThat(engine.counters().drops()).isEqualTo(5);
    }

    private static DhcpMessage request(DhcpOptions o) {
        return new DhcpMessage(1, 1, 6, 0, 1, 0, 0, 0, 0, 0, 0, MAC_A, new byte[64], new byte[128], o);
    }

    @Test
    void adoptionFiguresCountDistinctClientsPerSubnet() {
        handle(msg(MessageType.DISCOVER, MAC_A).asks108().build());
        handle(msg(MessageType.DISCOVER, MAC_A).asks108().build());
        lease(MAC_B);
        Outcome dual = handle(msg(MessageType.DISCOVER, Clients.MAC_IPV4_ONLY_DEVICE).asks108().build());
        handle(msg(MessageType.REQUEST, Clients.MAC_IPV4_ONLY_DEVICE).asks108().serverId(SERVER)
                .requested(dual.reply().yiaddr()).build());
        assertThat(engine.adoption()).containsExactly(new Adoption("lan", 1, 2, 1), new Adoption("relayed", 0, 0, 0));
        assertThat(engine.adoption().get(0).ipv6OnlyShare()).isEqualTo(1.0 / 3);
    }

    @Test
    void restoredStateKeepsLeasesAcrossRestart() {
        int a = lease(MAC_A);
        Dhcp4Engine fresh = new Dhcp4Engine(Clients.config(1800));
        engine.state(NOW).forEach(fresh::restore);
        byte[] d = msg(MessageType.REQUEST, MAC_A).requested(a).build().emit();
        assertThat(fresh.handle(d, 0, d.length, LAN, NOW).stat()).isEqualTo(Dhcp4Stat.ACK_INIT_REBOOT);
        byte[] b = msg(MessageType.DISCOVER, MAC_B).requested(a).build().emit();
        assertThat(fresh.handle(b, 0, b.length, LAN, NOW).reply().yiaddr()).isNotEqualTo(a);
    }

    @Test
    void everyStatExplainsItself() {
        for (Dhcp4Stat s : Dhcp4Stat.values()) {
            assertThat(s.explanation()).isNotBlank();
        }
    }

    @Test
    void suspendedOption108GivesTheAskingClientALeaseAndResumingRestoresIt() {
        engine.suspendV6Only(true);
        Outcome o = handle(msg(MessageType.DISCOVER, MAC_A).asks108().build());
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.OFFER_SENT);
        assertThat(o.reply().yiaddr()).isEqualTo(ip("192.0.2.100"));
        assertThat(o.reply().options().has(DhcpOption.IPV6_ONLY_PREFERRED)).isFalse();
        Outcome ack = handle(msg(MessageType.REQUEST, MAC_A).asks108().serverId(SERVER).requested(ip("192.0.2.100"))
                .build());
        assertThat(ack.stat()).isEqualTo(Dhcp4Stat.ACK_SELECTING);
        assertThat(ack.reply().options().has(DhcpOption.IPV6_ONLY_PREFERRED)).isFalse();
        assertThat(engine.adoption().get(0).dualStack()).isEqualTo(1);

        engine.suspendV6Only(false);
        Outcome again = handle(msg(MessageType.DISCOVER, MAC_B).asks108().build());
        assertThat(again.stat()).isEqualTo(Dhcp4Stat.OFFER_V6ONLY);
        assertThat(again.reply().options().u32(DhcpOption.IPV6_ONLY_PREFERRED, -1)).isEqualTo(1800);
    }
}
