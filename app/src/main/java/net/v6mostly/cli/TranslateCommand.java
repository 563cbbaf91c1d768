package net.v6mostly.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.ConfigFile;
import net.v6mostly.config.ConfigSections;
import net.v6mostly.config.SiitSection;
import net.v6mostly.pcap.PcapReader;
import net.v6mostly.pcap.PcapTranslation;
import net.v6mostly.pcap.PcapWriter;
import net.v6mostly.xlat.Siit;
import net.v6mostly.xlat.SiitSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v6mostly translate}: runs the packets of a pcap through the stateless translator
 * (RFC 7915, with RFC 6052 and RFC 7757 mapping) as configured by the {@code [siit]} table, and
 * writes what it emits to a pcap. See {@code docs/translate.md}.
 */
@Command(name = "translate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Translate a pcap with the stateless translator (SIIT, RFC 7915).",
            "Every packet the translator emits (translations, fragments, ICMP errors) is written to --out with the"
                + " input's timestamp; a line per packet tells its exit and what was emitted."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:unreadable or malformed pcap, I/O error", "2:usage or configuration error"})
public final class TranslateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The configuration file (TOML) with a [siit] table.")
    private Path config;

    @Option(names = "--in", required = true, paramLabel = "PCAP",
            description = "The input pcap: link type RAW, IPV4, IPV6 or Ethernet.")
    private Path input;

    @Option(names = "--out", required = true, paramLabel = "PCAP", description = "The output pcap (LINKTYPE_RAW).")
    private Path output;

    @ArgGroup(exclusive = true)
    private Verbosity verbosity = new Verbosity();

    /** --quiet and --summary-only exclude each other. */
    static final class Verbosity {
        @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
        boolean quiet;

        @Option(names = "--summary-only", description = "Print only the totals line.")
        boolean summaryOnly;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SiitSettings settings;
        try {
            ConfigFile file = ConfigFile.load(config);
            ConfigSections.checkKnown(file);
            settings = SiitSection.read(file);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Main.USAGE_ERROR;
        }
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            err.println("translate: --in and --out are the same file (" + input + "); the input would be overwritten");
            return Main.USAGE_ERROR;
        }
        return translate(new Siit(settings), err);
    }

    private int translate(Siit siit, PrintWriter err) {
        PcapReader reader;
        try {
            reader = PcapReader.open(input);
        } catch (NoSuchFileException e) {
            err.println("cannot read " + input + ": no such file");
            return Main.RUNTIME_ERROR;
        } catch (IOException e) {
            err.println("cannot read " + input + ": " + e.getMessage());
            return Main.RUNTIME_ERROR;
        }
        try (reader; PcapWriter writer = openOutput(err)) {
            if (writer == null) {
                return Main.RUNTIME_ERROR;
            }
            new PcapTranslation(siit, spec.commandLine().getOut(), report()).run(reader, writer);
            return Main.OK;
        } catch (IOException e) {
            err.println(e.getMessage());
            return Main.RUNTIME_ERROR;
        } catch (PcapTranslation.TranslatorFailed e) {
            err.println(e.getMessage());
            return Main.RUNTIME_ERROR;
        }
    }

    private PcapWriter openOutput(PrintWriter err) {
        try {
            return PcapWriter.create(output);
        } catch (IOException e) {
            err.println("cannot write " + output + ": " + e);
            return null;
        }
    }

    private PcapTranslation.Report report() {
        if (verbosity.quiet) {
            return PcapTranslation.Report.QUIET;
        }
        return verbosity.summaryOnly ? PcapTranslation.Report.SUMMARY_ONLY : PcapTranslation.Report.EVERY_PACKET;
    }
}
