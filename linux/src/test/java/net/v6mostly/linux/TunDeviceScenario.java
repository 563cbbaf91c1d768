package net.v6mostly.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import net.v6mostly.tun.TunDevice;

/**
 * Child-JVM side of {@link TunDeviceNamespaceTest}, run inside the test's network namespace:
 * opens a two-queue TUN device with offloads, asks the kernel for each queue's virtio-net header
 * byte order ({@code TUNGETVNETLE}, include/uapi/linux/if_tun.h) and prints one line per fact.
 */
public final class TunDeviceScenario {
    /** {@code _IOR('T', 221, int)}. */
    private static final long TUNGETVNETLE = 0x800454ddL;

    private TunDeviceScenario() {
    }

    public static void main(String[] args) throws LinuxException {
        try (Arena arena = Arena.ofConfined();
                TunDevice tun = TunDevice.open(new TunDevice.Options(args[0], 2, true, true))) {
            MemorySegment errno = Libc.errnoState(arena);
            MemorySegment le = arena.allocate(ValueLayout.JAVA_INT);
            for (int i = 0; i < tun.queues(); i++) {
                le.set(ValueLayout.JAVA_INT, 0, -1);
                int r = Libc.ioctl(errno, tun.fd(i), TUNGETVNETLE, le);
                System.out.println("queue " + i + " vnet-le " + (r == 0 ? le.get(ValueLayout.JAVA_INT, 0)
                        : "error " + Libc.errno(errno)));
            }
            System.out.println("vnet-header " + tun.vnetHeader());
            System.out.println("offloads 0x" + Integer.toHexString(tun.offloads()));
            System.out.println("notes " + tun.notes());
        }
    }
}
