package net.v6mostly.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code v6mostly}: one program for an IPv6-mostly network. The daemons
 * ({@code gateway}, and each component alone: {@code siit}, {@code nat64}, {@code clat},
 * {@code dhcp4}, {@code ra}, {@code dns64}), the tools ({@code translate}, {@code check-config}) and
 * the lab ({@code lab}); see {@code docs/}.
 */
@Command(name = "v6mostly", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "An IPv6-mostly network in one program: SIIT/NAT64, DHCPv4 Option 108, RA PREF64, DNS64, CLAT.",
        subcommands = {TranslateCommand.class, SiitCommand.class, Dns64Command.class, RaCommand.class,
                Dhcp4Command.class, Nat64Command.class, ClatCommand.class, GatewayCommand.class,
                CheckConfigCommand.class, LabCommand.class, LabServeCommand.class, LabProbeCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:runtime error (unreadable input, I/O failure)",
            "2:usage or configuration error"})
public final class Main implements Runnable {
    /** Everything went well. */
    public static final int OK = 0;
    /** A runtime error: unreadable input, an I/O failure. */
    public static final int RUNTIME_ERROR = 1;
    /** A usage or configuration error. */
    public static final int USAGE_ERROR = 2;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** Runs the command line with the given streams and returns the exit status; for tests. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(line.getCommandName() + ": internal error: " + e);
            e.printStackTrace(line.getErr());
            return RUNTIME_ERROR;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }
}
