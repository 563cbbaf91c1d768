package net.v6mostly.service;

import java.util.ArrayList;
import java.util.List;

import net.v6mostly.tun.TunDevice;

/** What the translator services say about their TUN device: the offloads it got, and what to do about an errno. */
final class TunMessages {
    private TunMessages() {
    }

    /** The offloads the kernel accepted ({@code TUNSETOFFLOAD}), e.g. {@code csum tso4 tso6}, or {@code off}. */
    static String offloads(TunDevice tun) {
        if (!tun.vnetHeader()) {
            return "off";
        }
        List<String> names = new ArrayList<>();
        int bits = tun.offloads();
        String[] labels = {"csum", "tso4", "tso6", "tso-ecn", "", "uso4", "uso6"};
        for (int i = 0; i < labels.length; i++) {
            if ((bits & (1 << i)) != 0 && !labels[i].isEmpty()) {
                names.add(labels[i]);
            }
        }
        return names.isEmpty() ? "none (vnet header only)" : String.join(" ", names);
    }

    /** What an operator does about the usual errno values of TUNSETIFF. */
    static String hint(int errno) {
        return switch (errno) {
            case 1 -> "; opening a TUN device needs CAP_NET_ADMIN: run as root or grant the capability"
                    + " (systemd: AmbientCapabilities=CAP_NET_ADMIN)";
            case 2, 19 -> "; is the tun module loaded (modprobe tun) and /dev/net/tun present?";
            case 16 -> "; another process holds this single-queue device (stop it, or use multi-queue)";
            default -> "";
        };
    }
}
