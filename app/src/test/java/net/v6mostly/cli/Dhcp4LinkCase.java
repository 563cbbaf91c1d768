package net.v6mostly.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle of the tests on a {@link Dhcp4Link}: a temporary directory per test, the link a
 * test opens there, and its clean-up after the test whatever happened.
 */
abstract class Dhcp4LinkCase {
    @TempDir
    Path dir;
    /** The test's LAN; null until the test opens it. */
    Dhcp4Link link;

    @AfterEach
    void closeLink() throws Exception {
        if (link != null) {
            link.close();
        }
    }
}
