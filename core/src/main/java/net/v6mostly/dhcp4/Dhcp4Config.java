package net.v6mostly.dhcp4;

import java.util.List;

/**
 * Everything the engine serves: the subnets in the order they are matched, how long an offered
 * address is held for the client's DHCPREQUEST, and how long a declined address stays out of use
 * (RFC 2131 §4.3.3 leaves that to the server).
 */
public record Dhcp4Config(List<Subnet> subnets, long offerHoldSeconds, long declineQuarantineSeconds) {
    public Dhcp4Config {
        subnets = List.copyOf(subnets);
        if (offerHoldSeconds < 1 || declineQuarantineSeconds < 0) {
            throw new IllegalArgumentException("offer hold must be at least 1 s and quarantine not negative");
        }
    }
}
