package net.v6mostly.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository (examples/) from a module's working directory, and runs the CLI. */
public final class RepoFiles {
    private RepoFiles() {
    }

    /** The repository root: the nearest ancestor of the working directory holding examples/siit.toml. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("examples/siit.toml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("examples/siit.toml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static Path example(String name) {
        return root().resolve("examples").resolve(name);
    }

    /** The outcome of one command line. */
    record Run(int status, String out, String err) {
    }

    /** Runs {@code v6mostly args...} in process. */
    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }
}
