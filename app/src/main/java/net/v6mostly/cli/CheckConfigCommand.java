package net.v6mostly.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import net.v6mostly.config.ConfigCheck;
import net.v6mostly.config.ConfigException;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v6mostly check-config -c FILE}: a dry run of a gateway configuration, like {@code
 * kea-dhcp4 -T}: every table is read on its own and the cross-component checks run on the
 * result; each finding names file, line and key. Nothing is opened or sent. See {@code
 * docs/gateway.md}.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check a gateway configuration without running it.",
            "It reads every table, then checks across components: PREF64 against the router lifetime, a /96"
                + " for Android, V6ONLY_WAIT, the DNS64 and NAT64 prefixes, NAT64 pool4 against the DHCPv4 pools,"
                + " that the interfaces exist, and that the RA's RDNSS is the DNS64. See docs/gateway.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings may be printed)", "1:warnings only, with --strict",
            "2:errors, or the file cannot be read or parsed"})
public final class CheckConfigCommand implements Callable<Integer> {
    /** Exit status for "warnings only" under {@code --strict}. */
    static final int WARNINGS = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The configuration file (TOML).")
    private Path config;

    @Option(names = "--strict", description = "Exit 1 when there are warnings but no errors.")
    private boolean strict;

    @Option(names = "--no-interfaces", description = "Do not check that the interfaces exist (to check a file for another machine).")
    private boolean noInterfaces;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConfigFile file;
        try {
            file = ConfigFile.load(config);
        } catch (ConfigException e) {
            out.println("error: " + e.getMessage() + " [parse]");
            out.println("1 error(s), 0 warning(s)");
            return Main.USAGE_ERROR;
        }
        List<Finding> findings = ConfigCheck.check(file, noInterfaces ? null : ConfigCheck::interfaceExists);
        findings.stream().filter(Finding::error).forEach(out::println);
        findings.stream().filter(f -> !f.error()).forEach(out::println);
        long errors = findings.stream().filter(Finding::error).count();
        long warnings = findings.size() - errors;
        out.println(errors == 0 && warnings == 0 ? config + ": ok"
                : errors + " error(s), " + warnings + " warning(s)");
        out.flush();
        if (errors > 0) {
            return Main.USAGE_ERROR;
        }
        return strict && warnings > 0 ? WARNINGS : Main.OK;
    }
}
