package net.v6mostly.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One run of the lab: tools, network, servers, gateway, devices, checks, figures, with {@code
 * --hostile} the attack of a hostile LAN host and the checks during and after it ({@link HostileLan}),
 * the report, and always the clean-up (also on Ctrl-C) unless {@code --keep}.
 *
 * @param plan the addressing plan and the devices
 * @param keep leave the network running at the end
 * @param allowInstall install missing clients with apt-get
 * @param fault a component to break once the devices are configured ({@code nat64}: its TUN goes
 *     down), to see which checks a failure takes with it; null for none
 */
public record LabRun(LabPlan plan, boolean keep, boolean allowInstall, String fault) {
    /** Components {@code --break} knows. */
    public static final java.util.Set<String> FAULTS = java.util.Set.of("nat64");

    public LabRun {
        if (fault != null && !FAULTS.contains(fault)) {
            throw new IllegalArgumentException("--break takes one of " + FAULTS + ", not '" + fault + "'");
        }
        if (fault != null && plan.hostile()) {
            throw new IllegalArgumentException("--break and --hostile are separate runs");
        }
    }

    public LabRun(LabPlan plan, boolean keep, boolean allowInstall) {
        this(plan, keep, allowInstall, null);
    }

    /** Runs the lab; returns whether every check passed. */
    public boolean run(Path workDir, LabReport report) {
        Shell sh = new Shell(workDir);
        LabNetwork net = new LabNetwork(plan, sh);
        Thread cleanup = new Thread(() -> {
            sh.stopAll();
            net.removeAll();
        }, "lab-cleanup");
        if (!keep) {
            Runtime.getRuntime().addShutdownHook(cleanup);
        }
        String fatal = null;
        report.devices(plan.lanHosts().stream().map(Device::name).toList());
        try {
            Toolbox tools = Toolbox.prepare(allowInstall, sh, report::progress);
            report.progress("building " + plan.namespaces().size() + " network namespaces (" + String.join(", ", plan.namespaces()) + ")");
            net.build();
            startServers(sh);
            report.progress("starting the gateway (v6mostly gateway) in " + plan.gatewayNs());
            LabGateway gateway = new LabGateway(plan, sh, fault == null);
            gateway.start();
            LanDevices lan = new LanDevices(sh, net, tools, report, LabPlan.LAN_GW6);
            report.progress("the LAN devices configure themselves");
            plan.devices().forEach(lan::start);
            List<LanDevices.State> states = inParallel(plan.devices(), lan::awaitConfigured);
            GatewayFigures figures = new GatewayFigures(sh, tools, report);
            // the first IPv6-only device runs the CLAT; the --devices extras stay light (no JVM each)
            LanDevices.State clatDevice = states.stream().filter(s -> s.device().kind() == Device.Kind.IPV6_ONLY)
                    .filter(s -> s.ipv6() != null).findFirst().orElse(null);
            boolean clatOn = false;
            LabClat clat = new LabClat(sh, figures, report);
            if (clatDevice != null && clatDevice.device().name().equals("v6only")) {
                report.progress("starting v6mostly clat on " + clatDevice.device().name());
                clatOn = clat.start(clatDevice.device());
            }
            if ("nat64".equals(fault)) {
                report.progress("--break nat64: taking the gateway's NAT64 TUN (nat64) down");
                sh.must("ip", "-n", plan.gatewayNs(), "link", "set", "nat64", "down");
            }
            DeviceChecks checks = new DeviceChecks(new Probes(sh, tools), report);
            report.progress("checking what every device reaches");
            for (LanDevices.State s : states) {
                checks.run(s, clatOn && s == clatDevice);
            }
            report.progress("reading the gateway's figures");
            int ipv6Only = (int) states.stream().filter(LanDevices.State::gotOption108).count();
            int leased = (int) states.stream().filter(s -> s.device().staticIpv4() == null && s.ipv4() != null).count();
            figures.adoption(plan.gatewayNs(), LabGateway.METRICS, "lan", ipv6Only, leased);
            figures.nat64(plan.gatewayNs(), LabGateway.METRICS, gateway.log(), clatDevice == null ? "v6only"
                    : clatDevice.device().name(), clatDevice == null ? null : clatDevice.ipv6());
            if (plan.hostile()) {
                new HostileLan(plan, sh, tools, report, figures, gateway, clatOn ? clat : null)
                        .run(states, clatOn ? clatDevice : null);
            }
        } catch (LabException e) {
            fatal = e.getMessage();
        } finally {
            report.finish(fatal);
            if (keep) {
                printHowToEnter(report);
            } else {
                cleanup.run();
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook runs it
                }
            }
        }
        return fatal == null && report.allPassed();
    }

    private void startServers(Shell sh) {
        Path inetLog = sh.dir().resolve("internet.log");
        sh.start(inetLog, SelfCommand.in(plan.internetNs(), "lab-serve",
                "--http", LabPlan.WEB4 + "=" + LabPlan.WEB4_BODY, "--http", LabPlan.WEB6 + "=" + LabPlan.WEB6_BODY,
                "--dns", LabPlan.DNS4, "--dns", LabPlan.DNS6, "--zone", LabPlan.ZONE,
                "--record", "v4=" + LabPlan.WEB4, "--record", "v6=" + LabPlan.WEB6, "--record", "printer=" + LabPlan.PRINTER4));
        Device printer = plan.devices().stream().filter(d -> d.kind() == Device.Kind.PRINTER).findFirst().orElseThrow();
        Path printerLog = sh.dir().resolve("printer.log");
        sh.start(printerLog, SelfCommand.in(printer.ns(), "lab-serve", "--http", LabPlan.PRINTER4 + "=" + LabPlan.PRINTER_BODY));
        for (Path log : List.of(inetLog, printerLog)) {
            String text = LanDevices.waitFor(log, s -> s.contains("serving"), 60);
            if (!text.contains("serving")) {
                throw new LabException("the lab's servers did not start: " + text.strip());
            }
        }
    }

    private static <T, R> List<R> inParallel(List<T> items, java.util.function.Function<T, R> work) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>();
            items.forEach(i -> futures.add(pool.submit(() -> work.apply(i))));
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof LabException le ? le : new LabException(String.valueOf(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LabException("interrupted");
                }
            }
            return out;
        }
    }

    private void printHowToEnter(LabReport report) {
        report.progress("--keep: the lab keeps running; remove it with 'sudo ./v6mostly lab --clean" + tagOption() + "'");
        report.progress("  internet: sudo ip netns exec " + plan.internetNs() + " bash");
        report.progress("  gateway:  sudo ip netns exec " + plan.gatewayNs() + " bash   (metrics: curl http://"
                + LabGateway.METRICS + "/metrics; v6mostly nat64 sessions --metrics http://" + LabGateway.METRICS + ")");
        for (Device d : plan.lanHosts()) {
            report.progress("  " + d.name() + ": sudo ip netns exec " + d.ns() + " bash   (" + d.kind().label() + ", "
                    + d.iface() + ")");
        }
    }

    private String tagOption() {
        return "a".equals(plan.tag()) ? "" : " --tag " + plan.tag();
    }
}
