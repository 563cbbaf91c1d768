package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's help, hidden ones included, reads as sentences at 80 columns: each element of a
 * {@code description} is a whole sentence (a capital first, then {@code .}, {@code :} or
 * {@code )} at its end), so picocli never shows a sentence cut where the next element starts and
 * the first element, the summary in the parent's command list, is complete; an indented element is
 * an example line that fits on one line; no rendered line is wider than 80 columns, and no
 * {@code [table]} name is broken across lines.
 */
class HelpTextTest {
    private static final int WIDTH = 80;

    static List<CommandLine> everyCommand() {
        List<CommandLine> out = new ArrayList<>();
        collect(new CommandLine(new Main()), out);
        return out;
    }

    private static void collect(CommandLine cmd, List<CommandLine> out) {
        cmd.setUsageHelpWidth(WIDTH);
        cmd.setUsageHelpAutoWidth(false);
        out.add(cmd);
        cmd.getSubcommands().values().forEach(sub -> collect(sub, out));
    }

    @Test
    void theTreeHoldsEveryCommand() {
        assertThat(everyCommand()).extracting(c -> c.getCommandSpec().qualifiedName()).contains("v6mostly",
                "v6mostly translate", "v6mostly siit stats", "v6mostly nat64 lookup", "v6mostly clat status",
                "v6mostly dhcp4 stats", "v6mostly gateway", "v6mostly check-config", "v6mostly lab",
                "v6mostly lab-serve", "v6mostly lab-probe").hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void everyDescriptionElementIsAWholeSentence() {
        List<String> wrong = new ArrayList<>();
        for (CommandLine cmd : everyCommand()) {
            CommandSpec spec = cmd.getCommandSpec();
            String[] description = spec.usageMessage().description();
            assertThat(description).as(spec.qualifiedName() + " has a description").isNotEmpty();
            for (String element : description) {
                check(spec.qualifiedName(), element, wrong);
            }
            for (ArgSpec arg : spec.args()) {
                for (String element : arg.description()) {
                    check(spec.qualifiedName() + " " + arg.paramLabel(), element, wrong);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static void check(String where, String element, List<String> wrong) {
        if (element.startsWith("  ")) {
            if (element.length() > WIDTH) {
                wrong.add(where + ": example wider than " + WIDTH + " columns: \"" + element + "\"");
            }
            return;
        }
        String text = element.strip();
        if (text.isEmpty() || !Character.isUpperCase(text.codePointAt(0))) {
            wrong.add(where + ": does not start with a capital: \"" + element + "\"");
        }
        if (!text.endsWith(".") && !text.endsWith(":") && !text.endsWith(")")) {
            wrong.add(where + ": ends mid-sentence: \"" + element + "\"");
        }
    }

    @Test
    void everyUsageFitsIn80ColumnsWithTableNamesWhole() {
        List<String> wrong = new ArrayList<>();
        for (CommandLine cmd : everyCommand()) {
            String name = cmd.getCommandSpec().qualifiedName();
            for (String line : cmd.getUsageMessage().split("\n", -1)) {
                if (line.length() > WIDTH) {
                    wrong.add(name + ": " + line.length() + " columns: " + line);
                }
            }
            CommandLine.Help help = cmd.getHelp();
            for (String section : List.of(help.description(), help.optionList(), help.parameterList(),
                    help.commandList())) {
                for (String line : section.split("\n")) {
                    if (line.chars().filter(c -> c == '[').count() != line.chars().filter(c -> c == ']').count()) {
                        wrong.add(name + ": a bracket split across lines: " + line);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyUrlIsShownWholeOnOneLine() {
        Pattern url = Pattern.compile("https?://[^\\s]*[^\\s.,;)]");
        List<String> wrong = new ArrayList<>();
        for (CommandLine cmd : everyCommand()) {
            CommandSpec spec = cmd.getCommandSpec();
            List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
            spec.args().forEach(a -> texts.addAll(List.of(a.description())));
            String usage = cmd.getUsageMessage();
            for (String text : texts) {
                Matcher m = url.matcher(text);
                while (m.find()) {
                    if (!usage.contains(m.group())) {
                        wrong.add(spec.qualifiedName() + ": " + m.group() + " is split across lines");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void summariesInTheCommandListAreWholeSentences() {
        String top = new CommandLine(new Main()).getUsageMessage();
        assertThat(top).contains("Check a gateway configuration without running it.\n",
                "report, and\n                  clean up.\n")
                .doesNotContain("then the\n");
    }
}
