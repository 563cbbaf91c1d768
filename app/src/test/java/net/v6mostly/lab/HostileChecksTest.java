package net.v6mostly.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdicts of {@link HostileChecks} on counter readings: the ones a lab run saw before issue 15
 * was fixed (the server bound the 765-octet client identifier; every forbidden destination left as
 * TRANSLATED_64) fail, readings with the input counted as a drop pass.
 */
class HostileChecksTest {
    @TempDir
    Path dir;

    private final LabReport report = new LabReport(new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8), true);

    private HostileChecks checks() {
        Shell sh = new Shell(dir);
        return new HostileChecks(report, new LabGateway(new LabPlan("x", 0), sh),
                new LabClat(sh, new GatewayFigures(sh, null, report), report));
    }

    private static Metrics dhcp(long ack, long drop) {
        return Metrics.parse("v6mostly_dhcp4_messages_total{event=\"ACK_SELECTING\",drop=\"false\"} " + ack + "\n"
                + "v6mostly_dhcp4_messages_total{event=\"MALFORMED_OVERLONG\",drop=\"true\"} " + drop + "\n");
    }

    @Test
    void anAcknowledgedOversizedClientIdentifierFailsACountedOnePasses() {
        checks().clientIdentifier(dhcp(2, 0), dhcp(3, 0));
        checks().clientIdentifier(dhcp(2, 0), dhcp(2, 1));
        assertThat(report.checks()).extracting(Check::passed).containsExactly(false, true);
        assertThat(report.checks().getFirst().detail())
                .isEqualTo("v6mostly_dhcp4_messages_total: ACK_SELECTING +1 (the server answered it)");
        assertThat(report.checks().get(1).detail()).isEqualTo("v6mostly_dhcp4_messages_total: MALFORMED_OVERLONG +1");
    }

    private static Metrics nat64(long translated, long dropped) {
        return Metrics.parse("v6mostly_nat64_packets_total{exit=\"TRANSLATED_64\",drop=\"false\"} " + translated + "\n"
                + "v6mostly_nat64_packets_total{exit=\"XLAT_REFUSED_64\",drop=\"true\"} " + dropped + "\n"
                + "v6mostly_nat64_xlat_total{exit=\"DESTINATION4_ILLEGAL\",drop=\"true\"} " + dropped + "\n");
    }

    @Test
    void forbiddenDestinationsPassOnlyWhenEveryPacketSentWasDropped() {
        Map<String, Long> sent = Map.of("nat64-to-127.0.0.1", 30L, "nat64-tcp-syn-to-127.0.0.1", 12L);
        checks().forbidden(nat64(27, 0), nat64(69, 0), sent);       // what the lab saw before the fix
        checks().forbidden(nat64(27, 0), nat64(27, 41), sent);      // one still got through
        checks().forbidden(nat64(27, 0), nat64(27, 42), sent);
        assertThat(report.checks()).extracting(Check::passed).containsExactly(false, false, true);
        assertThat(report.checks().getFirst().detail()).isEqualTo("42 sent; v6mostly_nat64_packets_total: TRANSLATED_64 +42;"
                + " v6mostly_nat64_xlat_total drops: nothing");
        assertThat(report.checks().get(2).detail()).isEqualTo("42 sent; v6mostly_nat64_packets_total: XLAT_REFUSED_64 +42;"
                + " v6mostly_nat64_xlat_total drops: DESTINATION4_ILLEGAL +42");
    }

    @Test
    void aClatThatNeverRanFailsItsChecksWithoutAReading() {
        checks().pref64(null, null);
        assertThat(report.checks()).singleElement().satisfies(c -> {
            assertThat(c.passed()).isFalse();
            assertThat(c.detail()).isEqualTo("no CLAT ran");
        });
    }
}
