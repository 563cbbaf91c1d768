/**
 * Sockets beyond TUN: the IPv4 UDP socket with IP_PKTINFO and the AF_PACKET socket of the DHCPv4
 * server, and the server's receive/decide/persist/send loop around the pure engine.
 */
package net.v6mostly.net;
