package net.v6mostly.dhcp4;

import java.util.List;

/**
 * Everything the engine serves: the subnets in the order they are matched, how long an offered
 * address is held for the client's DHCPREQUEST, how long a declined address stays out of use
 * (RFC 2131 §4.3.3 leaves that to the server), and how much a DHCPDECLINE may take out of use:
 * at most {@code declineLimitPerClient} addresses in quarantine per client, and at most
 * {@code declineLimitPercent} % of a subnet's pool addresses (at least one) in all.
 */
public record Dhcp4Config(List<Subnet> subnets, long offerHoldSeconds, long declineQuarantineSeconds,
        int declineLimitPerClient, int declineLimitPercent) {
    /** Default of {@link #declineLimitPerClient}. */
    public static final int DEFAULT_DECLINE_LIMIT_PER_CLIENT = 2;
    /** Default of {@link #declineLimitPercent}. */
    public static final int DEFAULT_DECLINE_LIMIT_PERCENT = 10;

    public Dhcp4Config {
        subnets = List.copyOf(subnets);
        if (offerHoldSeconds < 1 || declineQuarantineSeconds < 0) {
            throw new IllegalArgumentException("offer hold must be at least 1 s and quarantine not negative");
        }
        if (declineLimitPerClient < 1 || declineLimitPercent < 1 || declineLimitPercent > 100) {
            throw new IllegalArgumentException("decline limits: at least 1 per client and 1..100 %");
        }
    }

    /** With the default decline limits. */
    public Dhcp4Config(List<Subnet> subnets, long offerHoldSeconds, long declineQuarantineSeconds) {
        this(subnets, offerHoldSeconds, declineQuarantineSeconds, DEFAULT_DECLINE_LIMIT_PER_CLIENT,
                DEFAULT_DECLINE_LIMIT_PERCENT);
    }
}
