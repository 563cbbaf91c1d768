package net.v6mostly.ndp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target: any bytes as an ICMPv6 Router Advertisement (RFC 4861 §4.2, §6.1.2). Invariant: a
 * message is either refused with {@link IllegalArgumentException} (the receiver's counted drop) or
 * parsed into options that encode again; nothing else escapes. Pilot pattern for the other targets.
 */
class RouterAdvertisementFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parseRefusesOrRoundTrips(byte[] msg) {
        RouterAdvertisement ra;
        try {
            ra = RouterAdvertisement.parse(msg);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(ra.options()).isNotNull();
        new net.v6mostly.xlat.rfc6877.Pref64Discovery(null, false, 0, 0).onRouterAdvertisement(ra.options(), 0);
    }
}
