package net.v6mostly.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;

import net.v6mostly.config.RunConfig;
import net.v6mostly.ops.Exposition;
import net.v6mostly.ops.Scrape;

/** Start order, reverse stop order, rollback of a failed start, the metrics page. */
class ServiceGroupTest {
    private final List<String> events = new ArrayList<>();

    private Service component(String name, boolean failsToStart, boolean input) {
        return new Service() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() throws IOException {
                if (failsToStart) {
                    throw new IOException(name + ": no such interface");
                }
                events.add("start " + name);
            }

            @Override
            public ReloadOutcome reload(RunConfig config) {
                events.add("reload " + name);
                return ReloadOutcome.UNCHANGED;
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }

            @Override
            public boolean isHealthInput() {
                return input;
            }

            @Override
            public MetricSnapshots metrics() {
                return MetricSnapshots.of(Exposition.gauge("test_" + name, "the test component " + name, 1));
            }

            @Override
            public java.util.Map<String, java.util.function.Supplier<String>> pages() {
                return java.util.Map.of("/" + name + "/page", () -> "page of " + name);
            }
        };
    }

    private ServiceGroup gateway(Service... components) {
        List<Service> list = List.of(components);
        return new ServiceGroup(list, new HealthSignal(list, events::add, true), events::add);
    }

    @Test
    void startsInOrderStopsInReverseSoTheFinalRaGoesFirst() throws Exception {
        ServiceGroup g = gateway(component("dns64", false, true), component("dhcp4", false, false),
                component("ra", false, false));
        g.start();
        g.reload(null);
        g.stop();
        assertThat(events).containsExactly("start dns64", "start dhcp4", "start ra", "reload dns64", "reload dhcp4",
                "reload ra", "stop ra", "stopped ra", "stop dhcp4", "stopped dhcp4", "stop dns64", "stopped dns64");
    }

    @Test
    void aFailedStartStopsWhatAlreadyRuns() {
        ServiceGroup g = gateway(component("dns64", false, true), component("dhcp4", true, false),
                component("ra", false, false));
        assertThatThrownBy(g::start).hasMessage("dhcp4: no such interface");
        assertThat(events).containsExactly("start dns64",
                "cannot start dhcp4: dhcp4: no such interface; stopping the others", "stop dns64", "stopped dns64");
    }

    @Test
    void theMetricsPageHasTheGatewayGaugesThenEachComponent() throws Exception {
        ServiceGroup g = gateway(component("dns64", false, true), component("ra", false, false));
        g.start();
        String page = Exposition.text(g.metrics());
        assertThat(page).contains("# TYPE v6mostly_gateway_up gauge\n");
        assertThat(Scrape.parse(page).canonical()).contains("v6mostly_gateway_up 1",
                "v6mostly_gateway_ipv6_only_signalling 1", "v6mostly_gateway_signalling_changes 0",
                "v6mostly_gateway_health_input_up{component=\"dns64\"} 1");
        assertThat(Scrape.parse(page).canonical()).as("and each component's").contains("test_dns64 1", "test_ra 1");
    }
    @Test
    void theEndpointServesThePagesOfRunningComponentsOnly() throws Exception {
        ServiceGroup g = gateway(component("dns64", false, true), component("nat64", false, true));
        assertThat(g.pages()).as("nothing before start").isEmpty();
        g.start();
        assertThat(g.pages()).containsOnlyKeys("/dns64/page", "/nat64/page");
        assertThat(g.pages().get("/nat64/page").get()).isEqualTo("page of nat64");
        g.stop();
        assertThat(g.pages()).isEmpty();
    }
}
