package net.v6mostly.xlat.rfc6877;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.Pref64Option;
import net.v6mostly.ndp.RouterAdvertisement;
import net.v6mostly.ndp.RouterPreference;

/**
 * Jazzer target: the CLAT control plane as {@code v6mostly clat} drives it, fed a fuzzed sequence
 * of ICMPv6 messages from its RA socket (RFC 4861 §6.1.2: any bytes, or RAs built from fuzzed
 * PREF64, PIO and RDNSS values so that deep states are reached; any hop limit and source), clock
 * steps, host facts, DAD results and RFC 7050 answers. Invariants after every step: nothing throws;
 * every RA is counted once (accepted or under one drop reason); every PREF64 option of an accepted
 * RA is counted once (taken, non-zero u octet, table full); the prefix in use is a valid RFC 6052
 * §2.2 prefix and, when it came from an RA, one of the advertised ones; the RA-filled tables stay
 * within their limits; the CLAT is on only with a prefix and an address.
 */
class ClatEngineFuzzTest {
    private static final long S = 1_000_000_000L;
    private static final Ipv6Address ROUTER = Ipv6Address.parse("fe80::1");

    @FuzzTest(maxDuration = "10s")
    void raSequence(FuzzedDataProvider data) {
        long now = data.consumeLong(0, 1L << 40);
        ClatEngine e = new ClatEngine(new ClatEngine.Settings(ClatMode.AUTO, "eth0", null, null,
                ClatAddresses.DEFAULT_IPV4, true, 2 * S, new byte[] {1}), now);
        long ras = 0;
        long pref64Options = 0;
        for (int step = 0; step < 32 && data.remainingBytes() > 0; step++) {
            switch (data.consumeInt(0, 6)) {
                case 0, 1, 6 -> {
                    byte[] msg = data.consumeBoolean() ? structuredRa(data) : data.consumeBytes(data.consumeInt(0, 1500));
                    int hop = data.consumeBoolean() ? 255 : data.consumeInt(0, 255);
                    Ipv6Address src = data.consumeBoolean() ? ROUTER : new Ipv6Address(data.consumeLong(), data.consumeLong());
                    ras++;
                    if (e.onRouterAdvertisement(msg, src, hop, now)) {
                        pref64Options += RouterAdvertisement.parse(msg).options().stream()
                                .filter(o -> o instanceof Pref64Option).count();
                    }
                }
                case 2 -> now += data.consumeLong(0, 100_000) * S / 10;
                case 3 -> e.onHostState(new HostState(data.consumeBoolean(), data.consumeBoolean(), data.consumeBoolean()));
                case 4 -> {
                    ClatState s = e.evaluate(now);
                    if (s.clat6() != null) {
                        e.onDadResult(s.clat6(), data.consumeBoolean());
                    }
                }
                default -> {
                    if (e.rfc7050Due(now)) {
                        List<Ipv6Address> aaaa = new ArrayList<>();
                        for (int i = data.consumeInt(0, 3); i > 0; i--) {
                            aaaa.add(new Ipv6Address(data.consumeLong(), data.consumeLong()));
                        }
                        e.onRfc7050Answer(aaaa, data.consumeLong(0, 1L << 32), now);
                    }
                }
            }
            check(e, now, ras, pref64Options);
        }
    }

    /** An RA built from fuzzed PREF64 (any of the six lengths, any u octet), PIO and RDNSS values. */
    private static byte[] structuredRa(FuzzedDataProvider data) {
        List<NdpOption> options = new ArrayList<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            int length = Pref64Option.lengthOf(data.consumeInt(0, 5));
            long hi = data.consumeLong();
            long lo = data.consumeBoolean() ? 0 : data.consumeLong();
            options.add(new Pref64Option(new Ipv6Prefix(hi & Ipv6Prefix.maskHi(length), lo & Ipv6Prefix.maskLo(length),
                    length), data.consumeInt(0, 8191) * 8));
        }
        if (data.consumeBoolean()) {
            options.add(new NdpOption.PrefixInformation(new Ipv6Prefix(data.consumeLong(), 0, 64), true,
                    data.consumeBoolean(), data.consumeLong(0, 0xFFFF_FFFFL), 0));
        }
        if (data.consumeBoolean()) {
            options.add(new NdpOption.Rdnss(data.consumeLong(0, 0xFFFF_FFFFL),
                    List.of(new Ipv6Address(data.consumeLong(), data.consumeLong()))));
        }
        return new RouterAdvertisement(64, false, false, RouterPreference.MEDIUM, data.consumeInt(0, 65535), 0, 0,
                options).emit();
    }

    private static void check(ClatEngine e, long now, long ras, long pref64Options) {
        var c = e.counters();
        assertThat(c.get(ClatStat.RA_ACCEPTED) + c.get(ClatStat.RA_BAD_HOP_LIMIT) + c.get(ClatStat.RA_NOT_LINK_LOCAL)
                + c.get(ClatStat.RA_MALFORMED)).as("every RA counted once").isEqualTo(ras);
        assertThat(c.get(ClatStat.PREF64_OPTION) + c.get(ClatStat.PREF64_NONZERO_U_OCTET)
                + c.get(ClatStat.PREF64_TABLE_FULL)).as("every PREF64 option counted once").isEqualTo(pref64Options);
        assertThat(c.get(ClatStat.INTERNAL_ERROR)).isZero();
        ClatState s = e.evaluate(now);
        var advertised = e.discovery().advertised(now);
        assertThat(advertised.size()).isLessThanOrEqualTo(Pref64Discovery.MAX_RA_PREFIXES);
        assertThat(e.dnsServers(now).size()).isLessThanOrEqualTo(ClatEngine.MAX_DNS_SERVERS);
        s.pref64().ifPresent(p -> {
            assertThat(Rfc6052Prefix.valid(p.prefix().prefix())).as("RFC 6052 §2.2: %s", p.prefix()).isTrue();
            if (p.source() == Pref64Source.ROUTER_ADVERTISEMENT) {
                assertThat(advertised).containsKey(p.prefix().prefix());
            }
        });
        if (s.on()) {
            assertThat(s.pref64()).isPresent();
            assertThat(s.clat6()).isNotNull();
        }
    }
}
