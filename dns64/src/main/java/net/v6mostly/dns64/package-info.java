/**
 * The DNS64 proxy (RFC 6147) with local answers for {@code ipv4only.arpa} (RFC 7050 §2.2,
 * RFC 8880 §7): UDP and TCP listeners, an upstream client with failover, a bounded cache, and the
 * synthesis rules of RFC 6147 §5, each in its own class. Engines here never read configuration;
 * {@code net.v6mostly.config.Dns64Section} builds a {@link net.v6mostly.dns64.Dns64Settings}.
 */
package net.v6mostly.dns64;
