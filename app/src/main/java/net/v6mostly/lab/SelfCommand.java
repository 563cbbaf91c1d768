package net.v6mostly.lab;

import java.util.ArrayList;
import java.util.List;

/** A {@code v6mostly} subcommand run as its own process (inside a namespace), with this JVM's Java and classpath. */
public final class SelfCommand {
    private SelfCommand() {
    }

    public static List<String> of(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-Xss512k", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "net.v6mostly.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code ip netns exec ns java ... Main args}. */
    public static List<String> in(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(of(args));
        return cmd;
    }
}
