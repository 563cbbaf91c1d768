package net.v6mostly.linux;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper around iproute2 for a throw-away named network namespace: every process bounded by
 * a timeout and killed when it overruns, output captured through a file so no pipe can block.
 */
final class NamespaceShell {
    private static final long TIMEOUT_SECONDS = 60;

    /** Exit status and combined output of one process. */
    record Result(int exit, String output) {
        Result orFail(String what) {
            if (exit != 0) {
                throw new AssertionError(what + " exited " + exit + ":\n" + output);
            }
            return this;
        }
    }

    private NamespaceShell() {
    }

    /** The ip binary from PATH, then the sbin directories a non-root PATH may lack; null when absent. */
    static String ip() {
        List<String> dirs = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                dirs.add(dir);
            }
        }
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            Path candidate = Path.of(dir, "ip");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** Whether this process runs with uid 0 (/proc/self/status, proc(5)). */
    static boolean root() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Runs {@code command} to completion within the timeout; a process that overruns is killed. */
    static Result run(String... command) {
        File out = null;
        Process p = null;
        try {
            out = File.createTempFile("v6m-netlink-", ".out");
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + TIMEOUT_SECONDS + " s: " + Arrays.toString(command));
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "could not run " + Arrays.toString(command) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted: " + Arrays.toString(command));
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            if (out != null) {
                out.delete();
            }
        }
    }

    /** {@code java -cp <test class path> main args...} with this JVM's binary, inside namespace {@code ns}. */
    static Result javaIn(String ns, String main, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(ip(), "netns", "exec", ns, java,
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, main));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }
}
