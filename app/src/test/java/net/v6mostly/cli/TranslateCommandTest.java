package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code v6mostly translate} up to the translator: option parsing, configuration errors (exit 2,
 * located message) and unreadable input or output (exit 1, clear message).
 */
class TranslateCommandTest {
    @TempDir
    Path dir;

    private RepoFiles.Run translate(Path config, Path in, String... extra) {
        String[] base = {"translate", "-c", config.toString(), "--in", in.toString(), "--out",
            dir.resolve("out.pcap").toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return RepoFiles.cli(args);
    }

    private Path config(String text) throws IOException {
        return Files.writeString(dir.resolve("siit.toml"), text);
    }

    @Test
    void badConfigValueExitsTwoWithTheLocatedMessage() throws IOException {
        Path config = config("[siit]\n# comment\npool6 = \"2001:db8::/33\"\n");
        RepoFiles.Run run = translate(config, RepoFiles.example("siit-example.pcap"));
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err().strip()).isEqualTo(config + ":3: [siit] pool6: RFC 6052 §2.2 allows prefix lengths 32, 40,"
                + " 48, 56, 64 and 96, not /33 (2001:db8::/33)");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("out.pcap")).doesNotExist();
    }

    @Test
    void unknownTableMalformedTomlAndMissingConfigExitTwo() throws IOException {
        Path typo = config("[siit]\npool6 = \"64:ff9b::/96\"\n[dhcp]\n");
        assertThat(translate(typo, RepoFiles.example("siit-example.pcap")).err())
                .contains(":3: unknown table or key 'dhcp'");
        Path broken = config("[siit\npool6 = 1\n");
        RepoFiles.Run run = translate(broken, RepoFiles.example("siit-example.pcap"));
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).startsWith(broken + ":1: not valid TOML");
        RepoFiles.Run missing = translate(dir.resolve("none.toml"), RepoFiles.example("siit-example.pcap"));
        assertThat(missing.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(missing.err().strip()).isEqualTo(dir.resolve("none.toml") + ": no such file");
    }

    @Test
    void missingOptionsAndExclusiveOptionsAreUsageErrors() {
        RepoFiles.Run run = RepoFiles.cli("translate", "-c", "x.toml");
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("Missing required options", "--in=PCAP", "--out=PCAP");
        RepoFiles.Run both = translate(RepoFiles.example("siit.toml"), RepoFiles.example("siit-example.pcap"),
                "--quiet", "--summary-only");
        assertThat(both.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void sameInputAndOutputIsRefused() throws IOException {
        Path pcap = Files.copy(RepoFiles.example("siit-example.pcap"), dir.resolve("out.pcap"));
        RepoFiles.Run run = translate(RepoFiles.example("siit.toml"), pcap);
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("--in and --out are the same file");
        assertThat(Files.size(pcap)).isEqualTo(Files.size(RepoFiles.example("siit-example.pcap")));
    }

    /**
     * Issue 15's finding, as a new user saw it: with a network-specific prefix, an IPv6 packet to
     * pool6 + 127.0.0.1, 224.0.0.1 or 255.255.255.255 came out TRANSLATED_64. Now each is refused
     * (ICMPv6 1/1 back to the sender, nothing toward IPv4) and named.
     */
    @Test
    void forbiddenIpv4DestinationsAreShownRefused() throws IOException {
        Path in = dir.resolve("forbidden.pcap");
        try (net.v6mostly.pcap.PcapWriter w = net.v6mostly.pcap.PcapWriter.create(in)) {
            for (int v4 : new int[] {0x7F000001, 0xE0000001, 0xFFFFFFFF}) {
                byte[] p = new byte[48];
                p[0] = 0x60;
                p[5] = 8; // payload length
                p[6] = 17; // UDP
                p[7] = 64;
                byte[] src = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};
                byte[] dst = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0x64, 0, 0, 0, 0, 0, 0,
                    (byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
                System.arraycopy(src, 0, p, 8, 16);
                System.arraycopy(dst, 0, p, 24, 16);
                p[40] = (byte) 0x9c; // source port 40000
                p[41] = 0x40;
                p[43] = 53;
                p[45] = 8;
                w.write(0, 0, p, 0, p.length);
            }
        }
        RepoFiles.Run run = translate(RepoFiles.example("siit.toml"), in);
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("TRANSLATED_64").doesNotContain("→ V4");
        assertThat(run.out().lines().filter(l -> l.startsWith("#")).toList()).hasSize(3)
                .allMatch(l -> l.contains(": DESTINATION4_FORBIDDEN_64"));
        assertThat(run.out()).contains("totals: 3 in, 3 out, 0 passed, 3 dropped (DESTINATION4_FORBIDDEN_64 3)");
    }

    @Test
    void missingPcapExitsOne() {
        RepoFiles.Run run = translate(RepoFiles.example("siit.toml"), dir.resolve("absent.pcap"));
        assertThat(run.status()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err().strip()).isEqualTo("cannot read " + dir.resolve("absent.pcap") + ": no such file");
    }

    @Test
    void notAPcapExitsOneNamingTheProblem() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.pcap"), "these are not packets, just some notes\n");
        RepoFiles.Run run = translate(RepoFiles.example("siit.toml"), text);
        assertThat(run.status()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).contains("cannot read " + text + ": " + text
                + ": global header at byte 0: bad magic number 0x74686573");
    }

    @Test
    void unwritableOutputExitsOne() {
        Path out = dir.resolve("no/such/dir/out.pcap");
        RepoFiles.Run run = RepoFiles.cli("translate", "-c", RepoFiles.example("siit.toml").toString(), "--in",
                RepoFiles.example("siit-example.pcap").toString(), "--out", out.toString());
        assertThat(run.status()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).startsWith("cannot write " + out + ": java.nio.file.NoSuchFileException");
    }
}
