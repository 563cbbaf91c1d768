package net.v6mostly.dhcp4;

import java.util.List;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;

/** Client messages and a test network: 192.0.2.0/24 served on "lan0", 198.51.100.0/24 behind a relay. */
final class Clients {
    static final int SERVER = Ipv4.parse("192.0.2.1");
    static final int RELAY = Ipv4.parse("198.51.100.1");
    static final byte[] MAC_A = {2, 0, 0, 0, 0, 0xa};
    static final byte[] MAC_B = {2, 0, 0, 0, 0, 0xb};
    static final byte[] MAC_RESERVED = {2, 0, 0, 0, 0, 0x5};
    static final byte[] MAC_IPV4_ONLY_DEVICE = {2, 0, 0, 0, 0, 0x6};
    static final Arrival LAN = new Arrival("lan0", true);
    static final Arrival LAN_UNICAST = new Arrival("lan0", false);
    static final long NOW = 1_700_000_000L;

    private Clients() {
    }

    static int ip(String s) {
        return Ipv4.parse(s);
    }

    static Subnet lan(long v6OnlyWait, List<Pool> pools) {
        return new Subnet("lan", Ipv4Prefix.parse("192.0.2.0/24"), "lan0", SERVER, pools,
                List.of(new Reservation(MAC_RESERVED, null, ip("192.0.2.5"), true),
                        new Reservation(MAC_IPV4_ONLY_DEVICE, null, 0, false)),
                3600, new int[] {SERVER}, new int[] {SERVER}, "example.net", 1500,
                List.of(new ClasslessRoute(Ipv4Prefix.parse("198.51.100.0/24"), SERVER)), v6OnlyWait);
    }

    static Subnet relayed() {
        return new Subnet("relayed", Ipv4Prefix.parse("198.51.100.0/24"), null, SERVER,
                List.of(new Pool(ip("198.51.100.10"), ip("198.51.100.20"))), List.of(), 600,
                new int[] {RELAY}, new int[0], null, 0, List.of(), Subnet.V6ONLY_OFF);
    }

    static Dhcp4Config config(long v6OnlyWait) {
        return new Dhcp4Config(List.of(lan(v6OnlyWait, List.of(new Pool(ip("192.0.2.100"), ip("192.0.2.150")))),
                relayed()), 60, 86400);
    }

    /** A client message of {@code type} from {@code mac}; {@code prl} lists the requested options. */
    static Builder msg(MessageType type, byte[] mac) {
        return new Builder(type, mac);
    }

    static final class Builder {
        private final byte[] mac;
        private final DhcpOptions.Builder options = DhcpOptions.builder();
        private int ciaddr;
        private int giaddr;
        private int flags;
        private int xid = 0x12345678;

        Builder(MessageType type, byte[] mac) {
            this.mac = mac;
            options.u8(DhcpOption.MESSAGE_TYPE, type.code());
        }

        Builder prl(int... codes) {
            byte[] v = new byte[codes.length];
            for (int i = 0; i < codes.length; i++) {
                v[i] = (byte) codes[i];
            }
            options.put(DhcpOption.PARAMETER_REQUEST_LIST, v);
            return this;
        }

        Builder asks108() {
            return prl(1, 3, 6, 15, 108);
        }

        Builder requested(int a) {
            options.u32(DhcpOption.REQUESTED_IP, Integer.toUnsignedLong(a));
            return this;
        }

        Builder serverId(int a) {
            options.u32(DhcpOption.SERVER_ID, Integer.toUnsignedLong(a));
            return this;
        }

        Builder option(int code, byte[] v) {
            options.put(code, v);
            return this;
        }

        Builder ciaddr(int a) {
            ciaddr = a;
            return this;
        }

        Builder giaddr(int a) {
            giaddr = a;
            return this;
        }

        Builder broadcastFlag() {
            flags = DhcpMessage.FLAG_BROADCAST;
            return this;
        }

        DhcpMessage build() {
            return new DhcpMessage(DhcpMessage.BOOTREQUEST, 1, 6, giaddr != 0 ? 1 : 0, xid, 0, flags, ciaddr, 0, 0,
                    giaddr, mac, new byte[64], new byte[128], options.build());
        }
    }
}
