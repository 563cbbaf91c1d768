package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.Siit;
import net.v6mostly.xlat.SiitSettings;

/**
 * The README's command on the bundled example, checked with tshark. Runs as soon as
 * {@link Siit#translate} is implemented; until then it is skipped by an assumption.
 */
class TranslateExampleEndToEndTest {

    /** Whether Siit.translate is implemented: one call on a small IPv6 packet must not throw UOE. */
    static boolean translatorReady() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Siit.HEADROOM + 128L);
            Rfc6052Prefix wkp = Rfc6052Prefix.parse("64:ff9b::/96");
            Ipv6Header.write(buf, Siit.HEADROOM, 0, 0, IpProtocol.NO_NEXT_HEADER, 64, 0x20010db8_00060000L, 0x10,
                    wkp.embedHi(0xC6336401), wkp.embedLo(0xC6336401));
            new Siit(SiitSettings.builder().pool6(wkp).build()).translate(buf, Siit.HEADROOM, 40, 0, (s, m, o, l) -> {
            }, Offload.NONE);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    @Test
    void translatesTheExampleIntoValidPackets(@TempDir Path dir) throws Exception {
        assumeTrue(translatorReady(), "Siit.translate is not implemented yet");
        assumeTrue(Tshark.available(), "tshark is not installed (apt-get install tshark)");
        Path out = dir.resolve("translated.pcap");
        RepoFiles.Run run = RepoFiles.cli("translate", "-c", RepoFiles.example("siit.toml").toString(),
                "--in", RepoFiles.example("siit-example.pcap").toString(), "--out", out.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("#"))).hasSize(7);
        assertThat(lines.stream().filter(l -> l.startsWith("#7 ")).findFirst().orElseThrow())
                .as("the malformed packet is a counted drop with its explanation").contains(" (");
        assertThat(lines.getLast()).startsWith("totals: 7 in, ");

        assertThat(Tshark.fields(out, Tshark.BAD_CHECKSUM, "frame.number")).as("bad checksums").isEmpty();
        assertThat(Tshark.fields(out, "_ws.malformed", "frame.number")).as("malformed packets").isEmpty();
        expectOne(out, "ip.src == 192.0.2.16 && ip.dst == 203.0.113.53 && udp.dstport == 53"
                + " && dns.qry.name == \"example.com\"");
        expectOne(out, "ip.src == 192.0.2.16 && ip.dst == 198.51.100.80 && tcp.dstport == 443"
                + " && tcp.flags.syn == 1 && tcp.flags.ack == 0");
        expectOne(out, "ip.src == 192.0.2.16 && ip.dst == 198.51.100.1 && icmp.type == 8");
        expectOne(out, "ipv6.src == 2001:db8:64::c633:6401 && ipv6.dst == 2001:db8:6::10 && icmpv6.type == 129");
        expectOne(out, "icmp.type == 3 && icmp.code == 4");
        expectOne(out, "icmpv6.type == 3 && ipv6.dst == 2001:db8:6::10");
    }

    private static void expectOne(Path pcap, String filter) throws Exception {
        assertThat(Tshark.fields(pcap, filter, "frame.number")).as(filter).hasSize(1);
    }
}
