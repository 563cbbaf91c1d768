/**
 * The {@code v6mostly} command line (picocli): the root command with {@code --help} and
 * {@code --version}; {@code translate}, which runs a pcap through the stateless translator
 * (RFC 7915); {@code siit}, the translator as a daemon on a TUN device, with {@code siit stats};
 * {@code dns64}, {@code ra}, {@code dhcp4}; and {@code clat}, the host CLAT (RFC 6877), with
 * {@code clat status}.
 * Exit codes: 0 success, 1 runtime error, 2 usage or configuration error.
 */
package net.v6mostly.cli;
