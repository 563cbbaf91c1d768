package net.v6mostly.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import net.v6mostly.lab.LabException;
import net.v6mostly.lab.LabNetwork;
import net.v6mostly.lab.LabPlan;
import net.v6mostly.lab.LabReport;
import net.v6mostly.lab.LabRun;
import net.v6mostly.lab.Shell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code v6mostly lab}: a complete IPv6-mostly network in network namespaces, with real clients. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Build a whole IPv6-mostly network in network namespaces, check what every device reaches"
                + " with real clients, report, and clean up.",
            "The network: an internet with IPv4-only and IPv6 servers, the gateway, and a LAN with IPv4-only,"
                + " dual-stack and IPv6-only devices and a printer. Needs root."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "1:a check failed or the lab could not be built", "2:usage error"})
final class LabCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON document instead of the table.")
    boolean json;

    @Option(names = "--keep", description = "Leave the network running and print how to enter each device.")
    boolean keep;

    @Option(names = "--clean", description = "Remove a lab left by --keep (or by a killed run) and exit.")
    boolean clean;

    @Option(names = "--no-install", description = "Never install missing clients with apt-get.")
    boolean noInstall;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "0", description = "Add N more IPv6-only devices.")
    int devices;

    @Option(names = "--break", paramLabel = "COMPONENT", description = "Break a component once the devices are"
            + " configured, to see which checks fail with it: nat64 (its TUN goes down; the gateway's health-tied"
            + " signalling is off for this run).")
    String fault;

    @Option(names = "--hostile", description = "Add a hostile LAN host that attacks the gateway and the CLAT (an"
            + " oversized DHCP client identifier, a bad PREF64, fuzzed RAs, RS, DHCP and DNS garbage, trickling"
            + " DNS-over-TCP, malformed and forbidden packets into the NAT64) while the devices check again, then"
            + " check that every component survived and counted each kind of input (needs python3).")
    boolean hostile;

    @Option(names = "--tag", defaultValue = "a", hidden = true, description = "A tag in the namespace names (tests run labs side by side).")
    String tag;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        LabPlan plan;
        try {
            plan = new LabPlan(tag, devices, hostile);
            new LabRun(plan, keep, !noInstall, fault);
        } catch (IllegalArgumentException e) {
            System.err.println("lab: " + e.getMessage());
            return Main.USAGE_ERROR;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            System.err.println("lab: needs root for network namespaces: run 'sudo ./v6mostly lab'");
            return Main.RUNTIME_ERROR;
        }
        Path work = Files.createTempDirectory("v6mostly-lab-");
        if (clean) {
            new LabNetwork(plan, new Shell(work)).removeAll();
            out.println("lab: removed every v6lab" + tag + "-* namespace");
            return Main.OK;
        }
        LabReport report = new LabReport(out, json);
        if (!json) {
            out.println("v6mostly lab: an IPv6-mostly network in network namespaces (work directory " + work + ")");
        }
        try {
            return new LabRun(plan, keep, !noInstall, fault).run(work, report) ? Main.OK : Main.RUNTIME_ERROR;
        } catch (LabException e) {
            System.err.println("lab: " + e.getMessage());
            return Main.RUNTIME_ERROR;
        }
    }
}
