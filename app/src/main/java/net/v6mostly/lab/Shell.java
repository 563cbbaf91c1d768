package net.v6mostly.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the lab's commands. Every command has a time bound; output goes to a file in the lab's
 * work directory (a chatty process can never block on a full pipe), and background processes are
 * remembered so that {@link #stopAll()} ends them.
 */
public final class Shell {
    private final Path dir;
    private final List<Process> background = new ArrayList<>();
    private int count;

    public Shell(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** A finished command: its exit status (-1 when it ran out of time) and its stdout+stderr. */
    public record Result(int status, String out) {
        public boolean ok() {
            return status == 0;
        }
    }

    /** {@code ip netns exec ns cmd...}. */
    public static List<String> in(String ns, String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        return full;
    }

    /** Runs {@code cmd} for at most {@code seconds}. Never throws for a failing command. */
    public Result run(int seconds, List<String> cmd) {
        Path out = dir.resolve("cmd-" + (++count) + ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            return new Result(done ? p.exitValue() : -1, text);
        } catch (IOException e) {
            return new Result(127, cmd.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    public Result run(int seconds, String... cmd) {
        return run(seconds, List.of(cmd));
    }

    /** Runs a command that must succeed (lab set-up); throws {@link LabException} with its output. */
    public String must(List<String> cmd) {
        Result r = run(30, cmd);
        if (!r.ok()) {
            throw new LabException("'" + String.join(" ", cmd) + "' failed (" + r.status() + "): " + r.out().strip());
        }
        return r.out();
    }

    public String must(String... cmd) {
        return must(List.of(cmd));
    }

    /** Starts a background process whose stdout+stderr go to {@code log}. */
    public Process start(Path log, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            synchronized (background) {
                background.add(p);
            }
            return p;
        } catch (IOException e) {
            throw new LabException("cannot start " + cmd.getFirst() + ": " + e.getMessage());
        }
    }

    /** Ends every background process: SIGTERM, then SIGKILL after two seconds. */
    public void stopAll() {
        List<Process> all;
        synchronized (background) {
            all = new ArrayList<>(background);
            background.clear();
        }
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : all) {
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether {@code tool} is an executable on the PATH (or an absolute path). */
    public static boolean has(String tool) {
        if (tool.startsWith("/")) {
            return Files.isExecutable(Path.of(tool));
        }
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
