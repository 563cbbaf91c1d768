package net.v6mostly.lab;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the lab's results and shows them: a progress line per check while the lab works
 * (unless the output is JSON), then a table per device, the gateway's figures and the verdict; or
 * one JSON document for machines.
 */
public final class LabReport {
    private final PrintStream out;
    private final boolean json;
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, List<String>> setup = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> figures = new LinkedHashMap<>();

    public LabReport(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** Fixes the order devices appear in the report (the plan's order, not the order they finished in). */
    public synchronized void devices(List<String> names) {
        names.forEach(n -> setup.putIfAbsent(n, new ArrayList<>()));
    }

    /** A line of progress ("starting the gateway"), shown at once on the terminal. */
    public synchronized void progress(String text) {
        notes.add(text);
        if (!json) {
            out.println("  .. " + text);
            out.flush();
        }
    }

    /** How a device configured itself: one line each (addresses, routes, DHCP answer, PREF64 source). */
    public synchronized void setup(String device, String line) {
        setup.computeIfAbsent(device, k -> new ArrayList<>()).add(line);
        if (!json) {
            out.println("  .. " + device + ": " + line);
            out.flush();
        }
    }

    public synchronized void add(Check c) {
        checks.add(c);
        if (!json) {
            out.printf("  %s %-8s %s%s%n", c.passed() ? "ok  " : "FAIL", c.device(), c.what(),
                    c.detail().isEmpty() ? "" : "  (" + c.detail() + ")");
            out.flush();
        }
    }

    /** A gateway figure: IPv6-only share, leases, NAT64 sessions, mapping log lines. */
    public synchronized void figure(String name, String value) {
        figures.put(name, value);
    }

    public synchronized boolean allPassed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    public synchronized List<Check> checks() {
        return List.copyOf(checks);
    }

    /** The final summary: the table, the figures and the verdict (or the JSON document). */
    public synchronized void finish(String fatal) {
        if (json) {
            out.println(toJson(fatal));
            return;
        }
        out.println();
        out.println("v6mostly lab: results");
        int width = checks.stream().mapToInt(c -> c.what().length()).max().orElse(10);
        java.util.Set<String> devices = new java.util.LinkedHashSet<>(setup.keySet());
        checks.forEach(c -> devices.add(c.device()));
        for (String device : devices) {
            if (setup.getOrDefault(device, List.of()).isEmpty() && checks.stream().noneMatch(c -> c.device().equals(device))) {
                continue;
            }
            out.println();
            out.println(device);
            for (String line : setup.getOrDefault(device, List.of())) {
                out.println("    " + line);
            }
            for (Check c : checks) {
                if (c.device().equals(device)) {
                    out.printf("  %-4s  %-" + width + "s  %s%n", c.passed() ? "ok" : "FAIL", c.what(), c.detail());
                }
            }
        }
        if (!figures.isEmpty()) {
            out.println();
            out.println("gateway figures");
            figures.forEach((k, v) -> out.printf("    %-28s %s%n", k, v));
        }
        long failed = checks.stream().filter(c -> !c.passed()).count();
        out.println();
        if (fatal != null) {
            out.println("LAB FAILED: " + fatal);
        } else if (failed == 0 && !checks.isEmpty()) {
            out.println("ALL " + checks.size() + " CHECKS PASSED");
        } else {
            out.println(failed + " OF " + checks.size() + " CHECKS FAILED:");
            checks.stream().filter(c -> !c.passed())
                    .forEach(c -> out.println("  - " + c.device() + ": " + c.what() + ": " + c.detail()));
        }
        out.flush();
    }

    String toJson(String fatal) {
        StringBuilder b = new StringBuilder("{\"passed\":").append(fatal == null && allPassed());
        if (fatal != null) {
            b.append(",\"error\":").append(Json.string(fatal));
        }
        b.append(",\"devices\":{");
        int i = 0;
        for (var e : setup.entrySet()) {
            b.append(i++ > 0 ? "," : "").append(Json.string(e.getKey())).append(":").append(Json.array(e.getValue()));
        }
        b.append("},\"checks\":[");
        i = 0;
        for (Check c : checks) {
            b.append(i++ > 0 ? "," : "").append("{\"device\":").append(Json.string(c.device()))
                    .append(",\"check\":").append(Json.string(c.what()))
                    .append(",\"passed\":").append(c.passed())
                    .append(",\"detail\":").append(Json.string(c.detail())).append('}');
        }
        b.append("],\"gateway\":{");
        i = 0;
        for (var e : figures.entrySet()) {
            b.append(i++ > 0 ? "," : "").append(Json.string(e.getKey())).append(":").append(Json.string(e.getValue()));
        }
        b.append("},\"log\":").append(Json.array(notes)).append('}');
        return b.toString();
    }
}
