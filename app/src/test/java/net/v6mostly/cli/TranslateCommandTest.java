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
