package net.v6mostly.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class LabReportTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private LabReport report(boolean json) {
        return new LabReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), json);
    }

    @Test
    void theTableNamesEveryFailedCheckAndTheVerdictCountsThem() {
        LabReport r = report(false);
        r.devices(List.of("v6only", "v4only"));
        r.add(Check.pass("v4only", "ping 198.51.100.10", ""));
        r.add(Check.fail("v6only", "HTTP by name v4.lab.example (DNS64 + NAT64)", "no answer"));
        r.finish(null);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("1 OF 2 CHECKS FAILED:")
                .contains("  - v6only: HTTP by name v4.lab.example (DNS64 + NAT64): no answer");
        // devices in the plan's order, not the order their checks came in
        assertThat(out.indexOf("\nv6only\n")).isLessThan(out.indexOf("\nv4only\n"));
        assertThat(r.allPassed()).isFalse();
    }

    @Test
    void noChecksIsNotAPass() {
        LabReport r = report(false);
        assertThat(r.allPassed()).isFalse();
    }

    @Test
    void jsonCarriesChecksFiguresAndTheErrorWithEscapedText() {
        LabReport r = report(true);
        r.setup("dual", "lease \"192.0.2.101\"\tok");
        r.add(Check.pass("dual", "ping 2001:db8:ffff::10", ""));
        r.figure("IPv6-only share (lan)", "33 %");
        r.finish("tool\nmissing");
        String json = bytes.toString(StandardCharsets.UTF_8).strip();
        assertThat(json).isEqualTo("{\"passed\":false,\"error\":\"tool\\nmissing\",\"devices\":{\"dual\":"
                + "[\"lease \\\"192.0.2.101\\\"\\tok\"]},\"checks\":[{\"device\":\"dual\",\"check\":\"ping 2001:db8:ffff::10\","
                + "\"passed\":true,\"detail\":\"\"}],\"gateway\":{\"IPv6-only share (lan)\":\"33 %\"},\"log\":[]}");
    }

    @Test
    void controlCharactersBecomeUnicodeEscapes() {
        assertThat(Json.string("a\u0001b")).isEqualTo("\"a\\u0001b\"");
    }
}
