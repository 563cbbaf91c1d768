package net.v6mostly.xlat;

import java.util.Objects;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv4PrefixSet;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Ipv6PrefixSet;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * Everything the stateless translator (RFC 7915) needs to know, validated and immutable. Built by
 * {@code config} from the TOML file, or by tests through {@link #builder()}.
 *
 * @param pool6                 the RFC 6052 prefix, or null when only the EAM table maps addresses
 * @param eam                   the Explicit Address Mapping Table (RFC 7757)
 * @param hairpin               how packets from IPv6 to an EAM IPv4 address of another IPv6 node are handled (RFC 7757 §4.2)
 * @param rfc6791v4             IPv4 pool for sources of ICMPv6 errors that cannot be mapped (RFC 6791), or null
 * @param rfc6791v6             IPv6 pool for sources of ICMPv4 errors that cannot be mapped (RFC 6791), or null
 * @param dummySourceExtension  with no RFC 6791 IPv4 pool, source untranslatable ICMPv6 errors from 192.0.0.8
 *                              and carry the original source in a Node Identification Object
 *                              (draft-ietf-v6ops-icmpext-xlat-v6only-source §4); when false, use {@code ownIpv4}
 * @param ownIpv4               the translator's IPv4 address: the source of ICMPv4 errors it generates
 * @param ownIpv6               the translator's IPv6 address: the source of ICMPv6 errors it generates
 * @param lowestIpv6Mtu         the smallest MTU of the IPv6 network (RFC 7915 §4.1 "lowest-ipv6-mtu"), at least 1280
 * @param mtu4                  MTU of the next hop on the IPv4 side
 * @param mtu6                  MTU of the next hop on the IPv6 side
 * @param amendUdpZeroChecksum  compute a checksum for unfragmented IPv4 UDP with checksum zero (RFC 7915 §4.5 option 2)
 *                              instead of dropping it (option 1)
 * @param wkpNonGlobal          translate non-global IPv4 addresses behind the Well-Known Prefix
 *                              (draft-ietf-v6ops-nat64-wkp-1918); false keeps RFC 6052 §3.1 and drops them
 * @param resetTrafficClass     write 0 instead of copying IPv4 TOS / IPv6 Traffic Class (RFC 7915 §4.1, §5.1 option)
 * @param icmpErrors46          send ICMPv4 errors for IPv4 packets the translator discards (RFC 7915 §4.4)
 * @param icmpErrors64          send ICMPv6 errors for IPv6 packets the translator discards (RFC 7915 §5.4)
 * @param icmpErrorsPerSecond   rate limit of generated ICMP errors (token bucket, per direction); 0 = unlimited
 * @param icmpErrorBurst        bucket depth of that limit
 * @param deny4                 IPv4 networks never reached (6→4 destination) nor heard from (4→6 source), on
 *                              top of the networks no translator may reach (0/8, 127/8, 224/4, 240/4)
 * @param allow6Sources         when not empty, only IPv6 sources inside these prefixes are translated to IPv4
 *                              (everything else is refused with ICMPv6 1/5, RFC 4443 §3.1)
 */
public record SiitSettings(
        Rfc6052Prefix pool6,
        EamTable eam,
        HairpinMode hairpin,
        Ipv4Prefix rfc6791v4,
        Ipv6Prefix rfc6791v6,
        boolean dummySourceExtension,
        int ownIpv4,
        Ipv6Address ownIpv6,
        int lowestIpv6Mtu,
        int mtu4,
        int mtu6,
        boolean amendUdpZeroChecksum,
        boolean wkpNonGlobal,
        boolean resetTrafficClass,
        boolean icmpErrors46,
        boolean icmpErrors64,
        int icmpErrorsPerSecond,
        int icmpErrorBurst,
        Ipv4PrefixSet deny4,
        Ipv6PrefixSet allow6Sources) {

    /** How hairpinned traffic is recognised (RFC 7757 §4.2; Jool's eam-hairpin-mode). */
    public enum HairpinMode {
        /** Never hairpin. */
        OFF,
        /** Hairpin when the 6→4 result's destination matches an EAM entry (RFC 7757 §4.2.1 simple). */
        SIMPLE,
        /** As SIMPLE, and also an IPv4 packet whose source and destination both map through EAM (§4.2.2 intrinsic). */
        INTRINSIC
    }

    /** Validates the combination; every message names the setting. */
    public SiitSettings {
        Objects.requireNonNull(eam, "eam");
        Objects.requireNonNull(hairpin, "hairpin");
        Objects.requireNonNull(ownIpv6, "ownIpv6");
        Objects.requireNonNull(deny4, "deny4");
        Objects.requireNonNull(allow6Sources, "allow6Sources");
        if (pool6 == null && eam.isEmpty()) {
            throw new IllegalArgumentException("pool6 and the EAM table are both empty: nothing could be translated");
        }
        if (lowestIpv6Mtu < 1280 || lowestIpv6Mtu > 65535) {
            throw new IllegalArgumentException("lowest-ipv6-mtu must be 1280..65535 (RFC 7915 §4.1), not " + lowestIpv6Mtu);
        }
        if (mtu4 < 68 || mtu4 > 65535) {
            throw new IllegalArgumentException("mtu4 must be 68..65535 (RFC 791), not " + mtu4);
        }
        if (mtu6 < 1280 || mtu6 > 65535) {
            throw new IllegalArgumentException("mtu6 must be 1280..65535 (RFC 8200 §5), not " + mtu6);
        }
        if (icmpErrorsPerSecond < 0 || icmpErrorBurst < 0) {
            throw new IllegalArgumentException("ICMP error rate and burst must not be negative");
        }
    }

    /** A builder with the defaults: lowest-ipv6-mtu 1280, MTUs 1500, errors on at 1000/s burst 100, 192.0.0.8 on. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.pool6 = pool6;
        b.eam = eam;
        b.hairpin = hairpin;
        b.rfc6791v4 = rfc6791v4;
        b.rfc6791v6 = rfc6791v6;
        b.dummySourceExtension = dummySourceExtension;
        b.ownIpv4 = ownIpv4;
        b.ownIpv6 = ownIpv6;
        b.lowestIpv6Mtu = lowestIpv6Mtu;
        b.mtu4 = mtu4;
        b.mtu6 = mtu6;
        b.amendUdpZeroChecksum = amendUdpZeroChecksum;
        b.wkpNonGlobal = wkpNonGlobal;
        b.resetTrafficClass = resetTrafficClass;
        b.icmpErrors46 = icmpErrors46;
        b.icmpErrors64 = icmpErrors64;
        b.icmpErrorsPerSecond = icmpErrorsPerSecond;
        b.icmpErrorBurst = icmpErrorBurst;
        b.deny4 = deny4;
        b.allow6Sources = allow6Sources;
        return b;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private Rfc6052Prefix pool6;
        private EamTable eam = EamTable.EMPTY;
        private HairpinMode hairpin = HairpinMode.INTRINSIC;
        private Ipv4Prefix rfc6791v4;
        private Ipv6Prefix rfc6791v6;
        private boolean dummySourceExtension = true;
        private int ownIpv4 = 0xC0000008;
        private Ipv6Address ownIpv6 = new Ipv6Address(0, 0);
        private int lowestIpv6Mtu = 1280;
        private int mtu4 = 1500;
        private int mtu6 = 1500;
        private boolean amendUdpZeroChecksum;
        private boolean wkpNonGlobal;
        private boolean resetTrafficClass;
        private boolean icmpErrors46 = true;
        private boolean icmpErrors64 = true;
        private int icmpErrorsPerSecond = 1000;
        private int icmpErrorBurst = 100;
        private Ipv4PrefixSet deny4 = Ipv4PrefixSet.EMPTY;
        private Ipv6PrefixSet allow6Sources = Ipv6PrefixSet.EMPTY;

        private Builder() {
        }

        public Builder pool6(Rfc6052Prefix v) { pool6 = v; return this; }
        public Builder eam(EamTable v) { eam = v; return this; }
        public Builder hairpin(HairpinMode v) { hairpin = v; return this; }
        public Builder rfc6791v4(Ipv4Prefix v) { rfc6791v4 = v; return this; }
        public Builder rfc6791v6(Ipv6Prefix v) { rfc6791v6 = v; return this; }
        public Builder dummySourceExtension(boolean v) { dummySourceExtension = v; return this; }
        public Builder ownIpv4(int v) { ownIpv4 = v; return this; }
        public Builder ownIpv6(Ipv6Address v) { ownIpv6 = v; return this; }
        public Builder lowestIpv6Mtu(int v) { lowestIpv6Mtu = v; return this; }
        public Builder mtu4(int v) { mtu4 = v; return this; }
        public Builder mtu6(int v) { mtu6 = v; return this; }
        public Builder amendUdpZeroChecksum(boolean v) { amendUdpZeroChecksum = v; return this; }
        public Builder wkpNonGlobal(boolean v) { wkpNonGlobal = v; return this; }
        public Builder resetTrafficClass(boolean v) { resetTrafficClass = v; return this; }
        public Builder icmpErrors46(boolean v) { icmpErrors46 = v; return this; }
        public Builder icmpErrors64(boolean v) { icmpErrors64 = v; return this; }
        public Builder icmpErrorsPerSecond(int v) { icmpErrorsPerSecond = v; return this; }
        public Builder icmpErrorBurst(int v) { icmpErrorBurst = v; return this; }
        public Builder deny4(Ipv4PrefixSet v) { deny4 = v; return this; }
        public Builder allow6Sources(Ipv6PrefixSet v) { allow6Sources = v; return this; }

        /** Validates and builds. */
        public SiitSettings build() {
            return new SiitSettings(pool6, eam, hairpin, rfc6791v4, rfc6791v6, dummySourceExtension, ownIpv4, ownIpv6,
                    lowestIpv6Mtu, mtu4, mtu6, amendUdpZeroChecksum, wkpNonGlobal, resetTrafficClass, icmpErrors46,
                    icmpErrors64, icmpErrorsPerSecond, icmpErrorBurst, deny4, allow6Sources);
        }
    }
}
