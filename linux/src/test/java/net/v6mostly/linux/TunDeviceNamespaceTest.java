package net.v6mostly.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import net.v6mostly.tun.TunDevice;

/**
 * {@link TunDevice} against the real kernel, in a network namespace made for this test and
 * deleted afterwards (the device lives and dies in it; no traffic): with offloads, every queue's
 * virtio-net header is little-endian ({@code TUNSETVNETLE} took, {@code TUNGETVNETLE} reads 1),
 * which is the order the data path reads and writes, and the kernel accepts checksum and TCP
 * segmentation offloads without a note. Needs root and iproute2; skips with a message otherwise.
 */
class TunDeviceNamespaceTest {
    private static String ns;

    @BeforeAll
    static void createNamespace() {
        Assumptions.assumeTrue(NamespaceShell.root(), "needs root to create a network namespace; skipped");
        Assumptions.assumeTrue(NamespaceShell.ip() != null, "needs iproute2 (ip) for network namespaces; skipped");
        String name = "tun-le-" + ProcessHandle.current().pid();
        NamespaceShell.Result r = NamespaceShell.run(NamespaceShell.ip(), "netns", "add", name);
        Assumptions.assumeTrue(r.exit() == 0, "cannot create network namespace " + name + ": " + r.output());
        ns = name;
    }

    @AfterAll
    static void deleteNamespace() {
        if (ns != null) {
            NamespaceShell.run(NamespaceShell.ip(), "netns", "del", ns).orFail("ip netns del " + ns);
            ns = null;
        }
    }

    @Test
    void withOffloadsEveryQueueHasALittleEndianVirtioNetHeader() {
        String out = NamespaceShell.javaIn(ns, TunDeviceScenario.class.getName(), "tunle0").orFail("scenario")
                .output();
        assertThat(out).contains("queue 0 vnet-le 1\n", "queue 1 vnet-le 1\n", "vnet-header true\n", "notes []\n");
        int offloads = Integer.parseInt(out.replaceAll("(?s).*offloads 0x([0-9a-f]+)\n.*", "$1"), 16);
        int tso = TunDevice.TUN_F_CSUM | TunDevice.TUN_F_TSO4 | TunDevice.TUN_F_TSO6;
        assertThat(offloads & tso).as("checksum and TSO accepted").isEqualTo(tso);
    }
}
