package net.v6mostly.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Read-only rtnetlink in the test's own namespace, without root: queries of the loopback
 * interface and errors that stop before anything is sent. Nothing here changes the host.
 */
class RtnetlinkHostTest {

    @Test
    void loopbackIsFoundAndItsAddressesMatchIproute2() throws Exception {
        try (Rtnetlink rt = Rtnetlink.open()) {
            int index = rt.ifindex("lo");
            RtnetlinkLink lo = rt.link("lo");
            assertThat(lo.index()).isEqualTo(index);
            assertThat(lo.name()).isEqualTo("lo");
            List<String> java = rt.addresses("lo").stream().map(a -> a.address().toString()).toList();
            assertThat(rt.addresses("lo")).allMatch(a -> a.ifindex() == index);
            String ip = NamespaceShell.ip();
            if (ip != null) {
                NamespaceShell.Result r = NamespaceShell.run(ip, "-j", "addr", "show", "dev", "lo").orFail("ip addr");
                @SuppressWarnings("unchecked")
                List<Object> info = (List<Object>) ((Map<String, Object>) ((List<Object>) MiniJson.parse(r.output()))
                        .getFirst()).get("addr_info");
                assertThat(java).containsExactlyInAnyOrderElementsOf(info.stream().map(o -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> a = (Map<String, Object>) o;
                    return a.get("local") + "/" + ((Double) a.get("prefixlen")).intValue();
                }).toList());
            }
        }
    }

    @Test
    void unknownInterfaceIsNamedWithEnodev() throws Exception {
        try (Rtnetlink rt = Rtnetlink.open()) {
            assertThatThrownBy(() -> rt.ifindex("v6m-nosuch0")).isInstanceOfSatisfying(NetlinkException.class, e -> {
                assertThat(e.errnoName()).isEqualTo("ENODEV");
                assertThat(e.interfaceName()).contains("v6m-nosuch0");
                assertThat(e.getMessage()).startsWith("if_nametoindex on v6m-nosuch0: no such interface");
            });
            assertThatThrownBy(() -> rt.addAddress("v6m-nosuch0", InterfaceAddress.parse("198.51.100.1/24")))
                    .isInstanceOf(NetlinkException.class)
                    .hasMessageStartingWith("RTM_NEWADDR 198.51.100.1/24 on v6m-nosuch0: ");
            assertThatThrownBy(() -> rt.setMtu("much-too-long-interface-name", 1400))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'much-too-long-interface-name'");
        }
    }

    @Test
    void closedSocketRefusesRequestsAndClosesTwiceQuietly() throws Exception {
        Rtnetlink rt = Rtnetlink.open();
        rt.close();
        rt.close();
        assertThatThrownBy(() -> rt.link("lo")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
