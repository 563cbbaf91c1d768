package net.v6mostly.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.config.TunSettings;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.tun.LinkConfigurator;

/** [siit.tun] link configuration: the order of the calls, and a refusal stops the setup. */
class LinkSetupTest {
    private static final TunSettings FULL = new TunSettings("siit0", 1, false, 1, true, 1400,
            List.of("198.51.100.1/24", "2001:db8::1/64"), List.of("2001:db8:64::/96", "192.0.2.0/24"), true, 0);

    /** Records the calls. */
    static class Recorder implements LinkConfigurator {
        final List<String> calls = new ArrayList<>();

        @Override public void setUp(String name) { calls.add("up " + name); }
        @Override public void setMtu(String name, int mtu) { calls.add("mtu " + name + " " + mtu); }
        @Override public void addAddress(String name, String a) { calls.add("address " + name + " " + a); }
        @Override public void addRoute(String name, String p) throws LinuxException { calls.add("route " + name + " " + p); }
    }

    @Test
    void mtuThenUpThenAddressesThenRoutes() throws LinuxException {
        Recorder r = new Recorder();
        LinkSetup.apply(FULL, r);
        assertThat(r.calls).containsExactly("mtu siit0 1400", "up siit0", "address siit0 198.51.100.1/24",
                "address siit0 2001:db8::1/64", "route siit0 2001:db8:64::/96", "route siit0 192.0.2.0/24");
    }

    @Test
    void nothingToApplyCallsNothing() throws LinuxException {
        Recorder r = new Recorder();
        LinkSetup.apply(TunSettings.DEFAULTS, r);
        assertThat(r.calls).isEmpty();
    }

    @Test
    void aRefusedChangeStopsTheSetupWithTheKernelsWords() {
        LinkConfigurator refusing = new Recorder() {
            @Override
            public void addRoute(String name, String p) throws LinuxException {
                throw new LinuxException("RTM_NEWROUTE " + p + " on " + name + ": Network is unreachable (ENETUNREACH)");
            }
        };
        assertThatThrownBy(() -> LinkSetup.apply(FULL, refusing)).isInstanceOf(LinuxException.class)
                .hasMessage("RTM_NEWROUTE 2001:db8:64::/96 on siit0: Network is unreachable (ENETUNREACH)");
    }
}
