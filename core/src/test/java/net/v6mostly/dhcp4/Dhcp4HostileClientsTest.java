package net.v6mostly.dhcp4;

import static net.v6mostly.dhcp4.Clients.LAN;
import static net.v6mostly.dhcp4.Clients.MAC_A;
import static net.v6mostly.dhcp4.Clients.NOW;
import static net.v6mostly.dhcp4.Clients.SERVER;
import static net.v6mostly.dhcp4.Clients.ip;
import static net.v6mostly.dhcp4.Clients.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: what a client nobody controls can send. Values longer than the engine keeps are
 * counted drops decided before any state changes; DHCPDECLINE cannot quarantine a pool.
 */
class Dhcp4HostileClientsTest {
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    /**
     * The finding of issue 15, byte for byte: a DHCPREQUEST in SELECTING state (server identifier
     * 192.0.2.1, requested address 192.0.2.100) whose client identifier comes as three option-61
     * instances of 255 bytes, which RFC 3396 §7 joins into one 765-byte value.
     */
    static byte[] oversizedClientIdRequest() {
        StringBuilder hex = new StringBuilder()
                .append("01010600").append("0bad1d00").append("0000").append("0000")      // op htype hlen hops, xid, secs, flags
                .append("00000000".repeat(4))                                              // ciaddr yiaddr siaddr giaddr
                .append("020000000066").append("00".repeat(10))                            // chaddr
                .append("00".repeat(64 + 128))                                             // sname, file
                .append("63825363")                                                        // magic cookie
                .append("350103")                                                          // 53: DHCPREQUEST
                .append("3604c0000201")                                                    // 54: 192.0.2.1
                .append("3204c0000264");                                                   // 50: 192.0.2.100
        for (int i = 0; i < 3; i++) {
            hex.append("3dff").append("41".repeat(255));                                   // 61, 255 bytes
        }
        return HEX.parseHex(hex.append("ff").toString());
    }

    @Test
    void aClientIdentifierJoinedPast255BytesIsACountedDropBeforeAnyStateChangesRfc3396() {
        byte[] d = oversizedClientIdRequest();
        assertThat(d).hasSize(240 + 3 + 6 + 6 + 3 * 257 + 1);
        DhcpMessage.Decoded parsed = DhcpMessage.parse(d, 0, d.length);
        assertThat(parsed.ok()).isTrue();                                      // well formed (RFC 3396)
        assertThat(parsed.message().options().get(DhcpOption.CLIENT_ID)).hasSize(765);

        Dhcp4Engine engine = new Dhcp4Engine(Clients.config(Subnet.V6ONLY_OFF));
        Outcome o = engine.handle(d, 0, d.length, LAN, NOW);
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.CLIENT_ID_TOO_LONG);
        assertThat(o.replies()).isFalse();
        assertThat(o.changes()).isEmpty();
        assertThat(engine.counters().get(Dhcp4Stat.CLIENT_ID_TOO_LONG)).isEqualTo(1);
        assertThat(engine.tableSizes().largest()).isZero();
        assertThat(engine.adoption().get(0)).isEqualTo(new Adoption("lan", 0, 0, 0));
    }

    @Test
    void aClientIdentifierOf255BytesIsServedAndItsKeyFitsTheLeaseStore() throws IOException {
        byte[] d = oversizedClientIdRequest();
        // keep the first instance only: 3 options of 257 bytes become one, End moves up
        byte[] one = new byte[255 + 257 + 1];
        System.arraycopy(d, 0, one, 0, 255 + 257);
        one[one.length - 1] = (byte) 0xff;
        Dhcp4Engine engine = new Dhcp4Engine(Clients.config(Subnet.V6ONLY_OFF));
        Outcome o = engine.handle(one, 0, one.length, LAN, NOW);
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.ACK_SELECTING);
        assertThat(o.reply().yiaddr()).isEqualTo(ip("192.0.2.100"));
        assertThat(o.reply().options().get(DhcpOption.CLIENT_ID)).hasSize(255);   // RFC 6842 echo
        LeaseChange bound = o.changes().get(0);
        assertThat(bound.client()).hasSize(3 + 2 * Dhcp4Engine.MAX_CLIENT_ID);
        assertThat(3 + 2 * Dhcp4Engine.MAX_CLIENT_ID).isLessThanOrEqualTo(LeaseChange.MAX_CLIENT_BYTES);
        List<LeaseChange> replayed = new ArrayList<>();
        try (LeaseJournal j = LeaseJournal.open(dir, c -> { }, w -> { })) {
            j.append(o.changes());
        }
        try (LeaseJournal j = LeaseJournal.open(dir, replayed::add, w -> { })) {
            assertThat(replayed).containsExactly(bound);
        }
    }

    @Test
    void aChangeTheJournalCouldNotStoreCannotBeMade() {
        assertThatThrownBy(() -> new LeaseChange(LeaseChange.Kind.BOUND, "x".repeat(1025), 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new LeaseChange(LeaseChange.Kind.BOUND, "x".repeat(1024), 1, 2).client()).hasSize(1024);
    }

    @Test
    void aJournalRecordWithAKeyTheEngineNeverMakesEndsTheReplayWithAWarning() {
        // magic, kind BOUND, 192.0.2.100, until 1700003600, key length 2, key "\u00e9!" in Latin-1, CRC-32C
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + 2 + 4).put((byte) 0xD4).put((byte) 0)
                .putInt(ip("192.0.2.100")).putLong(1_700_003_600L).putShort((short) 2).put((byte) 0xE9).put((byte) '!');
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 0, 18);
        byte[] record = b.putInt((int) crc.getValue()).array();
        List<LeaseChange> replayed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        assertThat(LeaseJournal.replay(record, "leases.journal", replayed::add, warnings::add)).isZero();
        assertThat(replayed).isEmpty();
        assertThat(warnings).singleElement().asString().contains("not printable ASCII").contains("at byte 0");
    }

    @Test
    void relayAgentInformationPast255BytesIsACountedDropRfc3046Section2() {
        Dhcp4Engine engine = new Dhcp4Engine(Clients.config(Subnet.V6ONLY_OFF));
        byte[] d = msg(MessageType.DISCOVER, MAC_A).giaddr(Clients.RELAY).option(DhcpOption.RELAY_AGENT_INFO, new byte[256])
                .build().emit();
        assertThat(engine.handle(d, 0, d.length, LAN, NOW).stat()).isEqualTo(Dhcp4Stat.RELAY_INFO_TOO_LONG);
        byte[] ok = msg(MessageType.DISCOVER, MAC_A).giaddr(Clients.RELAY).option(DhcpOption.RELAY_AGENT_INFO, new byte[255])
                .build().emit();
        Outcome o = engine.handle(ok, 0, ok.length, LAN, NOW);
        assertThat(o.stat()).isEqualTo(Dhcp4Stat.OFFER_SENT);
        assertThat(o.reply().options().get(DhcpOption.RELAY_AGENT_INFO)).hasSize(255);
        assertThat(engine.tableSizes().offers()).isEqualTo(1);
    }

    // ---- DHCPDECLINE limits (RFC 2131 §4.3.3 leaves the quarantine to the server)

    private static Outcome handle(Dhcp4Engine e, DhcpMessage m, long now) {
        byte[] d = m.emit();
        return e.handle(d, 0, d.length, LAN, now);
    }

    private static int lease(Dhcp4Engine e, byte[] mac, long now) {
        int a = handle(e, msg(MessageType.DISCOVER, mac).build(), now).reply().yiaddr();
        assertThat(handle(e, msg(MessageType.REQUEST, mac).serverId(SERVER).requested(a).build(), now).stat())
                .isEqualTo(Dhcp4Stat.ACK_SELECTING);
        return a;
    }

    private static Dhcp4Stat decline(Dhcp4Engine e, byte[] mac, int a, long now) {
        return handle(e, msg(MessageType.DECLINE, mac).serverId(SERVER).requested(a).build(), now).stat();
    }

    private static byte[] mac(int i) {
        return new byte[] {2, 0, 0, 1, (byte) (i >>> 8), (byte) i};
    }

    @Test
    void oneClientCannotQuarantineMoreThanItsLimit() {
        Dhcp4Engine e = new Dhcp4Engine(Clients.config(Subnet.V6ONLY_OFF));     // 2 per client (default)
        assertThat(decline(e, MAC_A, lease(e, MAC_A, NOW), NOW)).isEqualTo(Dhcp4Stat.DECLINE_QUARANTINED);
        assertThat(decline(e, MAC_A, lease(e, MAC_A, NOW), NOW)).isEqualTo(Dhcp4Stat.DECLINE_QUARANTINED);
        int third = lease(e, MAC_A, NOW);
        Outcome refused = handle(e, msg(MessageType.DECLINE, MAC_A).serverId(SERVER).requested(third).build(), NOW);
        assertThat(refused.stat()).isEqualTo(Dhcp4Stat.DECLINE_CLIENT_LIMIT);
        assertThat(refused.changes()).isEmpty();
        assertThat(e.state(NOW)).filteredOn(c -> c.kind() == LeaseChange.Kind.DECLINED).hasSize(2);
        // nothing changed: the client still holds the address it tried to decline
        assertThat(handle(e, msg(MessageType.REQUEST, MAC_A).ciaddr(third).build(), NOW).stat())
                .isEqualTo(Dhcp4Stat.ACK_REBINDING);
        // once its quarantines end, the client may decline again
        long later = NOW + 86400;
        assertThat(decline(e, MAC_A, third, later)).isEqualTo(Dhcp4Stat.DECLINE_QUARANTINED);
        assertThat(e.counters().get(Dhcp4Stat.DECLINE_CLIENT_LIMIT)).isEqualTo(1);
    }

    @Test
    void declinesFromManyMacsStopAtTheSubnetShareOfThePool() {
        // 51 pool addresses, 10 % (default): at most 5 in quarantine at once
        Dhcp4Engine e = new Dhcp4Engine(Clients.config(Subnet.V6ONLY_OFF));
        List<Dhcp4Stat> exits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            exits.add(decline(e, mac(i), lease(e, mac(i), NOW), NOW));
        }
        assertThat(exits.subList(0, 5)).containsOnly(Dhcp4Stat.DECLINE_QUARANTINED);
        assertThat(exits.subList(5, 20)).containsOnly(Dhcp4Stat.DECLINE_POOL_LIMIT);
        assertThat(e.state(NOW)).filteredOn(c -> c.kind() == LeaseChange.Kind.DECLINED).hasSize(5);
        assertThat(e.activeLeases(NOW)).isEqualTo(15);     // the refused ones keep their leases
        // the pool still serves: 51 - 5 quarantined - 15 bound = 31 free
        int served = 0;
        for (int i = 100; i < 200; i++) {
            served += handle(e, msg(MessageType.DISCOVER, mac(i)).build(), NOW).replies() ? 1 : 0;
        }
        assertThat(served).isEqualTo(31);
    }

    @Test
    void theDecliningClientIsJournalledSoItsLimitSurvivesARestart() {
        Dhcp4Engine e = new Dhcp4Engine(Clients.config(Subnet.V6ONLY_OFF));
        decline(e, MAC_A, lease(e, MAC_A, NOW), NOW);
        decline(e, MAC_A, lease(e, MAC_A, NOW), NOW);
        Dhcp4Engine restarted = new Dhcp4Engine(Clients.config(Subnet.V6ONLY_OFF));
        e.state(NOW).forEach(restarted::restore);
        assertThat(decline(restarted, MAC_A, lease(restarted, MAC_A, NOW), NOW)).isEqualTo(Dhcp4Stat.DECLINE_CLIENT_LIMIT);
    }

    @Test
    void declineLimitsAreValidated() {
        assertThatThrownBy(() -> new Dhcp4Config(List.of(), 60, 60, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Dhcp4Config(List.of(), 60, 60, 1, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
