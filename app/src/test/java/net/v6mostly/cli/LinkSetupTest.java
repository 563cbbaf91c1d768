package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.config.TunSettings;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.tun.LinkConfigurator;
import net.v6mostly.tun.UnavailableLinkConfigurator;

/** [siit.tun] link configuration: order of the calls, and the stand-in until rtnetlink exists. */
class LinkSetupTest {
    private static final TunSettings FULL = new TunSettings("siit0", 1, false, 1, true, 1400,
            List.of("198.51.100.1/24", "2001:db8::1/64"), List.of("2001:db8:64::/96", "192.0.2.0/24"), true);

    /** Records the calls. */
    static final class Recorder implements LinkConfigurator {
        final List<String> calls = new ArrayList<>();

        @Override public void setUp(String name) { calls.add("up " + name); }
        @Override public void setMtu(String name, int mtu) { calls.add("mtu " + name + " " + mtu); }
        @Override public void addAddress(String name, String a) { calls.add("address " + name + " " + a); }
        @Override public void addRoute(String name, String p) { calls.add("route " + name + " " + p); }
    }

    @Test
    void mtuThenUpThenAddressesThenRoutes() throws LinuxException {
        Recorder r = new Recorder();
        assertThat(LinkSetup.apply(FULL, r)).isEmpty();
        assertThat(r.calls).containsExactly("mtu siit0 1400", "up siit0", "address siit0 198.51.100.1/24",
                "address siit0 2001:db8::1/64", "route siit0 2001:db8:64::/96", "route siit0 192.0.2.0/24");
    }

    @Test
    void nothingToApplyCallsNothing() throws LinuxException {
        Recorder r = new Recorder();
        assertThat(LinkSetup.apply(TunSettings.DEFAULTS, r)).isEmpty();
        assertThat(r.calls).isEmpty();
        assertThat(LinkSetup.apply(TunSettings.DEFAULTS, LinkConfigurator.system())).isEmpty();
    }

    @Test
    void withoutRtnetlinkMtuAndUpAreAWarning() throws LinuxException {
        TunSettings mtuUp = new TunSettings("siit0", 1, false, 1, true, 1400, List.of(), List.of(), true);
        assertThat(LinkSetup.apply(mtuUp, new UnavailableLinkConfigurator())).containsExactly(
                "[siit.tun] mtu = 1400, up = true not applied to siit0: link configuration needs rtnetlink (not yet"
                        + " available); run `ip link set dev siit0 mtu 1400 up`");
    }

    @Test
    void withoutRtnetlinkAddressesAreRefusedClearly() {
        assertThatThrownBy(() -> LinkSetup.apply(FULL, new UnavailableLinkConfigurator()))
                .isInstanceOf(LinuxException.class)
                .hasMessage("cannot add address 198.51.100.1/24 to siit0: link configuration needs rtnetlink (not yet"
                        + " available); add it with `ip address add 198.51.100.1/24 dev siit0` and remove it from"
                        + " [siit.tun] addresses");
        TunSettings routesOnly = new TunSettings("siit0", 1, false, 1, true, 0, List.of(), List.of("192.0.2.0/24"), false);
        assertThatThrownBy(() -> LinkSetup.apply(routesOnly, new UnavailableLinkConfigurator()))
                .hasMessageContaining("cannot add route 192.0.2.0/24 dev siit0: link configuration needs rtnetlink");
    }
}
