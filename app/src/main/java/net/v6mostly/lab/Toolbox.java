package net.v6mostly.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The real clients the lab drives, the Debian package each comes from, and what the lab does
 * without it. Missing tools are installed with apt-get when the lab runs as root on Debian or
 * Ubuntu and installing is allowed; otherwise the lab uses its built-in fallback and says so.
 */
public final class Toolbox {
    /** A program the lab runs. */
    public enum Tool {
        IP("ip", "iproute2", null),
        PING("ping", "iputils-ping", null),
        CURL("curl", "curl", "the built-in HTTP probe (Java's HttpClient)"),
        DIG("dig", "bind9-dnsutils", "the built-in DNS probe (dnsjava)"),
        DHCPCD("dhcpcd", "dhcpcd-base", null),
        UDHCPC("udhcpc", "udhcpc", "dhcpcd without option 108 for the IPv4-only device"),
        RDISC6("rdisc6", "ndisc6", "the gateway's configured DNS64 address instead of reading RDNSS from the RA");

        final String command;
        final String debianPackage;
        final String fallback;

        Tool(String command, String debianPackage, String fallback) {
            this.command = command;
            this.debianPackage = debianPackage;
            this.fallback = fallback;
        }

        public String command() {
            return command;
        }
    }

    private final Set<Tool> present;

    private Toolbox(Set<Tool> present) {
        this.present = present;
    }

    public boolean has(Tool tool) {
        return present.contains(tool);
    }

    /**
     * Finds every tool, installs the missing ones when allowed and possible, and reports each
     * decision through {@code say}. Throws {@link LabException} when a tool without a fallback is
     * still missing.
     */
    public static Toolbox prepare(boolean allowInstall, Shell sh, Consumer<String> say) {
        Set<Tool> present = find();
        List<Tool> missing = EnumSet.allOf(Tool.class).stream().filter(t -> !present.contains(t)).toList();
        if (!missing.isEmpty() && allowInstall && canApt()) {
            List<String> packages = missing.stream().map(t -> t.debianPackage).distinct().toList();
            say.accept("installing " + String.join(" ", packages) + " with apt-get (--no-install refuses)");
            List<String> cmd = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install",
                    "-y", "-q", "--no-install-recommends"));
            cmd.addAll(packages);
            Shell.Result r = sh.run(600, cmd);
            if (!r.ok()) {
                say.accept("apt-get install failed (" + r.status() + "): " + lastLine(r.out()));
            }
            present.addAll(find());
        } else if (!missing.isEmpty() && allowInstall) {
            say.accept("not installing " + names(missing) + ": needs root on Debian or Ubuntu");
        }
        List<String> fatal = new ArrayList<>();
        for (Tool t : Tool.values()) {
            if (present.contains(t)) {
                continue;
            }
            if (t.fallback != null && (t != Tool.UDHCPC || present.contains(Tool.DHCPCD))) {
                say.accept(t.command + " is missing: using " + t.fallback);
            } else {
                fatal.add(t.command + " (Debian package " + t.debianPackage + ")");
            }
        }
        if (!fatal.isEmpty()) {
            throw new LabException("missing " + String.join(", ", fatal) + "; install "
                    + (fatal.size() == 1 ? "it" : "them") + " or run as root on Debian/Ubuntu without --no-install");
        }
        return new Toolbox(present);
    }

    private static Set<Tool> find() {
        Set<Tool> found = EnumSet.noneOf(Tool.class);
        for (Tool t : Tool.values()) {
            if (Shell.has(t.command)) {
                found.add(t);
            }
        }
        return found;
    }

    /** Root, apt-get on the PATH, and /etc/os-release naming Debian or a derivative (Ubuntu). */
    static boolean canApt() {
        if (!"root".equals(System.getProperty("user.name")) || !Shell.has("apt-get")) {
            return false;
        }
        try {
            String os = Files.readString(Path.of("/etc/os-release"));
            return os.matches("(?s).*\\bID(_LIKE)?=\"?[a-z ]*\\b(debian|ubuntu)\\b.*");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String names(List<Tool> tools) {
        return String.join(", ", tools.stream().map(t -> t.command).toList());
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }
}
