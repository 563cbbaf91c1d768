package net.v6mostly.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.RunConfig;
import net.v6mostly.config.RunConfigs;
import net.v6mostly.service.Runner;
import net.v6mostly.service.Service;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every daemon command ({@code gateway}, {@code siit}, {@code nat64}, {@code clat},
 * {@code dhcp4}, {@code ra}, {@code dns64}) does once picocli has parsed it: take {@code -c FILE},
 * read it for this command ({@link RunConfigs}) and hand the command's services to the
 * {@link Runner}. A subclass names its services, and its subcommands when {@code -c} may be left out.
 */
abstract class DaemonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The configuration file (TOML): docs/${COMMAND-NAME}.md names its tables.")
    Path config;

    /** The services this command runs for {@code config}, in start order. */
    abstract List<Service> services(RunConfig config, Runner.Log log);

    /** The subcommands that run without {@code -c}, for the error when it is missing; none by default. */
    String subcommands() {
        return "";
    }

    /** The configuration in the file (or, for a subclass, elsewhere). */
    RunConfig load() throws ConfigException {
        return RunConfigs.load(spec.name(), config);
    }

    @Override
    public Integer call() {
        if (config == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--config=FILE'"
                    + (subcommands().isEmpty() ? "" : " (or a subcommand: " + subcommands() + ")"));
        }
        return run();
    }

    /** Runs the services until SIGTERM/SIGINT; the exit status. */
    int run() {
        Runner.Log log = Runner.slf4j();
        return Runner.runCommand(spec.name(), this::load, c -> services(c, log), spec.name().equals("gateway"), log,
                spec.commandLine().getErr());
    }

    /** {@code --check} of a command: the located error (exit 2), or the warnings and {@code ok} (exit 0). */
    int check(java.util.function.Function<RunConfig, String> ok) {
        try {
            RunConfig c = load();
            c.warnings().forEach(w -> spec.commandLine().getErr().println(spec.name() + ": warning: " + w));
            spec.commandLine().getOut().println(ok.apply(c));
            return Runner.OK;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return Runner.USAGE;
        }
    }
}
