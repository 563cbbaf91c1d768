package net.v6mostly.xlat.rfc6877;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.v6mostly.xlat.rfc6877.ClatDecision.Dad;

/** The claton rule as implemented (docs/clat.md "When the CLAT is on"), one row per case. */
class ClatDecisionTest {
    @ParameterizedTest(name = "{0} v4route={1} lease={2} v6={3} prefix={4} dad={5} -> {6}")
    @CsvSource({
        "AUTO, false, false, true,  true,  DONE,    ON",
        "AUTO, true,  false, true,  true,  DONE,    OFF_NATIVE_IPV4_ROUTE",
        "AUTO, false, true,  true,  true,  DONE,    OFF_NATIVE_IPV4_LEASE",
        "AUTO, true,  true,  true,  true,  DONE,    OFF_NATIVE_IPV4_ROUTE",
        "AUTO, false, false, false, true,  DONE,    OFF_NO_IPV6",
        "AUTO, false, false, true,  false, DONE,    OFF_NO_PREF64",
        "AUTO, false, false, true,  true,  NONE,    OFF_NO_ADDRESS",
        "AUTO, false, false, true,  true,  PENDING, OFF_DAD_PENDING",
        "AUTO, false, false, true,  true,  FAILED,  OFF_DAD_FAILED",
        "ON,   true,  true,  true,  true,  DONE,    ON_FORCED",
        "ON,   false, false, true,  false, DONE,    OFF_NO_PREF64",
        "ON,   false, false, false, true,  DONE,    ON_FORCED",
        "ON,   false, false, false, true,  PENDING, OFF_DAD_PENDING",
        "OFF,  false, false, true,  true,  DONE,    OFF_FORCED",
    })
    void decides(ClatMode mode, boolean route4, boolean lease, boolean route6, boolean prefix, Dad dad,
            ClatReason expected) {
        ClatReason r = ClatDecision.decide(mode, new HostState(route4, lease, route6), prefix, dad);
        assertThat(r).isEqualTo(expected);
        assertThat(r.on()).isEqualTo(expected == ClatReason.ON || expected == ClatReason.ON_FORCED);
    }
}
