package net.v6mostly.ndp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.stats.Counters;
import net.v6mostly.xlat.rfc6877.ClatStat;
import net.v6mostly.xlat.rfc6877.Pref64Discovery;

/**
 * Jazzer target: any bytes as an ICMPv6 Router Advertisement (RFC 4861 §4.2, §6.1.2), as the
 * CLAT's RA socket hands them over. Invariants: a message is either refused with {@link
 * IllegalArgumentException} (the receiver's counted drop) or parsed; a parsed RA emits again, and
 * what it emits parses to an RA that emits the same bytes (parsing normalizes once, then round
 * trips); its PREF64 options reach {@link Pref64Discovery}, which never throws, counts each once,
 * keeps at most {@link Pref64Discovery#MAX_RA_PREFIXES} prefixes and only ever offers a valid RFC
 * 6052 §2.2 prefix. The issue-15 RA (a /96 PREF64 with a non-zero u octet) is a seed.
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
        byte[] once = ra.emit();
        assertThat(once.length).isEqualTo(ra.size()).isLessThanOrEqualTo(Math.max(msg.length, RouterAdvertisement.HEADER));
        assertThat(RouterAdvertisement.parse(once).emit()).as("parse(emit(ra)) emits the same bytes").isEqualTo(once);

        Counters<ClatStat> counters = new Counters<>(ClatStat.class);
        Pref64Discovery d = new Pref64Discovery(null, false, 0, 0, counters);
        d.onRouterAdvertisement(ra.options(), 0);
        long pref64s = ra.options().stream().filter(o -> o instanceof Pref64Option).count();
        assertThat(counters.get(ClatStat.PREF64_OPTION) + counters.get(ClatStat.PREF64_NONZERO_U_OCTET)
                + counters.get(ClatStat.PREF64_TABLE_FULL)).isEqualTo(pref64s);
        assertThat(d.advertised(0).size()).isLessThanOrEqualTo(Pref64Discovery.MAX_RA_PREFIXES);
        d.current(0).ifPresent(p -> assertThat(Rfc6052Prefix.valid(p.prefix().prefix())).isTrue());
    }
}
