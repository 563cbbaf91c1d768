package net.v6mostly.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.v6mostly.datapath.DatapathStat;
import net.v6mostly.dhcp4.Adoption;
import net.v6mostly.dhcp4.Dhcp4Stat;
import net.v6mostly.dns64.Dns64Stat;
import net.v6mostly.ndp.NdpStat;
import net.v6mostly.xlat.XlatStat;
import net.v6mostly.xlat.rfc6146.MappingLogStat;
import net.v6mostly.xlat.rfc6146.Nat64Exit;
import net.v6mostly.xlat.rfc6146.Nat64Stat;
import net.v6mostly.xlat.rfc6146.Protocol;
import net.v6mostly.xlat.rfc6877.ClatStat;

/**
 * One fixed sample per metrics renderer, the same one the golden files under
 * {@code golden/} were written from by the hand-written exposition code this package had before
 * it used the Prometheus client library: the renderers must expose the same names, labels, help
 * and values for it.
 */
final class GoldenSamples {
    private GoldenSamples() {
    }

    static SiitMetrics.Sample siit() {
        return new SiitMetrics.Sample(Map.of(XlatStat.TRANSLATED_46, 12_345_678_901L, XlatStat.TTL_EXPIRED_46, 3L),
                Map.of(DatapathStat.PACKETS_READ, 9L), true, 61_500);
    }

    static Nat64Metrics.Sample nat64() {
        return new Nat64Metrics.Sample(false, 3_723_042, Map.of(Nat64Exit.TRANSLATED_64, 7L),
                Map.of(Nat64Stat.MAPPED_64, 5L), Map.of(XlatStat.TTL_EXPIRED_46, 1L), Map.of(DatapathStat.PACKETS_READ, 4L),
                Map.of(Protocol.TCP, 2L, Protocol.UDP, 3L), Map.of(Protocol.UDP, 4L),
                Map.of(Protocol.TCP, 10L), Map.of(Protocol.TCP, 64_512L, Protocol.UDP, 64_512L, Protocol.ICMP, 65_536L),
                6, 2, 1, new Nat64Metrics.LogStatus(true, true, Map.of(MappingLogStat.WRITTEN, 11L,
                        MappingLogStat.QUEUE_FULL, 2L)));
    }

    /** Subnet names an operator may write: a quote, a backslash, a line feed. */
    static List<Adoption> adoption() {
        return List.of(new Adoption("campus", 3, 1, 1), new Adoption("lab \"a\"\\b\nc", 0, 2, 0));
    }

    static Dhcp4Metrics.Sample dhcp4() {
        return new Dhcp4Metrics.Sample(Map.of(Dhcp4Stat.OFFER_V6ONLY, 3L, Dhcp4Stat.ACK_SELECTING, 2L), adoption(), 2,
                12_000);
    }

    static ClatMetrics.Sample clat() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("state", "on");
        info.put("reason", "on");
        info.put("reason_text", "translating: \"PREF64\" from RA\\n");
        info.put("prefix", "2001:db8:64::/96");
        info.put("source", "ra");
        info.put("clat_ipv6", "2001:db8:1::c1a7");
        return new ClatMetrics.Sample(info, true, Map.of(ClatStat.RA_ACCEPTED, 3L), Map.of(XlatStat.TRANSLATED_46, 5L),
                Map.of(DatapathStat.PACKETS_READ, 6L), 1_000);
    }

    static Map<NdpStat, Long> ra() {
        return Map.of(NdpStat.RA_SENT_INITIAL, 3L, NdpStat.RA_SENT_PERIODIC, 4L);
    }

    static Map<Dns64Stat, Long> dns64() {
        return Map.of(Dns64Stat.QUERY_AAAA, 8L, Dns64Stat.QUERY_A, 1L);
    }

    static Map<String, Boolean> componentsUp() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("dns64", true);
        m.put("ra", false);
        m.put("dhcp4", true);
        return m;
    }

    static Map<String, Boolean> healthInputs() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("dns64", true);
        m.put("nat64", false);
        return m;
    }
}
