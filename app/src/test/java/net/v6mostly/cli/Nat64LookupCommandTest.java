package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code v6mostly nat64 lookup}: rotated and gzipped logs, the exit codes, and clear usage errors. */
class Nat64LookupCommandTest {
    static final String CREATE = "<134>1 2026-12-03T13:29:02.635Z plat1 v6mostly - bib-create [nat64@32473 proto=\"tcp\""
            + " src6=\"2001:db8:2::2\" sport6=\"59302\" pool4=\"203.0.113.1\" port4=\"25078\"]";
    static final String DELETE = CREATE.replace("13:29:02.635Z", "13:33:05.120Z").replace("bib-create", "bib-delete");

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void aMappingSplitOverARotatedGzippedLogAndTheCurrentOneIsFound() throws Exception {
        Path old = dir.resolve("nat64.log.1.gz");
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(old))) {
            z.write((CREATE + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path current = dir.resolve("nat64.log");
        Files.writeString(current, "2026-12-03T13:30:00.000Z INFO  Nat64Daemon: something else\n" + DELETE + "\n");
        Run r = run("nat64", "lookup", "203.0.113.1:25078", "--at", "2026-12-03T14:30:00+01:00", "--log",
                current.toString(), "--log", old.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 mapping(s) of 203.0.113.1#25078 at 2026-12-03T13:30:00Z",
                "203.0.113.1#25078  <-  2001:db8:2::2#59302  from 2026-12-03T13:29:02.635Z  to 2026-12-03T13:33:05.120Z");
        assertThat(r.err()).contains("read 3 line(s), 2 mapping event(s)");
        Run later = run("nat64", "lookup", "203.0.113.1#25078", "--at", "2026-12-03T13:40:00Z", "--log",
                current.toString(), "--log", old.toString());
        assertThat(later.status()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(later.out()).contains("no mapping of 203.0.113.1#25078 at 2026-12-03T13:40:00Z");
    }

    @Test
    void badInputIsAUsageErrorThatSaysWhatWasExpected() throws Exception {
        Path log = dir.resolve("nat64.log");
        Files.writeString(log, CREATE + "\n");
        assertThat(run("nat64", "lookup", "203.0.113.1:25078", "--at", "13:30", "--log", log.toString()))
                .satisfies(r -> assertThat(r.status()).isEqualTo(Main.USAGE_ERROR))
                .satisfies(r -> assertThat(r.err()).contains("--at 13:30", "ISO 8601"));
        assertThat(run("nat64", "lookup", "203.0.113:25078", "--log", log.toString()).err())
                .contains("203.0.113:25078", "expected 203.0.113.1:40123");
        assertThat(run("nat64", "lookup", "203.0.113.1:70000", "--log", log.toString()).err()).contains("0-65535");
        assertThat(run("nat64", "lookup", "203.0.113.1", "--proto", "sctp", "--log", log.toString()).err())
                .contains("tcp, udp or icmp");
        Run missing = run("nat64", "lookup", "203.0.113.1", "--log", dir.resolve("nope.log").toString());
        assertThat(missing.status()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(missing.err()).contains("cannot read", "nope.log");
        Run all = run("nat64", "lookup", "203.0.113.1", "--log", log.toString());
        assertThat(all.status()).isZero();
        assertThat(all.out()).contains("to the end of the log (still mapped)");
    }
}
