package net.v6mostly.xlat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.rfc7757.EamEntry;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * Reads the Jool graybox corpus from {@code ../shared/conformance/jool-graybox} (GPL data, used in
 * place and never copied into this repository) and turns each manifest exchange into translator
 * settings, inputs and expected outputs.
 */
final class GrayboxCorpus {
    /** One exchange of the manifest. */
    record Exchange(String id, String group, boolean upstreamRuns, List<Send> sends, String expectAt,
            List<String> expect, int[] ignore, JsonNode state, double waitSeconds) {
    }

    /** One packet to inject. */
    record Send(String from, String file) {
    }

    private GrayboxCorpus() {
    }

    /** The corpus folder, looked up beside the repository (the way DESIGN.md lays out ../shared). */
    static Optional<Path> locate() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("conformance/jool-graybox");
            if (Files.isRegularFile(candidate.resolve("manifest-siit.jsonl"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static List<Exchange> exchanges(Path corpus, String manifest) {
        ObjectMapper json = new ObjectMapper();
        List<Exchange> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(corpus.resolve(manifest))) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode r = json.readTree(line);
                if (!r.path("kind").asText().equals("exchange")) {
                    continue;
                }
                List<Send> sends = new ArrayList<>();
                r.get("send").forEach(s -> sends.add(new Send(s.get("from").asText(), s.get("file").asText())));
                List<String> expect = new ArrayList<>();
                r.get("expect").forEach(e -> expect.add(e.asText()));
                int[] ignore = new int[r.get("ignore_bytes").size()];
                for (int i = 0; i < ignore.length; i++) {
                    ignore[i] = r.get("ignore_bytes").get(i).asInt();
                }
                out.add(new Exchange(r.get("id").asText(), r.get("group").asText(),
                        r.path("upstream_runs").asBoolean(true), sends, r.get("expect_at").asText(), expect, ignore,
                        r.get("state"), r.path("wait_s").asDouble(0.1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** SIIT settings for an exchange's {@code state}, on the topology of topology.json. */
    static SiitSettings siitSettings(JsonNode state) {
        List<EamEntry> eam = new ArrayList<>();
        state.get("eamt").forEach(e -> eam.add(EamEntry.parse(e.get(0).asText(), e.get(1).asText())));
        JsonNode pool6 = state.get("pool6");
        JsonNode v4pool = state.get("rfc6791v4-prefix");
        JsonNode v6pool = state.get("rfc6791v6-prefix");
        return SiitSettings.builder()
                .pool6(pool6 == null || pool6.isNull() ? null : Rfc6052Prefix.parse(pool6.asText()))
                .eam(new EamTable(eam))
                .rfc6791v4(v4pool == null || v4pool.isNull() ? null : Ipv4Prefix.parse(v4pool.asText()))
                .rfc6791v6(v6pool == null || v6pool.isNull() ? null : Ipv6Prefix.parse(v6pool.asText()))
                .ownIpv4(Ipv4.parse("198.51.100.1"))
                .ownIpv6(Ipv6Address.parse("2001:db8:1c0:2:1::"))
                .lowestIpv6Mtu(state.get("lowest-ipv6-mtu").asInt())
                .amendUdpZeroChecksum(state.get("amend-udp-checksum-zero").asBoolean())
                .mtu4(state.get("mtu").get("xlat_if4").asInt())
                .mtu6(state.get("mtu").get("xlat_if6").asInt())
                .icmpErrorsPerSecond(0)
                .build();
    }
}
