package net.v6mostly.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.ConfigSections;
import net.v6mostly.config.Dns64Section;
import net.v6mostly.dns64.Dns64Counters;
import net.v6mostly.dns64.Dns64Server;
import net.v6mostly.dns64.Dns64Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code v6mostly dns64}: the DNS64 proxy (RFC 6147) with local ipv4only.arpa (RFC 8880), in the
 * foreground, as configured by the {@code [dns64]} table. SIGTERM or SIGINT stop it with status 0
 * after printing the counters; SIGHUP re-reads the file (a bad file keeps the running settings). A
 * listening socket that fails for good stops it with status 1 ({@link Dns64Server#failure()}).
 * See {@code docs/dns64.md}.
 */
@Command(name = "dns64", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the DNS64 proxy (RFC 6147) in the foreground.",
            "SIGTERM or SIGINT print the counters and stop it (exit 0); SIGHUP reloads the configuration."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or SIGINT", "1:cannot listen, or a listening socket failed for good",
            "2:usage or configuration error"})
public final class Dns64Command implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The configuration file (TOML) with a [dns64] table.")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Dns64Settings settings;
        try {
            settings = load();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Main.USAGE_ERROR;
        }
        Dns64Counters counters = new Dns64Counters(line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        });
        Dns64Server server;
        try {
            server = Dns64Server.start(settings, counters);
        } catch (IOException e) {
            err.println("dns64: " + e.getMessage());
            return Main.RUNTIME_ERROR;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("HUP"), s -> reload(server, out, err));
        server.failure().thenRun(stop::countDown);
        // Printed once the handlers are in place: a supervisor that waits for this line may signal at once
        // (before them, SIGHUP would still kill the JVM).
        out.println("dns64: listening on " + server.addresses() + " (UDP and TCP); upstreams " + settings.upstreams()
                + "; prefixes " + settings.prefixes());
        out.flush();
        stop.await();
        server.close();
        Throwable failed = server.failure().getNow(null);
        if (failed != null) {
            err.println("dns64: stopping: " + failed.getMessage());
            err.flush();
        }
        out.println("dns64: stopped; counters:");
        out.print(counters.report());
        out.flush();
        return failed == null ? Main.OK : Main.RUNTIME_ERROR;
    }

    private Dns64Settings load() throws ConfigException {
        ConfigFile file = ConfigFile.load(config);
        ConfigSections.checkKnown(file);
        return Dns64Section.read(file);
    }

    private void reload(Dns64Server server, PrintWriter out, PrintWriter err) {
        try {
            server.reload(load());
            out.println("dns64: reloaded " + config + " (listen addresses and limits need a restart)");
        } catch (ConfigException e) {
            err.println("dns64: reload refused, keeping the running settings: " + e.getMessage());
        }
        out.flush();
        err.flush();
    }
}
