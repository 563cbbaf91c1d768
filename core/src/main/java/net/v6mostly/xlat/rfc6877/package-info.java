/**
 * The CLAT of 464XLAT (RFC 6877) as a pure engine: PREF64 discovery (RFC 9872: Router
 * Advertisements per RFC 8781 first, RFC 7050 {@code ipv4only.arpa} only as a fallback, a configured
 * prefix over both), the choice of the CLAT's own IPv6 address, the on/off decision of
 * draft-ietf-v6ops-claton, and the translator settings of the CLAT mapping (192.0.0.1 to the CLAT
 * address, every other IPv4 address to PREF64 + IPv4). Time is passed in; sockets, the TUN device
 * and routes live in {@code linux} and {@code app}.
 */
package net.v6mostly.xlat.rfc6877;
