/** Explicit Address Mappings for stateless IP/ICMP translation (RFC 7757). */
package net.v6mostly.xlat.rfc7757;
