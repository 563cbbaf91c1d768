package net.v6mostly;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §2, enforced: each layer depends only on those above it. Modules enforce it at build
 * time; this test also catches what Maven cannot see (packages inside one module, and the rule that
 * engines never import {@code config}).
 */
class ArchitectureTest {
    static final String[] CORE = {"net.v6mostly.addr..", "net.v6mostly.wire..", "net.v6mostly.stats..",
        "net.v6mostly.xlat..", "net.v6mostly.dhcp4..", "net.v6mostly.ndp..", "net.v6mostly.pcap.."};
    static final String[] LINUX = {"net.v6mostly.linux..", "net.v6mostly.tun..", "net.v6mostly.datapath..",
        "net.v6mostly.net.."};
    static final String[] DNS64 = {"net.v6mostly.dns64.."};
    static final String[] APP_ONLY = {"net.v6mostly.config..", "net.v6mostly.cli..", "net.v6mostly.ops..",
        "net.v6mostly.gateway..", "net.v6mostly.lab..", "net.v6mostly.service.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("net.v6mostly");
    }

    static String[] plus(String[] base, String... more) {
        return Stream.concat(Arrays.stream(base), Arrays.stream(more)).toArray(String[]::new);
    }

    static String[] plus(String[] a, String[] b, String... more) {
        return plus(plus(a, b), more);
    }

    @Test
    void theImportSeesEveryModule() {
        assertThat(classes.contain(net.v6mostly.xlat.Siit.class)).isTrue();
        assertThat(classes.contain(net.v6mostly.pcap.PcapReader.class)).isTrue();
        assertThat(classes.contain(net.v6mostly.cli.Main.class)).isTrue();
        assertThat(classes.contain(net.v6mostly.tun.TunDevice.class)).isTrue();
        assertThat(classes.contain(net.v6mostly.datapath.SiitWorker.class)).isTrue();
        assertThat(classes.contain(net.v6mostly.linux.Rtnetlink.class)).isTrue();
        assertThat(classes.contain(net.v6mostly.dns64.Dns64Resolver.class)).isTrue();
    }

    @Test
    void coreUsesJavaBaseOnly() {
        classes().that().resideInAnyPackage(CORE)
                .should().onlyDependOnClassesThat().resideInAnyPackage(plus(CORE, "java.."))
                .check(classes);
    }

    @Test
    void linuxUsesCoreOnly() {
        classes().that().resideInAnyPackage(LINUX)
                .should().onlyDependOnClassesThat().resideInAnyPackage(plus(LINUX, CORE, "java.."))
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void dns64UsesCoreAndDnsjavaOnly() {
        classes().that().resideInAnyPackage(DNS64)
                .should().onlyDependOnClassesThat().resideInAnyPackage(plus(DNS64, CORE, "org.xbill.DNS..", "java.."))
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void noEngineOrPlatformCodeImportsConfigOrCli() {
        noClasses().that().resideInAnyPackage(plus(CORE, LINUX, DNS64))
                .should().dependOnClassesThat().resideInAnyPackage(APP_ONLY)
                .check(classes);
    }

    @Test
    void theGatewayAndTheServicesNeverReachUpIntoTheCommands() {
        noClasses().that().resideInAnyPackage("net.v6mostly.gateway..", "net.v6mostly.service..",
                "net.v6mostly.ops..", "net.v6mostly.config..")
                .should().dependOnClassesThat().resideInAnyPackage("net.v6mostly.cli..")
                .check(classes);
    }

    /** Issue 16: {@code cli} holds commands only; what runs lives in {@code service} (DESIGN.md §2). */
    @Test
    void cliHoldsCommandsOnly() {
        classes().that().resideInAPackage("net.v6mostly.cli").and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should().beAnnotatedWith(picocli.CommandLine.Command.class)
                .orShould().haveSimpleNameEndingWith("Command")
                .orShould().haveSimpleName("Main")
                .orShould().implement(picocli.CommandLine.IVersionProvider.class)
                .check(classes);
    }

    /** dnsjava stays in the DNS64 module (and the lab's test DNS server): the rest talks to it through {@code dns64}. */
    @Test
    void dnsjavaOnlyInDns64AndTheLab() {
        noClasses().that().resideOutsideOfPackages("net.v6mostly.dns64..", "net.v6mostly.lab..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xbill..")
                .check(classes);
    }

    @Test
    void theRulesBite() {
        ArchRule cliAsIfCore = classes().that().resideInAnyPackage("net.v6mostly.cli..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(plus(CORE, "java.."));
        assertThat(cliAsIfCore.evaluate(classes).hasViolation()).as("cli uses picocli, so must violate").isTrue();
        ArchRule configAsIfEngine = noClasses().that().resideInAnyPackage("net.v6mostly.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(APP_ONLY[0]);
        assertThat(configAsIfEngine.evaluate(classes).hasViolation()).isTrue();
    }
}
