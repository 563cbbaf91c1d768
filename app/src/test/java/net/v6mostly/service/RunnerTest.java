package net.v6mostly.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.v6mostly.config.GatewaySettings;
import net.v6mostly.config.LoggingSection;
import net.v6mostly.config.MetricsSettings;
import net.v6mostly.config.RunConfig;
import net.v6mostly.config.SupervisionSettings;
import net.v6mostly.ops.Exposition;
import net.v6mostly.ops.Scrape;

/**
 * Fault injection into the runner's supervision (issue 16): a service that throws at run time,
 * one whose thread ends, one that hangs on stop, one that cannot start again; with each policy
 * ({@code [gateway] on-component-failure = "restart" | "exit"}), standalone (one service, no
 * signalling) and as a gateway (the signalling withdrawn while a service it depends on is dead).
 * Time is passed in: the back-off is skipped by handing {@link Runner#supervise} a later instant.
 */
class RunnerTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Faulty> made = new CopyOnWriteArrayList<>();
    private final List<Boolean> raSignalling = new CopyOnWriteArrayList<>();
    private volatile boolean startsFail;
    private Runner runner;

    @AfterEach
    void stop() {
        if (runner != null && runner.group() != null) {
            runner.group().stop();
        }
        made.forEach(f -> f.release.countDown());
    }

    /** A service whose serving thread waits until told to die (by throwing, or by returning). */
    final class Faulty implements Service {
        final String name;
        final CountDownLatch die = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean throwWhenDying = true;
        volatile boolean hangOnStop;
        volatile boolean failStart;
        volatile boolean stopped;
        private Thread thread;

        Faulty(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() throws IOException {
            if (failStart || startsFail) {
                throw new IOException(name + ": injected start failure");
            }
            thread = Thread.ofPlatform().name("faulty-" + name).start(() -> {
                try {
                    while (!die.await(20, TimeUnit.MILLISECONDS)) {
                        if (stopped) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (throwWhenDying) {
                    throw new IllegalStateException("injected fault in " + name);
                }
            });
        }

        @Override
        public ReloadOutcome reload(RunConfig config) {
            return ReloadOutcome.UNCHANGED;
        }

        @Override
        public void stop() {
            stopped = true;
            if (hangOnStop) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** As the real services: a dead DHCPv4 server keeps PREF64 (docs/gateway.md). */
        @Override
        public boolean withdrawsSignallingWhenDead() {
            return !name.equals("dhcp4");
        }

        @Override
        public void ipv6OnlySignalling(boolean enabled) {
            if (name.equals("ra")) {
                raSignalling.add(enabled);
            }
        }

        @Override
        public MetricSnapshots metrics() {
            return MetricSnapshots.of();
        }

        /** Kills the serving thread and waits until it is gone. */
        void kill() throws InterruptedException {
            die.countDown();
            thread.join(5_000);
        }
    }

    private Runner runner(boolean gateway, SupervisionSettings policy, String... names) throws IOException {
        RunConfig config = new RunConfig(null, null, null, null, null, null, null, new MetricsSettings(null),
                GatewaySettings.DEFAULTS, policy, LoggingSection.DEFAULTS, List.of());
        Function<RunConfig, List<Service>> factory = c -> {
            List<Service> out = new ArrayList<>();
            for (String n : names) {
                Faulty f = new Faulty(n);
                made.add(f);
                out.add(f);
            }
            return out;
        };
        runner = new Runner(gateway ? "gateway" : names[0], config, () -> config, factory,
                (component, message) -> log.add(component + ": " + message), gateway);
        runner.start();
        runner.group().stopMillis(300);
        return runner;
    }

    /** The metrics page as sample lines ({@code name{labels} value}). */
    private List<String> page() {
        return Scrape.parse(Exposition.text(runner.group().metrics())).canonical();
    }

    private Faulty current(String name) {
        for (Service s : runner.group().services()) {
            if (s.name().equals(name)) {
                return (Faulty) s;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void gatewayRestartsAServiceThatThrowsAndTheSignallingFollows() throws Exception {
        runner(true, SupervisionSettings.GATEWAY, "nat64", "ra");
        Faulty first = current("nat64");
        first.kill();
        long t0 = System.nanoTime();
        assertThat(runner.supervise(t0)).as("restart policy: the process goes on").isNull();
        List<String> dead = page();
        assertThat(dead).contains("v6mostly_component_up{component=\"nat64\"} 0", "v6mostly_gateway_up 0",
                "v6mostly_gateway_ipv6_only_signalling 0", "v6mostly_component_restarts_total{component=\"nat64\"} 0");
        assertThat(raSignalling).as("108 and PREF64 withdrawn while the NAT64 is dead").containsExactly(false);
        assertThat(log).anyMatch(l -> l.contains("component nat64 is dead: thread faulty-nat64 died of"
                + " java.lang.IllegalStateException: injected fault in nat64"))
                .anyMatch(l -> l.equals("gateway: restarting nat64 in 1.0 s (restart 1 of at most 5 in a row)"));

        assertThat(runner.supervise(t0 + SECOND / 2)).isNull();
        assertThat(current("nat64")).as("not before the back-off").isSameAs(first);
        assertThat(runner.supervise(t0 + 2 * SECOND)).isNull();
        assertThat(current("nat64")).isNotSameAs(first);
        assertThat(first.stopped).as("the dead instance was stopped first").isTrue();
        List<String> back = page();
        assertThat(back).contains("v6mostly_component_up{component=\"nat64\"} 1", "v6mostly_gateway_up 1",
                "v6mostly_gateway_ipv6_only_signalling 1", "v6mostly_component_restarts_total{component=\"nat64\"} 1");
        assertThat(raSignalling).as("restored once the fresh NAT64 serves").containsExactly(false, true);
        assertThat(log).contains("gateway: restarted nat64");
        assertThat(back).anyMatch(l -> l.startsWith("v6mostly_log_fields_truncated_total "));
    }

    @Test
    void exitPolicyEndsTheProcessWithStatus1WhenAThreadEnds() throws Exception {
        runner(false, SupervisionSettings.STANDALONE, "siit");
        Faulty siit = current("siit");
        siit.throwWhenDying = false;   // the loop returns instead of throwing
        siit.kill();
        assertThat(runner.supervise(System.nanoTime())).isEqualTo(Runner.FAILED);
        assertThat(page()).contains("v6mostly_component_up{component=\"siit\"} 0")
                .noneMatch(l -> l.startsWith("v6mostly_gateway_up"));
        assertThat(log).anyMatch(l -> l.contains("component siit is dead: thread faulty-siit ended"))
                .anyMatch(l -> l.contains("on-component-failure is \"exit\""));
    }

    @Test
    void exitPolicyInTheGatewayStopsEverything() throws Exception {
        runner(true, new SupervisionSettings(false, 5), "dns64", "ra");
        current("dns64").kill();
        assertThat(runner.supervise(System.nanoTime())).isEqualTo(Runner.FAILED);
        assertThat(runner.group().stop()).isTrue();
        assertThat(made).allMatch(f -> f.stopped);
    }

    @Test
    void aServiceThatHangsOnStopIsAbandonedAndStillReplaced() throws Exception {
        runner(true, SupervisionSettings.GATEWAY, "dhcp4", "ra");
        Faulty hung = current("dhcp4");
        hung.hangOnStop = true;
        hung.kill();
        long t0 = System.nanoTime();
        runner.supervise(t0);
        runner.supervise(t0 + 2 * SECOND);
        assertThat(current("dhcp4")).isNotSameAs(hung);
        assertThat(log).anyMatch(l -> l.contains("dhcp4 did not stop within 300 ms: abandoned"));
        assertThat(page()).contains("v6mostly_component_up{component=\"dhcp4\"} 1");
        assertThat(raSignalling).as("a dead DHCPv4 server does not withdraw PREF64").isEmpty();

        current("dhcp4").hangOnStop = true;
        assertThat(runner.group().stop()).as("a hung stop is reported, the others still stop").isFalse();
        assertThat(current("ra").stopped).isTrue();
    }

    @Test
    void exitPolicyWithAServiceThatHangsOnStopStillEnds() throws Exception {
        runner(false, SupervisionSettings.STANDALONE, "nat64");
        Faulty hung = current("nat64");
        hung.hangOnStop = true;
        hung.kill();
        assertThat(runner.supervise(System.nanoTime())).isEqualTo(Runner.FAILED);
        assertThat(runner.group().stop()).as("abandoned after 300 ms and reported, not waited for").isFalse();
        assertThat(log).anyMatch(l -> l.contains("nat64 did not stop within 300 ms: abandoned"));
    }

    @Test
    void afterMaxRestartsInARowTheRunnerGivesUp() throws Exception {
        runner(false, new SupervisionSettings(true, 2), "nat64");
        long now = System.nanoTime();
        for (int restart = 1; restart <= 2; restart++) {
            current("nat64").kill();
            assertThat(runner.supervise(now)).isNull();
            now += 60 * SECOND;   // past any back-off
            assertThat(runner.supervise(now)).isNull();
            assertThat(page())
                    .contains("v6mostly_component_restarts_total{component=\"nat64\"} " + restart);
        }
        current("nat64").kill();
        assertThat(runner.supervise(now)).isEqualTo(Runner.FAILED);
        assertThat(log).anyMatch(l -> l.contains("died again after 2 restart(s) in a row (max-restarts 2): giving up"));
    }

    @Test
    void aRestartThatCannotStartIsRetriedWithALongerBackOff() throws Exception {
        runner(false, SupervisionSettings.GATEWAY, "dns64");
        Faulty first = current("dns64");
        first.kill();
        long t0 = System.nanoTime();
        runner.supervise(t0);
        startsFail = true;   // every fresh instance fails to start
        runner.supervise(t0 + 2 * SECOND);
        assertThat(log).anyMatch(l -> l.contains("restart of dns64 failed: dns64: injected start failure"));
        assertThat(runner.group().dead()).containsKey("dns64");
        runner.supervise(t0 + 3 * SECOND);
        assertThat(log).anyMatch(l -> l.contains("restarting dns64 in 2.0 s (restart 2 of at most 5 in a row)"));
        startsFail = false;
        runner.supervise(t0 + 6 * SECOND);
        assertThat(runner.group().dead()).as("the third attempt starts").isEmpty();
        assertThat(page()).contains("v6mostly_component_restarts_total{component=\"dns64\"} 2");
    }

    @Test
    void linesThatReportAFailureAreWarningsButCounterNamesAreNot() {
        assertThat(Runner.isWarning("component nat64 is dead: read(2) on the TUN failed")).isTrue();
        assertThat(Runner.isWarning("health dns64 down: no upstream answered")).isTrue();
        assertThat(Runner.isWarning("signalling withdrawn: option 108 no longer sent")).isTrue();
        assertThat(Runner.isWarning("restart of dns64 failed: cannot bind")).isTrue();
        assertThat(Runner.isWarning("nat64 after 1 s: {TRANSLATED_64=0, INTERNAL_ERROR=0}")).isFalse();
        assertThat(Runner.isWarning("restarted nat64")).isFalse();
        assertThat(Runner.isWarning("read(2) returned errno 11")).isFalse();
    }
}
