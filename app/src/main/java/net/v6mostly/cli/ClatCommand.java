package net.v6mostly.cli;

import java.util.List;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.InterfaceNames;
import net.v6mostly.config.RunConfig;
import net.v6mostly.config.RunConfigs;
import net.v6mostly.service.ClatService;
import net.v6mostly.service.Runner;
import net.v6mostly.service.Service;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
public final class ClatCommand extends DaemonCommand {
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
        return run();
    }

    @Override
    RunConfig load() throws ConfigException {
        return config != null ? super.load() : RunConfigs.clatDefaults(iface);
    }

    @Override
    List<Service> services(RunConfig c, Runner.Log log) {
        return List.of(new ClatService(c.clat(), log.component("clat")));
    }
}
