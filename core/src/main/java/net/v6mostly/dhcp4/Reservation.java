package net.v6mostly.dhcp4;

import java.util.Arrays;
import java.util.HexFormat;

import net.v6mostly.addr.Ipv4;

/**
 * A host reservation, matched by client identifier (option 61, RFC 2132 §9.14) or by hardware
 * address: a fixed address (0 = take one from the pools) and whether the device may be told to go
 * IPv6-only; {@code ipv6OnlyAllowed = false} opts an IPv4-requiring device out of Option 108 even
 * when it asks for it (RFC 8925 §3.3 lets the operator choose where the option applies).
 */
public record Reservation(byte[] hardwareAddress, byte[] clientId, int address, boolean ipv6OnlyAllowed) {
    public Reservation {
        if ((hardwareAddress == null) == (clientId == null)) {
            throw new IllegalArgumentException("a reservation matches either a hardware address or a client id");
        }
        hardwareAddress = hardwareAddress == null ? null : hardwareAddress.clone();
        clientId = clientId == null ? null : clientId.clone();
    }

    /** Whether this reservation is for the client with {@code clientId} (may be null) and {@code hw}. */
    public boolean matches(byte[] clientIdOption, byte[] hw) {
        return clientId != null ? Arrays.equals(clientId, clientIdOption) : Arrays.equals(hardwareAddress, hw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reservation r && Arrays.equals(hardwareAddress, r.hardwareAddress)
                && Arrays.equals(clientId, r.clientId) && address == r.address && ipv6OnlyAllowed == r.ipv6OnlyAllowed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hardwareAddress) * 31 + Arrays.hashCode(clientId) + address;
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.ofDelimiter(":");
        return (clientId != null ? "client-id " + hex.formatHex(clientId) : "hw " + hex.formatHex(hardwareAddress))
                + " -> " + (address == 0 ? "pool" : Ipv4.format(address)) + (ipv6OnlyAllowed ? "" : " (IPv4 required)");
    }
}
