package net.v6mostly.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Commands for the network-namespace tests: every command runs with a time bound, its output goes
 * to a file (so a chatty process never blocks on a full pipe), and background processes are
 * remembered so they can be stopped by their own pid.
 */
final class Netns {
    private final Path dir;
    private final List<Process> background = new ArrayList<>();
    private int count;

    Netns(Path dir) {
        this.dir = dir;
    }

    /** The outcome of a command: exit status (-1 when it timed out) and its stdout+stderr. */
    record Result(int status, String out) {
        boolean ok() {
            return status == 0;
        }
    }

    /** {@code ip netns exec ns cmd...}. */
    static String[] in(String ns, String... cmd) {
        String[] full = new String[cmd.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = ns;
        System.arraycopy(cmd, 0, full, 4, cmd.length);
        return full;
    }

    /** Runs {@code cmd} for at most {@code seconds}. */
    Result run(int seconds, String... cmd) throws IOException, InterruptedException {
        Path out = dir.resolve("cmd-" + (++count) + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroy();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return new Result(done ? p.exitValue() : -1, text);
    }

    /** Runs {@code cmd} and fails with its output unless it exits 0. */
    String ok(int seconds, String... cmd) throws IOException, InterruptedException {
        Result r = run(seconds, cmd);
        if (!r.ok()) {
            throw new AssertionError(String.join(" ", cmd) + " exited " + r.status() + ":\n" + r.out());
        }
        return r.out();
    }

    /** Starts {@code cmd} in the background with its output in {@code log}. */
    Process start(Path log, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        background.add(p);
        return p;
    }

    /** Polls {@code condition} every 200 ms for at most {@code seconds}. */
    static boolean waitFor(int seconds, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }

    /** Stops every background process still running: SIGTERM, then SIGKILL after 3 s. */
    void stopAll() throws InterruptedException {
        for (Process p : background) {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : background) {
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        }
    }
}
