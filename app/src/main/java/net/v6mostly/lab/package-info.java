/**
 * {@code v6mostly lab}: a whole IPv6-mostly network in network namespaces with real clients
 * (DESIGN.md §1): an "internet" with an IPv4-only and an IPv6 web server and their authoritative
 * DNS, the gateway running {@code v6mostly gateway}, and a LAN with the three device kinds of an
 * IPv6-mostly network (draft-ietf-v6ops-6mops §3) plus an IPv4-only printer reached through
 * NAT64. The lab builds the network, lets every device configure itself with its own real client,
 * checks what each device can reach and reports it, then always tears the network down.
 */
package net.v6mostly.lab;
