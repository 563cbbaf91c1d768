package net.v6mostly.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The error text: operation, interface, strerror text, errno name, and the kernel's extended ack. */
class NetlinkExceptionTest {

    @Test
    void readsLikeTheOperationThatFailed() {
        NetlinkException e = new NetlinkException("RTM_NEWADDR 198.51.100.1/24", "nat64", 17, "File exists", null);
        assertThat(e).hasMessage("RTM_NEWADDR 198.51.100.1/24 on nat64: File exists (EEXIST)");
        assertThat(e.errno()).isEqualTo(17);
        assertThat(e.errnoName()).isEqualTo("EEXIST");
        assertThat(e.interfaceName()).contains("nat64");
        assertThat(e.kernelMessage()).isEmpty();
    }

    @Test
    void appendsTheKernelMessage() {
        NetlinkException e = new NetlinkException("RTM_NEWROUTE 2001:db8:99::/64 via 2001:db8:ff::1", "v6m0", 101,
                "Network is unreachable", "Nexthop has invalid gateway");
        assertThat(e).hasMessage("RTM_NEWROUTE 2001:db8:99::/64 via 2001:db8:ff::1 on v6m0: Network is unreachable"
                + " (ENETUNREACH): kernel says \"Nexthop has invalid gateway\"");
    }

    @Test
    void withoutInterfaceAndWithUnnamedErrno() {
        assertThat(new NetlinkException("socket", null, 200, "Unknown error 200", null))
                .hasMessage("socket: Unknown error 200 (errno 200)");
    }

    @Test
    void strerrorComesFromLibc() {
        assertThat(NetlinkSyscalls.strerror(17)).isNotBlank().doesNotContain("errno");
    }
}
