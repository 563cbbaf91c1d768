package net.v6mostly.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tshark (Wireshark's dissectors) on a pcap, as an independent check of what we write. */
final class Tshark {
    /**
     * Display filter matching any packet whose IP, ICMP or ICMPv6 checksum is wrong, or whose UDP
     * or TCP checksum is wrong outside an ICMP error: the segment quoted in an error is truncated
     * (RFC 1812 §4.3.2.3, RFC 4443 §2.4(c)), so its checksum cannot verify and tshark says "Bad".
     */
    static final String BAD_CHECKSUM = "ip.checksum.status == \"Bad\" || icmp.checksum.status == \"Bad\""
            + " || icmpv6.checksum.status == \"Bad\" || ((udp.checksum.status == \"Bad\""
            + " || tcp.checksum.status == \"Bad\") && !icmp && !icmpv6)";

    private Tshark() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One line per packet matching {@code filter} (all when empty), tab-separated {@code fields}. */
    static List<String> fields(Path pcap, String filter, String... fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-T", "fields"));
        if (!filter.isEmpty()) {
            command.addAll(List.of("-Y", filter));
        }
        for (String f : fields) {
            command.addAll(List.of("-e", f));
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tshark failed on " + pcap + " (exit " + p.exitValue() + "): " + command);
        }
        return out.lines().toList();
    }
}
