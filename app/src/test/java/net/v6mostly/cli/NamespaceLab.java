package net.v6mostly.cli;

import static net.v6mostly.cli.Netns.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scaffolding the daemon namespace tests share: the preconditions (root, the tools, /dev/net/tun;
 * a missing tool skips, but under {@code CI=true} it fails, since .ci/run installs them and a skip
 * there would hide a broken install), a temporary directory, namespaces and veth pairs that are
 * remembered as they are made, {@code v6mostly} daemons started inside a namespace, and
 * {@link #close()}, which undoes all of it, also after a failed set-up: it stops the daemons and
 * every background command, kills whatever still runs in the namespaces this lab made (nothing
 * else), deletes the TUNs and namespaces, prints the logs asked for and removes the directory.
 * Commands go through {@link Netns}, so each one is bounded in time.
 */
final class NamespaceLab implements AutoCloseable {
    /** The lab's temporary directory: configuration files, logs, served files. */
    final Path dir;
    /** Runs the commands. */
    final Netns sh;
    private final String tag;
    private final List<String> created = new ArrayList<>();
    private final List<String[]> tuns = new ArrayList<>();
    private final List<Process> daemons = new ArrayList<>();
    private final List<Dump> dumps = new ArrayList<>();

    private record Dump(String label, Path log, int maxLines) {
    }

    private NamespaceLab(Path dir, String tag) {
        this.dir = dir;
        this.sh = new Netns(dir);
        this.tag = tag;
    }

    /**
     * Checks the preconditions, then makes the lab's directory.
     *
     * @param what how a skip names the test, e.g. "network namespace test"
     * @param tag what {@link #report} lines start with, e.g. "netns"
     * @param tempPrefix the temporary directory's name prefix
     * @param tools the commands the test runs; all must be on the PATH
     */
    static NamespaceLab open(String what, String tag, String tempPrefix, List<String> tools) throws IOException {
        assumeTrue(isRoot(), what + " skipped: needs root (ip netns, TUN devices)");
        List<String> missing = tools.stream().filter(t -> !onPath(t)).toList();
        if ("true".equals(System.getenv("CI"))) { // .ci/run installs them: a skip there would hide a broken install
            assertThat(missing).as("tools .ci/run should have installed").isEmpty();
        }
        assumeTrue(missing.isEmpty(), what + " skipped: missing tools " + missing);
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), what + " skipped: no /dev/net/tun");
        return new NamespaceLab(Files.createTempDirectory(tempPrefix), tag);
    }

    // ---- topology

    /** Creates the namespaces, each with its loopback up, and remembers them for {@link #close()}. */
    void namespaces(String... names) throws IOException, InterruptedException {
        for (String ns : names) {
            sh.ok(5, "ip", "netns", "add", ns);
            created.add(ns);
            sh.ok(5, "ip", "-n", ns, "link", "set", "lo", "up");
        }
    }

    /** A veth pair: {@code dev} in {@code ns}, its peer {@code peerDev} in {@code peerNs}. */
    void veth(String ns, String dev, String peerNs, String peerDev) throws IOException, InterruptedException {
        sh.ok(5, "ip", "-n", ns, "link", "add", dev, "type", "veth", "peer", "name", peerDev, "netns", peerNs);
    }

    /** {@code ip -n ns args} (args split at spaces), failing unless it exits 0. */
    void ip(String ns, String args) throws IOException, InterruptedException {
        sh.ok(5, Stream.concat(Stream.of("ip", "-n", ns), Stream.of(args.split(" +"))).toArray(String[]::new));
    }

    /** {@code sysctl -qw settings...} inside {@code ns}. */
    void sysctl(String ns, String... settings) throws IOException, InterruptedException {
        String[] cmd = new String[settings.length + 2];
        cmd[0] = "sysctl";
        cmd[1] = "-qw";
        System.arraycopy(settings, 0, cmd, 2, settings.length);
        sh.ok(5, in(ns, cmd));
    }

    /**
     * An IPv6 host on its own link to {@code router}: veth {@code routerDev} - {@code hostDev},
     * 2001:db8:{@code n}::1/64 on the router's side, 2001:db8:{@code n}::2/64 on the host's, both
     * up, and the host's route to the translator prefix 2001:db8:64::/96 through the router.
     */
    void ipv6Host(String router, String routerDev, String host, String hostDev, int n)
            throws IOException, InterruptedException {
        veth(router, routerDev, host, hostDev);
        ip(host, "address add 2001:db8:" + n + "::2/64 dev " + hostDev + " nodad");
        ip(host, "link set " + hostDev + " up");
        ip(host, "route add 2001:db8:64::/96 via 2001:db8:" + n + "::1");
        ip(router, "address add 2001:db8:" + n + "::1/64 dev " + routerDev + " nodad");
        ip(router, "link set " + routerDev + " up");
    }

    /**
     * The IPv4-only server behind a translator: veth {@code xs} (router, 198.18.1.1/24) -
     * {@code s0} (server, {@code address}/24, IPv6 disabled), forwarding on in the router, and the
     * server's route to {@code back} (the translator's IPv4 side) through the router.
     */
    void ipv4Server(String router, String server, String address, String back)
            throws IOException, InterruptedException {
        veth(router, "xs", server, "s0");
        sysctl(router, "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
        ip(router, "address add 198.18.1.1/24 dev xs");
        ip(router, "link set xs up");
        sysctl(server, "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        ip(server, "address add " + address + "/24 dev s0");
        ip(server, "link set s0 up");
        ip(server, "route add " + back + " via 198.18.1.1");
    }

    /**
     * The provider of the CLAT tests: {@code isp} forwards between the IPv6-only access link
     * {@code down0} (2001:db8:1:2::1/64; its peer is {@code hostDev} in {@code host}, left to the
     * caller) and {@code wan0} (198.51.100.1/24) toward the IPv4-only {@code server}
     * ({@code address}/24 on eth0, its default route back through the provider).
     */
    void provider(String isp, String host, String hostDev, String server, String address)
            throws IOException, InterruptedException {
        veth(host, hostDev, isp, "down0");
        veth(isp, "wan0", server, "eth0");
        sysctl(isp, "net.ipv6.conf.all.forwarding=1", "net.ipv4.ip_forward=1");
        for (String dev : List.of("down0", "wan0")) {
            ip(isp, "link set " + dev + " up");
        }
        ip(isp, "address add 2001:db8:1:2::1/64 dev down0 nodad");
        ip(isp, "address add 198.51.100.1/24 dev wan0");
        ip(server, "link set eth0 up");
        ip(server, "address add " + address + "/24 dev eth0");
        ip(server, "route add default via 198.51.100.1");
    }

    /**
     * TAYGA as a PLAT in {@code ns} (RFC 6146 by way of NAT64 with a dynamic pool in
     * 198.18.255.0/24 on TUN {@code nat64}, then nftables masquerade out of {@code wan}) for
     * {@code pref64}: makes the TUN and the routes the first time, points the prefix's route at it,
     * starts TAYGA with its log in {@code log}. Call again (after stopping the previous one) to
     * change the prefix.
     */
    Process taygaPlat(String ns, String pref64, String wan, Path log) throws IOException, InterruptedException {
        Path data = Files.createDirectories(dir.resolve("tayga-data"));
        Files.deleteIfExists(data.resolve("dynamic.map"));
        Path conf = Files.writeString(dir.resolve("tayga.conf"), "tun-device nat64\nipv4-addr 198.18.255.1\nprefix "
                + pref64 + "\ndynamic-pool 198.18.255.0/24\ndata-dir " + data + "\n");
        if (!succeeds(in(ns, "ip", "link", "show", "nat64"))) {
            tun(ns, "nat64");
            sh.ok(10, in(ns, "tayga", "-c", conf.toString(), "--mktun"));
            ip(ns, "link set nat64 up");
            ip(ns, "route add 198.18.255.0/24 dev nat64");
            Path nft = Files.writeString(dir.resolve("plat-nat.nft"), """
                    table ip v6mostly_test_plat {
                      chain post {
                        type nat hook postrouting priority 100; policy accept;
                        ip saddr 198.18.255.0/24 oifname "%s" masquerade
                      }
                    }
                    """.formatted(wan));
            sh.ok(5, in(ns, "nft", "-f", nft.toString()));
        }
        ip(ns, "-6 route replace " + pref64 + " dev nat64");
        Process p = sh.start(log, in(ns, "tayga", "-c", conf.toString(), "-d"));
        daemons.add(p);
        return p;
    }

    /** Remembers a TUN device (made by a daemon or a tool) that {@link #close()} deletes. */
    void tun(String ns, String name) {
        tuns.add(new String[] {ns, name});
    }

    /** Has {@link #close()} print {@code log}, at most {@code maxLines} of it (0: all), if it exists. */
    void dumpAtEnd(String label, Path log, int maxLines) {
        dumps.add(new Dump(label, log, maxLines));
    }

    // ---- v6mostly

    /** Starts {@code v6mostly args...} inside {@code ns} in the background; {@link #close()} stops it first. */
    Process daemon(String ns, Path log, String... args) throws IOException {
        Process p = sh.start(log, in(ns, main(List.of(java(), "--enable-native-access=ALL-UNNAMED"), args)));
        daemons.add(p);
        return p;
    }

    /**
     * Starts the translator {@code v6mostly command -c config} in {@code ns} with its output in
     * {@link #dir}/daemon.log (printed at the end, at most {@code dumpLines} lines, 0: all) and
     * waits until it passes {@code probe} (see {@link #awaitTranslating}).
     */
    Process translator(String ns, String command, Path config, int dumpLines, String... probe)
            throws IOException, InterruptedException {
        Path log = dir.resolve("daemon.log");
        dumpAtEnd("daemon log", log, dumpLines);
        Process p = daemon(ns, log, command, "-c", config.toString());
        awaitTranslating(p, log, probe);
        return p;
    }

    /**
     * Waits up to 30 s for a translator {@code daemon} to pass {@code probe}, fails with its log
     * otherwise, and reports its "translating on" line.
     */
    void awaitTranslating(Process daemon, Path log, String... probe) throws InterruptedException {
        boolean ready = Netns.waitFor(30, () -> daemon.isAlive() && succeeds(probe));
        assertThat(ready).as("the daemon passes ping within 30 s; its log:\n%s", read(log)).isTrue();
        report("daemon started", lastLine(read(log), "translating on"));
    }

    /** Runs the command {@code v6mostly args...} inside {@code ns} for at most {@code seconds}; its output. */
    String cli(int seconds, String ns, String... args) throws IOException, InterruptedException {
        return sh.ok(seconds, in(ns, main(List.of(java()), args)));
    }

    private static String[] main(List<String> java, String... args) {
        List<String> cmd = new ArrayList<>(java);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "net.v6mostly.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    // ---- servers

    /**
     * {@code python3 -m http.server port --bind address --directory root} inside {@code ns}, for at
     * most 300 s, in the background with its output in {@code log} (a name in {@link #dir}).
     */
    Process httpServer(String ns, String log, String address, int port, Path root) throws IOException {
        return sh.start(dir.resolve(log), in(ns, "timeout", "300", "python3", "-m", "http.server",
                Integer.toString(port), "--bind", address, "--directory", root.toString()));
    }

    /**
     * The IPv4 server of the translator tests: {@code www/blob} (see {@link #writeBlob}) served over
     * HTTP on {@code address}:8080 and an iperf3 server on {@code address}; returns the blob's
     * SHA-256. The caller waits until they listen.
     */
    String blobServer(String ns, String address, long seed) throws IOException {
        Path www = Files.createDirectories(dir.resolve("www"));
        String sha = writeBlob(www, seed);
        httpServer(ns, "http.log", address, 8080, www);
        sh.start(dir.resolve("iperf3.log"), in(ns, "timeout", "300", "iperf3", "-s", "-B", address));
        return sha;
    }

    // ---- traffic

    /** {@code ping args...} in {@code ns}, bounded to {@code seconds}; reports its summary line as {@code what}. */
    String ping(int seconds, String ns, String what, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ping";
        System.arraycopy(args, 0, cmd, 1, args.length);
        String out = sh.ok(seconds, in(ns, cmd));
        report(what, firstLine(out, "packets transmitted"));
        return out;
    }

    /**
     * Fetches {@code www/blob} of {@link #blobServer} from {@code [address6]:8080} with curl in
     * {@code ns} (45 s at most), reports size, time and whether it matches {@code expected}; returns
     * the SHA-256 of what arrived.
     */
    String fetchBlob(String ns, String address6, String what, String expected)
            throws IOException, InterruptedException {
        Path got = dir.resolve("got");
        Files.deleteIfExists(got);
        long start = System.nanoTime();
        sh.ok(60, in(ns, "curl", "-g", "-sS", "--max-time", "45", "-o", got.toString(),
                "http://[" + address6 + "]:8080/blob"));
        String sum = sha256(Files.readAllBytes(got));
        report(what + " of the 2 MB file", Files.size(got) + " bytes in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms, sha256 " + sum.substring(0, 16)
                + "... " + (sum.equals(expected) ? "matches" : "DIFFERS"));
        return sum;
    }

    /** What one iperf3 run measured: the bytes and the rate of its {@code end} summary, and its JSON. */
    record Iperf3(long bytes, double bitsPerSecond, String json) {
    }

    /**
     * A 2 s {@code iperf3 -J -c target extra...} from {@code ns} (30 s at most): fails unless it
     * exits 0 without an error and its {@code end} section has the summary {@code key} ("sum" for
     * UDP, "sum_received" for TCP); returns that summary.
     */
    Iperf3 iperf3(String ns, String target, String key, List<String> extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("timeout", "30", "iperf3", "-c", target, "-t", "2", "-J"));
        cmd.addAll(extra);
        Netns.Result r = sh.run(40, in(ns, cmd.toArray(String[]::new)));
        assertThat(r.out()).as("iperf3 %s: %s", extra, r.out()).doesNotContain("\"error\"");
        assertThat(r.status()).isZero();
        String end = r.out().substring(Math.max(0, r.out().indexOf("\"end\"")));
        Matcher m = Pattern.compile("\"" + key + "\":\\s*\\{[^}]*?\"bytes\":\\s*(\\d+)[^}]*?"
                + "\"bits_per_second\":\\s*([\\d.e+]+)").matcher(end);
        assertThat(m.find()).as("iperf3 JSON has %s", key).isTrue();
        return new Iperf3(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), r.out());
    }

    // ---- probes (for polling: false or "" instead of an exception)

    /** Whether {@code cmd} exits 0 within 10 s. */
    boolean succeeds(String... cmd) {
        try {
            return sh.run(10, cmd).ok();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The output of {@code cmd} (bounded to 10 s), "" when it could not run. */
    String output(String... cmd) {
        try {
            return sh.run(10, cmd).out();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Whether {@code ss -H flags} in {@code ns} lists {@code needle}. */
    boolean listening(String ns, String flags, String needle) {
        return output(in(ns, "ss", "-H", flags)).contains(needle);
    }

    /** Prints one result line of the test, tagged. */
    void report(String what, String result) {
        System.out.println("[" + tag + "] " + what + ": " + result);
    }

    // ---- clean-up

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process d : daemons) {
            if (d.isAlive()) {
                d.destroy();
            }
        }
        for (Process d : daemons) {
            d.waitFor(5, TimeUnit.SECONDS);
        }
        sh.stopAll();
        for (String ns : created) {
            // whatever still runs in our own namespaces was started by this test
            for (String pid : sh.run(5, "ip", "netns", "pids", ns).out().split("\\s+")) {
                if (pid.matches("\\d+")) {
                    sh.run(5, "kill", "-KILL", pid);
                }
            }
        }
        for (String[] tun : tuns) {
            if (created.contains(tun[0])) {
                sh.run(5, "ip", "-n", tun[0], "tuntap", "del", "dev", tun[1], "mode", "tun");
            }
        }
        for (String ns : created) {
            sh.run(10, "ip", "netns", "del", ns);
        }
        for (Dump d : dumps) {
            if (Files.exists(d.log())) {
                List<String> lines = Files.readString(d.log()).lines().toList();
                boolean cut = d.maxLines() > 0 && lines.size() > d.maxLines();
                System.out.println("[" + tag + "] " + d.label() + (cut ? " (" + lines.size() + " lines), first "
                        + d.maxLines() : "") + ":\n" + String.join("\n", cut ? lines.subList(0, d.maxLines()) : lines));
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---- text and files

    /** Writes {@code www/blob}: 2 MiB from {@code new Random(seed)}; returns its SHA-256. */
    static String writeBlob(Path www, long seed) throws IOException {
        byte[] blob = new byte[2 * 1024 * 1024];
        new Random(seed).nextBytes(blob);
        Files.write(www.resolve("blob"), blob);
        return sha256(blob);
    }

    /** Writes {@code text} to {@code file} and makes it executable (a DHCP client's script); returns the file. */
    static Path executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        if (!file.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + file + " executable");
        }
        return file;
    }

    /** A file's text; "" while it does not exist. */
    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The last line of {@code text} that contains {@code containing}. */
    static String lastLine(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).reduce((a, b) -> b)
                .orElse("(no line with '" + containing + "')");
    }

    /** The first line of {@code text} that contains {@code containing}. */
    static String firstLine(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst()
                .orElse("(no line with '" + containing + "')");
    }

    /** The java launcher of this JVM, for starting {@code v6mostly} in a namespace. */
    static String java() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return p.waitFor(5, TimeUnit.SECONDS) && out.equals("0");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
