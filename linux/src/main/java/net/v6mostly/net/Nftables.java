package net.v6mostly.net;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.linux.LinuxException;

/**
 * The CLAT's CE-router rules in the kernel's nftables, loaded with {@code nft -f -} (one
 * transaction: all rules or none). Speaking nf_tables netlink directly would be a project of its
 * own; the ruleset is small, built here, and removed by deleting its table.
 *
 * <pre>
 * table ip NAME {
 *   chain postrouting { type nat hook postrouting priority srcnat;
 *     oifname "clat0" ip saddr { LAN prefixes } snat to 192.0.0.1 }       # RFC 6877 §6.3 NAT44
 *   chain forward { type filter hook forward priority mangle;
 *     oifname "clat0" tcp flags syn tcp option maxseg size set rt mtu }   # MSS to the CLAT's MTU
 * }
 * </pre>
 */
public final class Nftables {
    private Nftables() {
    }

    /** The ruleset text for {@code lan} behind {@code tun}, SNATed to {@code clat4}. */
    public static String ceRouterRuleset(String table, String tun, List<Ipv4Prefix> lan, int clat4) {
        if (!tun.matches("[A-Za-z0-9._+@-]{1,15}")) { // the config checks names; this keeps the script whole regardless
            throw new IllegalArgumentException("interface name unfit for an nftables rule: '" + tun + "'");
        }
        StringBuilder set = new StringBuilder();
        for (Ipv4Prefix p : lan) {
            set.append(set.isEmpty() ? "" : ", ").append(p);
        }
        return "table ip " + table + " {\n"
                + "  chain postrouting {\n"
                + "    type nat hook postrouting priority srcnat; policy accept;\n"
                + "    oifname \"" + tun + "\" ip saddr { " + set + " } snat to " + Ipv4.format(clat4) + "\n"
                + "  }\n"
                + "  chain forward {\n"
                + "    type filter hook forward priority mangle; policy accept;\n"
                + "    oifname \"" + tun + "\" tcp flags syn tcp option maxseg size set rt mtu\n"
                + "  }\n"
                + "}\n";
    }

    /** Loads {@code ruleset} after deleting any older table of the same name (a restart after a crash). */
    public static void replaceTable(String table, String ruleset) throws LinuxException {
        nft("table ip " + table + " {}\ndelete table ip " + table + "\n" + ruleset);
    }

    /** Deletes the table (and every chain and rule in it); absence is fine. */
    public static void deleteTable(String table) throws LinuxException {
        nft("table ip " + table + " {}\ndelete table ip " + table + "\n");
    }

    private static void nft(String input) throws LinuxException {
        Process p;
        try {
            p = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LinuxException("cannot run nft (install nftables for CE-router mode): " + e.getMessage());
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            p.destroyForcibly();
            throw new LinuxException("cannot feed nft: " + e.getMessage());
        }
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LinuxException("nft did not finish within 10 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new LinuxException("nft refused the CE-router rules (exit " + p.exitValue() + "): " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new LinuxException("interrupted while nft ran");
        } catch (IOException e) {
            throw new LinuxException("cannot read nft's output: " + e.getMessage());
        }
    }
}
