/**
 * Raw and packet sockets through FFM: the raw ICMPv6 socket the RA sender uses (RFC 3542 API:
 * IPV6_PKTINFO, IPV6_HOPLIMIT, ICMP6_FILTER), interface facts read from {@code /sys} and
 * {@code /proc}, and the RA sender's I/O loop that drives the pure engines of {@code ndp}; and the
 * DHCPv4 server's IPv4 UDP socket with IP_PKTINFO, its AF_PACKET socket and its receive/decide/
 * persist/send loop around the pure engine; the CLAT's host side ({@link net.v6mostly.net.ClatHost}:
 * routing facts, kernel DAD, proxy ND, routes and sysctls over rtnetlink and {@code /proc/sys}) and
 * its CE-router nftables rules ({@link net.v6mostly.net.Nftables}).
 */
package net.v6mostly.net;
