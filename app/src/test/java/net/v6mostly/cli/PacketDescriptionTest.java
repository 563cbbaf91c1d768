package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.pcap.PacketDescription;
import net.v6mostly.pcap.PcapReader;

/** One-line descriptions of the example's packets and of ICMP errors, fragments and non-IP bytes. */
class PacketDescriptionTest {
    private final PacketDescription describer = new PacketDescription();

    private String describe(byte[] packet) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(Math.max(1, packet.length));
            MemorySegment.copy(packet, 0, s, ValueLayout.JAVA_BYTE, 0, packet.length);
            return describer.describe(s, 0, packet.length);
        }
    }

    @Test
    void describesTheExamplePackets() throws IOException {
        List<String> lines = new ArrayList<>();
        try (PcapReader in = PcapReader.open(RepoFiles.example("siit-example.pcap"));
                Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(PcapReader.MAX_RECORD);
            while (in.next()) {
                lines.add(describer.describe(buf, 0, in.copyTo(buf, 0)));
            }
        }
        assertThat(lines).containsExactly(
                "IPv6 2001:db8:6::10 → 2001:db8:64::cb00:7135 UDP 40000 → 53 hlim 64 len 77",
                "IPv6 2001:db8:6::10 → 2001:db8:64::c633:6450 TCP 40001 → 443 [S] hlim 64 len 64",
                "IPv6 2001:db8:6::10 → 2001:db8:64::c633:6401 ICMPv6 echo-request id 7 seq 1 hlim 64 len 80",
                "IPv4 198.51.100.1 → 192.0.2.16 ICMP echo-reply id 7 seq 1 ttl 57 len 60",
                "IPv4 198.51.100.80 → 192.0.2.16 TCP 443 → 40001 [PA] ttl 57 DF len 1500",
                "IPv6 2001:db8:6::10 → 2001:db8:64::cb00:7135 UDP 40002 → 53 hlim 1 len 77",
                "IPv4 malformed (bad total length), len 28");
    }

    @Test
    void describesIcmpErrorsAndFragments() {
        HexFormat hex = HexFormat.of();
        // ICMPv4 Fragmentation Needed, MTU 1480, from 192.0.2.1 to 198.51.100.80
        byte[] fragNeeded = hex.parseHex("4500001c" + "00000000" + "40010000" + "c0000201" + "c6336450"
                + "03040000" + "000005c8");
        assertThat(describe(fragNeeded)).isEqualTo(
                "IPv4 192.0.2.1 → 198.51.100.80 ICMP fragmentation-needed mtu 1480 ttl 64 len 28");
        // IPv6 with a Fragment header (offset 8, MF) carrying UDP
        byte[] fragment = hex.parseHex("6000000000102c40" + "20010db8000600000000000000000010".repeat(2)
                + "1100000900000001" + "0000000000000000");
        assertThat(describe(fragment)).endsWith("UDP (non-first fragment) hlim 64 frag@8+ len 56");
        // ICMPv6 Packet Too Big, MTU 1280
        byte[] tooBig = hex.parseHex("6000000000083a40" + "20010db8000600000000000000000001"
                + "20010db8000600000000000000000010" + "0200000000000500");
        assertThat(describe(tooBig)).contains("ICMPv6 packet-too-big mtu 1280");
    }

    @Test
    void describesWhatIsNotIp() {
        assertThat(describe(new byte[0])).isEqualTo("empty packet");
        assertThat(describe(new byte[] {0x10, 1, 2})).isEqualTo("not IP (version 1), len 3");
        assertThat(describe(new byte[] {0x60, 0, 0})).isEqualTo("IPv6 malformed (truncated), len 3");
    }
}
