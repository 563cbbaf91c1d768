package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The root command: help, version from the build, and usage errors exit with 2. */
class MainTest {

    @Test
    void helpListsTranslateAndExitCodes() {
        RepoFiles.Run run = RepoFiles.cli("--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: v6mostly", "translate", "2   usage or configuration error");
    }

    @Test
    void versionComesFromTheMavenProjectVersion() {
        RepoFiles.Run run = RepoFiles.cli("--version");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("v6mostly " + VersionProvider.version()).contains("Java 25");
        assertThat(VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }

    @Test
    void noSubcommandIsAUsageError() {
        RepoFiles.Run run = RepoFiles.cli();
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("missing subcommand", "Usage: v6mostly");
    }

    @Test
    void unknownSubcommandOrOptionIsAUsageError() {
        assertThat(RepoFiles.cli("siit").status()).isEqualTo(Main.USAGE_ERROR);
        RepoFiles.Run run = RepoFiles.cli("--frobnicate");
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("Unknown option: '--frobnicate'");
    }
}
