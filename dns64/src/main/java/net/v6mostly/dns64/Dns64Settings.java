package net.v6mostly.dns64;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;

/**
 * Everything the DNS64 proxy needs, validated: where to listen, whom to ask, the Pref64::/n
 * prefixes (RFC 6147 §5.2), the exclusion set (§5.1.4), the §5.1.2 switches, client policy,
 * cache bounds and time limits. Built by {@link #builder()}; {@code docs/dns64.md} documents each.
 *
 * @param listen                UDP and TCP listening addresses
 * @param upstreams             resolvers asked in order, the next on failure or timeout
 * @param prefixes              Pref64::/n; one synthetic AAAA per prefix per A record
 * @param exclude               AAAA data inside these is treated as absent; always has ::ffff:0:0/96
 * @param synthesizeOnServfail  treat an AAAA RCODE other than NOERROR/NXDOMAIN as empty (§5.1.2)
 * @param synthesizeOnTimeout   treat an AAAA upstream timeout as empty
 * @param allowClients          who may query; others get REFUSED
 * @param noSynthesisClients    clients that get real data only (dual-stack hosts)
 * @param cacheEntries          maximum cached answers (0 disables the cache)
 * @param cacheBytes            maximum total wire size of cached answers
 * @param upstreamTimeout       time allowed to each upstream for one query
 * @param tcpIdleTimeout        time a TCP client may take to send a query
 * @param maxTcpConnections     concurrent TCP connections
 * @param maxInFlight           queries being resolved at once; more are dropped
 * @param abuse                 per-client shares, rate limit, connection lifetime, upstream budget
 */
public record Dns64Settings(List<InetSocketAddress> listen, List<InetSocketAddress> upstreams,
        List<Rfc6052Prefix> prefixes, List<Ipv6Prefix> exclude, boolean synthesizeOnServfail,
        boolean synthesizeOnTimeout, AddressSet allowClients, AddressSet noSynthesisClients, int cacheEntries,
        long cacheBytes, Duration upstreamTimeout, Duration tcpIdleTimeout, int maxTcpConnections, int maxInFlight,
        AbuseLimits abuse) {

    /** The IPv4-mapped prefix ::ffff:0:0/96, always excluded (RFC 6147 §5.1.4). */
    public static final Ipv6Prefix IPV4_MAPPED = Ipv6Prefix.parse("::ffff:0:0/96");

    /** Validates and copies. */
    public Dns64Settings {
        listen = List.copyOf(listen);
        upstreams = List.copyOf(upstreams);
        prefixes = List.copyOf(prefixes);
        List<Ipv6Prefix> ex = new ArrayList<>(exclude);
        if (!ex.contains(IPV4_MAPPED)) {
            ex.addFirst(IPV4_MAPPED);
        }
        exclude = List.copyOf(ex);
        Objects.requireNonNull(allowClients);
        Objects.requireNonNull(noSynthesisClients);
        if (listen.isEmpty()) {
            throw new IllegalArgumentException("at least one listen address is needed");
        }
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("at least one upstream resolver is needed");
        }
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("at least one Pref64::/n prefix is needed (RFC 6147 §5.2)");
        }
        if (upstreamTimeout.isNegative() || upstreamTimeout.isZero() || tcpIdleTimeout.isNegative()
                || tcpIdleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (cacheEntries < 0 || cacheBytes < 0 || maxTcpConnections < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("cache bounds must be >= 0 and connection limits >= 1");
        }
        Objects.requireNonNull(abuse);
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private List<InetSocketAddress> listen = List.of(new InetSocketAddress("::1", 53));
        private List<InetSocketAddress> upstreams = List.of();
        private List<Rfc6052Prefix> prefixes = List.of(new Rfc6052Prefix(Rfc6052Prefix.WELL_KNOWN));
        private List<Ipv6Prefix> exclude = List.of(IPV4_MAPPED);
        private boolean synthesizeOnServfail = true;
        private boolean synthesizeOnTimeout;
        private AddressSet allowClients = AddressSet.LOOPBACK;
        private AddressSet noSynthesisClients = AddressSet.EMPTY;
        private int cacheEntries = 10_000;
        private long cacheBytes = 16L << 20;
        private Duration upstreamTimeout = Duration.ofMillis(1500);
        private Duration tcpIdleTimeout = Duration.ofSeconds(10);
        private int maxTcpConnections = 128;
        private int maxInFlight = 1024;
        private AbuseLimits abuse = AbuseLimits.DEFAULTS;

        private Builder() {
        }

        /** Sets the listening addresses. */
        public Builder listen(List<InetSocketAddress> v) {
            listen = v;
            return this;
        }

        /** Sets the upstream resolvers. */
        public Builder upstreams(List<InetSocketAddress> v) {
            upstreams = v;
            return this;
        }

        /** Sets Pref64::/n. */
        public Builder prefixes(List<Rfc6052Prefix> v) {
            prefixes = v;
            return this;
        }

        /** Sets the exclusion set (::ffff:0:0/96 is always added). */
        public Builder exclude(List<Ipv6Prefix> v) {
            exclude = v;
            return this;
        }

        /** RFC 6147 §5.1.2 error-RCODE handling. */
        public Builder synthesizeOnServfail(boolean v) {
            synthesizeOnServfail = v;
            return this;
        }

        /** Whether an AAAA timeout leads to synthesis. */
        public Builder synthesizeOnTimeout(boolean v) {
            synthesizeOnTimeout = v;
            return this;
        }

        /** Sets who may query. */
        public Builder allowClients(AddressSet v) {
            allowClients = v;
            return this;
        }

        /** Sets the clients that get no synthesis. */
        public Builder noSynthesisClients(AddressSet v) {
            noSynthesisClients = v;
            return this;
        }

        /** Sets the cache bounds. */
        public Builder cache(int entries, long bytes) {
            cacheEntries = entries;
            cacheBytes = bytes;
            return this;
        }

        /** Sets the per-upstream timeout. */
        public Builder upstreamTimeout(Duration v) {
            upstreamTimeout = v;
            return this;
        }

        /** Sets the TCP idle timeout. */
        public Builder tcpIdleTimeout(Duration v) {
            tcpIdleTimeout = v;
            return this;
        }

        /** Sets the connection and in-flight limits. */
        public Builder limits(int tcpConnections, int inFlight) {
            maxTcpConnections = tcpConnections;
            maxInFlight = inFlight;
            return this;
        }

        /** Sets the per-client shares, rate limit, connection lifetime and upstream budget. */
        public Builder abuse(AbuseLimits v) {
            abuse = v;
            return this;
        }

        /** Validates and builds. */
        public Dns64Settings build() {
            return new Dns64Settings(listen, upstreams, prefixes, exclude, synthesizeOnServfail, synthesizeOnTimeout,
                    allowClients, noSynthesisClients, cacheEntries, cacheBytes, upstreamTimeout, tcpIdleTimeout,
                    maxTcpConnections, maxInFlight, abuse);
        }
    }
}
