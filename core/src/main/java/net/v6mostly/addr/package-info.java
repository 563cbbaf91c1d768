/**
 * Address arithmetic on primitives: IPv4 as {@code int}, IPv6 as two {@code long}s, prefixes, and
 * the RFC 6052 IPv4-embedded IPv6 address algorithm.
 */
package net.v6mostly.addr;
