/**
 * The DHCPv4 server engine (RFC 2131, RFC 2132) with the IPv6-Only Preferred option (RFC 8925):
 * the message record and its option codecs, the pure engine (messages and time in, replies and
 * lease changes out), its counted exits, the per-subnet adoption figures and the lease journal.
 * Sockets live in the {@code linux} module; the configuration file is read in {@code app}.
 */
package net.v6mostly.dhcp4;
