/**
 * Raw and packet sockets through FFM: the raw ICMPv6 socket the RA sender uses (RFC 3542 API:
 * IPV6_PKTINFO, IPV6_HOPLIMIT, ICMP6_FILTER), interface facts read from {@code /sys} and
 * {@code /proc}, and the RA sender's I/O loop that drives the pure engines of {@code ndp}.
 */
package net.v6mostly.net;
