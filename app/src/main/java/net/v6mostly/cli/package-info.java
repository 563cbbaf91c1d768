/**
 * The {@code v6mostly} command line (picocli): the root command with {@code --help} and
 * {@code --version}, and the {@code translate} subcommand that runs a pcap through the stateless
 * translator (RFC 7915). Exit codes: 0 success, 1 runtime error, 2 usage or configuration error.
 */
package net.v6mostly.cli;
