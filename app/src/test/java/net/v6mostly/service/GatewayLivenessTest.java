package net.v6mostly.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.config.GatewaySettings;
import net.v6mostly.config.RunConfig;
import net.v6mostly.dns64.Dns64Settings;
import net.v6mostly.ops.Exposition;
import net.v6mostly.ops.Scrape;

/**
 * The gateway notices a dead component (issue 15, DESIGN.md §6): a serving thread that dies of an
 * exception, or whose loop returns on an error, makes {@code v6mostly_component_up} 0 for that
 * component and {@code v6mostly_gateway_up} 0, is logged once with the reason, and withdraws the
 * IPv6-only signalling (option 108 and PREF64, RFC 8925 / RFC 8781) when the component is one
 * IPv6-only hosts depend on (DNS64, NAT64) or the RA; a dead DHCPv4 server keeps PREF64. Threads
 * ending because the gateway stops them, and threads started after {@code start()} (per query or
 * connection), are not deaths.
 */
class GatewayLivenessTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<TestComponent> all = new ArrayList<>();
    private ServiceGroup gateway;

    /** A component serving on one thread that waits for an order: "return", "throw" or "stop". */
    private final class TestComponent implements Service {
        final String name;
        final boolean withdraws;
        final SynchronousQueue<String> orders = new SynchronousQueue<>();
        final List<Boolean> signalling = new CopyOnWriteArrayList<>();
        volatile Thread serving;
        volatile String failure;

        TestComponent(String name, boolean withdraws) {
            this.name = name;
            this.withdraws = withdraws;
            all.add(this);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            serving = Thread.ofPlatform().name("test-" + name).start(this::serve);
        }

        private void serve() {
            try {
                switch (orders.take()) {
                    case "throw" -> throw new IllegalArgumentException("client identifier longer than 255 bytes");
                    case "return" -> failure = "server stopped on error: read: Bad file descriptor";
                    default -> { }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Gives the serving thread its order and waits until it ended. */
        void end(String order) throws InterruptedException {
            assertThat(orders.offer(order, 10, TimeUnit.SECONDS)).as("the serving thread takes its order").isTrue();
            serving.join(10_000);
            assertThat(serving.isAlive()).isFalse();
        }

        @Override
        public String failure() {
            return failure;
        }

        @Override
        public boolean withdrawsSignallingWhenDead() {
            return withdraws;
        }

        @Override
        public void ipv6OnlySignalling(boolean enabled) {
            signalling.add(enabled);
        }

        @Override
        public ReloadOutcome reload(RunConfig config) {
            return ReloadOutcome.UNCHANGED;
        }

        @Override
        public void stop() {
            try {
                if (serving.isAlive()) {
                    orders.offer("stop", 10, TimeUnit.SECONDS);
                    serving.join(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public MetricSnapshots metrics() {
            return MetricSnapshots.of();
        }
    }

    private ServiceGroup start() throws Exception {
        List<Service> list = List.copyOf(all);
        gateway = new ServiceGroup(list, new HealthSignal(list, log::add, true), log::add);
        gateway.start();
        return gateway;
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    @Test
    void allUpWhileEveryServingThreadRuns() throws Exception {
        new TestComponent("dns64", true);
        new TestComponent("dhcp4", false);
        start();
        assertThat(gateway.poll()).isTrue();
        assertThat(Scrape.parse(Exposition.text(gateway.metrics())).canonical()).contains("v6mostly_gateway_up 1", "v6mostly_component_up{component=\"dns64\"} 1",
                "v6mostly_component_up{component=\"dhcp4\"} 1", "v6mostly_gateway_ipv6_only_signalling 1");
        assertThat(gateway.dead()).isEmpty();
    }

    @Test
    void aDeadDhcpServerIsReportedOnceAndKeepsPref64() throws Exception {
        TestComponent dhcp4 = new TestComponent("dhcp4", false);
        TestComponent ra = new TestComponent("ra", true);
        start();
        dhcp4.end("throw");
        assertThat(gateway.poll()).as("signalling kept: hosts already IPv6-only still need PREF64").isTrue();
        gateway.poll();
        assertThat(gateway.dead()).containsOnlyKeys("dhcp4");
        assertThat(gateway.dead().get("dhcp4")).isEqualTo("thread test-dhcp4 died of java.lang.IllegalArgumentException:"
                + " client identifier longer than 255 bytes");
        assertThat(Scrape.parse(Exposition.text(gateway.metrics())).canonical()).contains("v6mostly_gateway_up 0", "v6mostly_component_up{component=\"dhcp4\"} 0",
                "v6mostly_component_up{component=\"ra\"} 1", "v6mostly_gateway_ipv6_only_signalling 1");
        assertThat(ra.signalling).as("the RA never told to withdraw PREF64").isEmpty();
        assertThat(log.stream().filter(l -> l.startsWith("component dhcp4 is dead"))).as("logged once").containsExactly(
                "component dhcp4 is dead: thread test-dhcp4 died of java.lang.IllegalArgumentException: client identifier"
                        + " longer than 255 bytes; v6mostly_component_up{component=\"dhcp4\"} 0; option 108 and PREF64"
                        + " are kept: IPv6-only hosts do not need it");
    }

    @Test
    void aDeadRaWithdrawsOption108() throws Exception {
        TestComponent dhcp4 = new TestComponent("dhcp4", false);
        TestComponent ra = new TestComponent("ra", true);
        start();
        ra.end("return");
        assertThat(gateway.poll()).as("signalling withdrawn").isFalse();
        assertThat(dhcp4.signalling).as("the DHCPv4 server stops sending option 108").containsExactly(false);
        assertThat(gateway.dead()).containsEntry("ra", "server stopped on error: read: Bad file descriptor");
        assertThat(Scrape.parse(Exposition.text(gateway.metrics())).canonical()).contains("v6mostly_gateway_up 0", "v6mostly_component_up{component=\"ra\"} 0",
                "v6mostly_component_up{component=\"dhcp4\"} 1", "v6mostly_gateway_ipv6_only_signalling 0",
                "v6mostly_gateway_health_input_up{component=\"ra\"} 0");
        assertThat(log).contains("health ra down: dead: server stopped on error: read: Bad file descriptor");
        assertThat(log).anyMatch(l -> l.startsWith("signalling withdrawn") && l.endsWith("(ra: dead: server stopped on"
                + " error: read: Bad file descriptor)"));
        gateway.poll();
        assertThat(dhcp4.signalling).as("for good: a dead component stays dead").containsExactly(false);
    }

    @Test
    void aDeadDns64WithdrawsOption108AndPref64() throws Exception {
        TestComponent dns64 = new TestComponent("dns64", true);
        TestComponent dhcp4 = new TestComponent("dhcp4", false);
        TestComponent ra = new TestComponent("ra", true);
        start();
        dns64.end("return");
        dns64.failure = null; // no words of its own: the thread's end is the reason
        assertThat(gateway.poll()).isFalse();
        assertThat(gateway.dead()).containsEntry("dns64", "thread test-dns64 ended");
        assertThat(ra.signalling).as("PREF64 lifetime 0").containsExactly(false);
        assertThat(dhcp4.signalling).as("no option 108").containsExactly(false);
        assertThat(Scrape.parse(Exposition.text(gateway.metrics())).canonical()).contains("v6mostly_gateway_up 0", "v6mostly_component_up{component=\"dns64\"} 0");
    }

    @Test
    void threadsEndingWhileTheGatewayStopsAreNotDeaths() throws Exception {
        new TestComponent("dns64", true);
        new TestComponent("ra", true);
        start();
        gateway.stop();
        assertThat(gateway.poll()).isTrue();
        assertThat(gateway.dead()).isEmpty();
        assertThat(Scrape.parse(Exposition.text(gateway.metrics())).canonical()).contains("v6mostly_gateway_up 1");
        assertThat(log).noneMatch(l -> l.contains("is dead"));
        gateway = null;
    }

    @Test
    void aRealDns64WhoseSocketsAreClosedUnderneathIsDead() throws Exception {
        Dns64Settings settings = Dns64Settings.builder()
                .listen(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
                .upstreams(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)))
                .prefixes(List.of(Rfc6052Prefix.parse("2001:db8:64::/96"))).upstreamTimeout(Duration.ofMillis(200))
                .build();
        GatewaySettings probing = new GatewaySettings(true, Duration.ofHours(1), 1, 1, "ipv4only.arpa.", true);
        Dns64Service dns64 = new Dns64Service(settings, probing, log::add);
        List<Service> list = List.of(dns64);
        gateway = new ServiceGroup(list, new HealthSignal(list, log::add, true), log::add);
        gateway.start();
        assertThat(log).anyMatch(l -> l.startsWith("dns64 serves on threads ") && l.contains("dns64-udp-/127.0.0.1")
                && l.contains("dns64-tcp-/127.0.0.1") && l.contains("gateway-dns64-probe"));
        gateway.poll();
        assertThat(gateway.dead()).as("its listeners run").isEmpty();

        dns64.stop(); // its sockets closed under it, not by the gateway: the listener threads end
        gateway.poll();
        assertThat(gateway.dead()).containsOnlyKeys("dns64");
        assertThat(gateway.dead().get("dns64")).startsWith("thread dns64-").endsWith(" ended");
        assertThat(Scrape.parse(Exposition.text(gateway.metrics())).canonical()).contains("v6mostly_component_up{component=\"dns64\"} 0",
                "v6mostly_gateway_up 0");
    }

    @Test
    void aThreadStartedAfterStartIsNotWatched() throws Exception {
        TestComponent dns64 = new TestComponent("dns64", true);
        start();
        // a per-connection thread the serving thread starts later, ending normally
        Thread later = Thread.ofPlatform().group(dns64.serving.getThreadGroup()).start(() -> { });
        later.join();
        assertThat(gateway.poll()).isTrue();
        assertThat(gateway.dead()).isEmpty();
    }
}
