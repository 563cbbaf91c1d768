package net.v6mostly.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a device does to check its reach: DNS with dig, HTTP with curl, ping — the real clients
 * from the {@link Toolbox}, or the built-in probes ({@code v6mostly lab-probe}) where one is missing.
 */
public final class Probes {
    private final Shell sh;
    private final Toolbox tools;

    public Probes(Shell sh, Toolbox tools) {
        this.sh = sh;
        this.tools = tools;
    }

    /** An HTTP answer: whether it came, the body, and the server address the client connected to. */
    public record Http(boolean ok, String body, String remoteIp, String error) {
    }

    /** GETs {@code url} from inside {@code ns}, using the namespace's resolver for names. */
    public Http http(String ns, String url) {
        if (!tools.has(Toolbox.Tool.CURL)) {
            Shell.Result r = sh.run(20, SelfCommand.in(ns, "lab-probe", "http", url));
            return r.ok() ? new Http(true, r.out().strip(), "", "") : new Http(false, "", "", lastLine(r.out()));
        }
        Shell.Result r = sh.run(20, Shell.in(ns, "curl", "-sS", "-m", "8", "--retry", "1", "-o", "-", "-w",
                "\n@remote %{remote_ip}", url));
        String out = r.out();
        int at = out.lastIndexOf("\n@remote ");
        String body = at >= 0 ? out.substring(0, at).strip() : out.strip();
        String remote = at >= 0 ? out.substring(at + 9).strip() : "";
        return r.ok() ? new Http(true, body, remote, "") : new Http(false, "", remote, lastLine(body));
    }

    /** The records of {@code type} for {@code name} asked from {@code server} inside {@code ns}; empty on failure. */
    public List<String> dns(String ns, String name, String type, String server) {
        return answers(tools.has(Toolbox.Tool.DIG)
                ? sh.run(20, Shell.in(ns, "dig", "+short", "+time=3", "+tries=2", "@" + server, name, type))
                : sh.run(20, SelfCommand.in(ns, "lab-probe", "dns", name, type, server)));
    }

    /** As {@link #dns} over TCP (RFC 7766). */
    public List<String> dnsTcp(String ns, String name, String type, String server) {
        return answers(tools.has(Toolbox.Tool.DIG)
                ? sh.run(20, Shell.in(ns, "dig", "+tcp", "+short", "+time=3", "+tries=2", "@" + server, name, type))
                : sh.run(20, SelfCommand.in(ns, "lab-probe", "dns-tcp", name, type, server)));
    }

    private static List<String> answers(Shell.Result r) {
        if (!r.ok()) {
            return List.of();
        }
        List<String> answers = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith(";")) {
                answers.add(s);
            }
        }
        return answers;
    }

    /** Whether two echo requests to {@code address} get at least one answer. */
    public boolean ping(String ns, String address) {
        return sh.run(15, Shell.in(ns, "ping", "-n", "-c", "3", "-i", "0.3", "-W", "2", address)).ok();
    }

    /** The output of a command in a namespace (for set-up lines: addresses, routes). */
    public String show(String ns, String... cmd) {
        return sh.run(10, Shell.in(ns, cmd)).out();
    }

    static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return Arrays.stream(lines).reduce((a, b) -> b).orElse("").strip();
    }
}
