package net.v6mostly.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import net.v6mostly.config.InterfaceNames;
import net.v6mostly.config.RunConfigs;
import net.v6mostly.service.ClatService;
import net.v6mostly.service.Runner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v6mostly clat -c FILE} or {@code v6mostly clat --interface IF}: the CLAT of 464XLAT
 * (RFC 6877) on this host, in the foreground. See {@code docs/clat.md}.
 */
@Command(name = "clat", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = ClatStatusCommand.class,
        description = {"Run a CLAT (464XLAT, RFC 6877) for this host on an IPv6-only uplink, in the foreground.",
            "It learns the NAT64 prefix from RAs (RFC 8781) or ipv4only.arpa (RFC 7050) and turns itself on only"
                + " while the host has no native IPv4 (draft-ietf-v6ops-claton). SIGTERM or SIGINT stop it and undo"
                + " its changes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or SIGINT", "1:runtime error (TUN device, rtnetlink, sockets)",
            "2:usage or configuration error"})
public final class ClatCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The configuration file (TOML) with a [clat] table.")
    private Path config;

    @Option(names = {"-i", "--interface"}, paramLabel = "IF",
            description = "The IPv6-only uplink, with defaults for everything else (instead of -c).")
    private String iface;

    @Override
    public Integer call() {
        if ((config == null) == (iface == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --config=FILE or --interface=IF (or a subcommand: status)");
        }
        if (iface != null) {
            try {
                InterfaceNames.check(iface);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--interface: " + e.getMessage());
            }
        }
        return Runner.runCommand("clat", () -> config != null ? RunConfigs.load("clat", config) : RunConfigs.clatDefaults(iface),
                c -> List.of(new ClatService(c.clat())), false, Runner.slf4j(), spec.commandLine().getErr());
    }
}
