package net.v6mostly.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.v6mostly.pcap.PcapReader;

/**
 * The hostile host's frames, byte by byte: {@code hostile.py --pcap} writes what it would send, and
 * each frame is checked against the RFC it attacks (valid checksums everywhere, so the kernel hands
 * every frame to the v6mostly parser it is aimed at), and the fuzzed RAs against what a host's kernel
 * would take from them (nothing: the lab attacks v6mostly, not the devices' kernels).
 */
class HostileScriptTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] PREF64 = HEX.parseHex("20010db8006400000000000000000000");

    @TempDir
    Path dir;

    private List<byte[]> frames(String phase, String... extra) throws Exception {
        assumeTrue(Shell.has("python3"), "python3 is missing: the hostile host's script cannot run");
        Path script = dir.resolve("hostile.py");
        try (InputStream in = HostileLan.class.getResourceAsStream("hostile.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path pcap = dir.resolve(phase + ".pcap");
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), "--phase", phase, "--iface", "none",
                "--gw-mac", "02:00:00:00:00:01", "--gw4", "192.0.2.1", "--gw6", "2001:db8:1::1", "--me4", "192.0.2.66",
                "--me6", "2001:db8:1::66", "--pref64", "2001:db8:64::", "--target4", "198.51.100.10", "--server-id",
                "192.0.2.1", "--requested", "192.0.2.199", "--seed", "15", "--pcap", pcap.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(phase + ".out").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve(phase + ".out"));
        assertThat(p.exitValue()).as(out).isZero();
        List<byte[]> frames = new ArrayList<>();
        try (PcapReader r = PcapReader.open(pcap)) {
            while (r.next()) {
                frames.add(Arrays.copyOf(r.data(), r.ipOffset() + r.ipLength()));
            }
        }
        long sent = HostileLan.sent(out).entrySet().stream().filter(e -> !e.getKey().startsWith("dns-tcp"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(frames).as("every frame the script counted is in the capture").hasSize((int) sent);
        return frames;
    }

    @Test
    void theClientIdentifierIsThreeOption61InstancesOf255OctetsRfc3396() throws Exception {
        List<byte[]> frames = frames("client-id");
        assertThat(frames).hasSize(1);
        byte[] f = frames.getFirst();
        assertThat(u16(f, 12)).isEqualTo(0x0800);
        assertThat(ipv4ChecksumsVerify(f)).isTrue();
        assertThat(u16(f, 34)).isEqualTo(68);
        assertThat(u16(f, 36)).isEqualTo(67);
        int dhcp = 42;
        assertThat(f[dhcp]).isEqualTo((byte) 1);                                  // BOOTREQUEST
        assertThat(u16(f, dhcp + 236) << 16 | u16(f, dhcp + 238)).isEqualTo(0x63825363);
        List<Integer> clientIdLengths = new ArrayList<>();
        int type = -1;
        for (int i = dhcp + 240; f[i] != (byte) 0xFF; i += 2 + (f[i + 1] & 0xFF)) {
            switch (f[i] & 0xFF) {
                case 61 -> clientIdLengths.add(f[i + 1] & 0xFF);
                case 53 -> type = f[i + 2];
                case 54 -> assertThat(HEX.formatHex(f, i + 2, i + 6)).isEqualTo("c0000201"); // server id 192.0.2.1
                default -> { }
            }
        }
        assertThat(type).isEqualTo(3);                                               // DHCPREQUEST
        assertThat(clientIdLengths).containsExactly(255, 255, 255);                 // 765 octets concatenated
    }

    @Test
    void theBadPref64IsA96WithANonZeroUOctetRfc6052Section2_2() throws Exception {
        byte[] f = frames("bad-pref64").getFirst();
        assertThat(HEX.formatHex(f, 0, 6)).isEqualTo("333300000001");
        assertThat(f[21] & 0xFF).isEqualTo(255);                                   // hop limit (RFC 4861 §6.1.2)
        assertThat(f[22] & 0xFF).isEqualTo(0xFE);                                  // link-local source
        assertThat(f[54] & 0xFF).isEqualTo(134);
        assertThat(icmp6ChecksumVerifies(f)).isTrue();
        assertThat(u16(f, 60)).as("router lifetime").isZero();
        int o = 70;
        while ((f[o] & 0xFF) != 38) {
            o += 8 * (f[o + 1] & 0xFF);
        }
        assertThat(f[o + 1]).isEqualTo((byte) 2);
        assertThat(u16(f, o + 2) & 7).as("PLC 0: a /96 (RFC 8781 §4)").isZero();
        assertThat(HEX.formatHex(f, o + 4, o + 12)).isEqualTo("20010db800640000");
        assertThat(f[o + 12] & 0xFF).as("the u octet, bits 64-71").isEqualTo(0xFF);
    }

    @Test
    void theForbiddenDestinationsAreEmbeddedInTheNat64PrefixWithValidChecksums() throws Exception {
        Set<String> embedded = new TreeSet<>();
        for (byte[] f : frames("forbidden")) {
            assertThat(HEX.formatHex(f, 0, 6)).isEqualTo("020000000001");
            assertThat(HEX.formatHex(f, 38, 50)).isEqualTo("20010db80064000000000000");
            embedded.add((f[50] & 0xFF) + "." + (f[51] & 0xFF) + "." + (f[52] & 0xFF) + "." + (f[53] & 0xFF));
            assertThat(upperChecksumVerifies(f)).isTrue();
        }
        assertThat(embedded).containsExactlyInAnyOrder("127.0.0.1", "224.0.0.1", "255.255.255.255", "0.0.0.1", "240.0.0.1");
    }

    @Test
    void theFuzzedRasReachTheParsersButGiveAHostNothingToTake() throws Exception {
        List<byte[]> frames = frames("storm", "--scale", "0.2", "--seconds", "30", "--spread", "0");
        int ras = 0;
        int rss = 0;
        for (byte[] f : frames) {
            if (u16(f, 12) == 0x0800) {
                assertThat(ipv4ChecksumsVerify(f)).as("DHCP garbage is still valid IPv4/UDP").isTrue();
            } else if (HEX.formatHex(f, 0, 5).equals("3333000000")) {               // to ff02::1 or ff02::2
                assertThat(icmp6ChecksumVerifies(f)).isTrue();
                if ((f[54] & 0xFF) == 134) {
                    ras++;
                    assertThat(f[58]).as("cur hop limit").isZero();
                    assertThat(u16(f, 60)).as("router lifetime").isZero();
                    assertThat(takesNothing(f)).as(HEX.formatHex(f)).isTrue();
                } else {
                    rss++;
                }
            }
        }
        assertThat(ras).isGreaterThan(500);
        assertThat(rss).isEqualTo(100);
    }

    /** The script's own filter of fuzzed RA options, option by option (hex: type, length in 8 octets, body). */
    @Test
    void theRaFilterRefusesExactlyWhatAHostWouldTake() throws Exception {
        String ours = "20010db80064000000000000";
        Map<String, Boolean> cases = new java.util.LinkedHashMap<>();
        cases.put("0304" + "40c0" + "00000258000001f400000000" + "20010db8006600000000000000000000", false); // PIO L+A
        cases.put("0304" + "4000" + "00000258000001f400000000" + "20010db8006600000000000000000000", true);  // PIO no flags
        cases.put("0305" + "4080" + "00000258000001f400000000" + "20010db8006600000000000000000000" + "0".repeat(16),
                false);                                                                  // a longer PIO, on-link
        cases.put("2602" + "0708" + "20010db80065000000000000", false);                  // another /96, 1800 s
        cases.put("2602" + "0000" + ours, false);                                        // ours withdrawn
        cases.put("2602" + "0050" + ours, false);                                        // ours for 80 s only
        cases.put("2602" + "0708" + ours, true);                                         // ours for 1800 s
        cases.put("2602" + "0708" + "20010db800640000ff000000", true);               // u octet set: the attack
        cases.put("2602" + "0707" + "20010db80065000000000000", true);                   // PLC 7: invalid
        cases.put("1903" + "0000" + "00000258" + "20010db8000100000000000000000066", false); // another DNS server
        cases.put("1903" + "0000" + "00000000" + "20010db8000100000000000000000066", true);  // ... withdrawn
        cases.put("0304" + "40c0" + "00000258000001f400000000" + "20010db8006600000000000000000000" + "0500", true); // len 0
        Path script = dir.resolve("hostile.py");
        try (InputStream in = HostileLan.class.getResourceAsStream("hostile.py")) {
            Files.write(script, in.readAllBytes());
        }
        assumeTrue(Shell.has("python3"), "python3 is missing: the hostile host's script cannot run");
        List<String> cmd = new ArrayList<>(List.of("python3", "-B", "-c", "import sys; sys.path.insert(0, sys.argv[1]);"
                + " import hostile, types; a = types.SimpleNamespace(pref64='2001:db8:64::', gw6='2001:db8:1::1');"
                + " [print(hostile.benign(bytes.fromhex(h), a)) for h in sys.argv[2:]]", dir.toString()));
        cmd.addAll(cases.keySet());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.strip().split("\n")).as(out).containsExactly(cases.values().stream().map(b -> b ? "True" : "False")
                .toArray(String[]::new));
    }

    /**
     * What a host's kernel (RFC 4861 §6.3.4, RFC 8781 §5) would take from an RA: none of its options
     * may be an on-link or autonomous PIO, or a usable PREF64 other than the lab's own with its full
     * lifetime.
     */
    private static boolean takesNothing(byte[] f) {
        int end = 54 + u16(f, 18);
        for (int o = 70; o < end; o += 8 * (f[o + 1] & 0xFF)) {
            if (o + 2 > end || f[o + 1] == 0 || o + 8 * (f[o + 1] & 0xFF) > end) {
                return true;                                                        // the whole RA is invalid
            }
        }
        for (int o = 70; o < end; ) {
            int len = 8 * (f[o + 1] & 0xFF);
            if ((f[o] & 0xFF) == 3 && len >= 32 && (f[o + 3] & 0xC0) != 0) {
                return false;
            }
            if ((f[o] & 0xFF) == 38 && len >= 16) {
                int plc = u16(f, o + 2) & 7;
                // the lab's own prefix, for no less than the 1800 s the base RA gives it
                boolean ours = Arrays.equals(f, o + 4, o + 16, PREF64, 0, 12) && plc == 0 && (u16(f, o + 2) >> 3) * 8 >= 1800;
                if (plc <= 5 && !(plc == 0 && f[o + 12] != 0) && !ours) {
                    return false;
                }
            }
            o += len;
        }
        return true;
    }

    private static boolean ipv4ChecksumsVerify(byte[] f) {
        int ihl = 4 * (f[14] & 0x0F);
        if (sum(f, 14, ihl, 0) != 0xFFFF) {
            return false;
        }
        int udp = 14 + ihl;
        long pseudo = u16(f, 26) + u16(f, 28) + u16(f, 30) + u16(f, 32) + 17 + u16(f, udp + 4);
        return sum(f, udp, u16(f, udp + 4), pseudo) == 0xFFFF;
    }

    private static boolean icmp6ChecksumVerifies(byte[] f) {
        return upperChecksumVerifies(f);
    }

    /** The upper-layer checksum of a frame whose IPv6 header is followed directly by it (RFC 8200 §8.1). */
    private static boolean upperChecksumVerifies(byte[] f) {
        int length = u16(f, 18);
        long pseudo = (f[20] & 0xFF) + length;
        for (int i = 22; i < 54; i += 2) {
            pseudo += u16(f, i);
        }
        return sum(f, 54, length, pseudo) == 0xFFFF;
    }

    private static int sum(byte[] b, int off, int len, long seed) {
        long s = seed;
        for (int i = 0; i < len; i += 2) {
            s += i + 1 < len ? u16(b, off + i) : (b[off + i] & 0xFF) << 8;
        }
        while (s >> 16 != 0) {
            s = (s & 0xFFFF) + (s >> 16);
        }
        return (int) s;
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
    }
}
