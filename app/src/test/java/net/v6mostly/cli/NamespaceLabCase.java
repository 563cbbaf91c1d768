package net.v6mostly.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the namespace test classes that share one {@link NamespaceLab} among their tests have in
 * common: the lab, opened by the subclass's {@code @BeforeAll} through {@link #openLab} and closed
 * after the last test whatever happened, its directory and its command runner, and a random tag
 * for the namespace names, so that two runs on one machine do not collide.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NamespaceLabCase {
    /** Four random hex digits; namespace names are a per-class prefix, this tag and a role letter. */
    final String tag = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    NamespaceLab lab;
    /** The lab's directory. */
    Path dir;
    /** The lab's command runner. */
    Netns sh;

    /** Opens the lab: see {@link NamespaceLab#open}. */
    void openLab(String what, String reportTag, String tempPrefix, List<String> tools) throws IOException {
        lab = NamespaceLab.open(what, reportTag, tempPrefix, tools);
        dir = lab.dir;
        sh = lab.sh;
    }

    @AfterAll
    void closeLab() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }
}
