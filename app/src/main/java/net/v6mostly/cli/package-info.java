/**
 * The {@code v6mostly} command line (picocli), commands only: each parses its options and hands
 * its services to the {@link net.v6mostly.service.Runner} ({@code gateway}, {@code siit},
 * {@code nat64}, {@code clat}, {@code dhcp4}, {@code ra}, {@code dns64}), or runs a tool
 * ({@code translate}, {@code check-config}, the {@code stats}/{@code status} readers of the metrics
 * endpoint, {@code nat64 lookup}, {@code lab}). ArchitectureTest keeps it so.
 * Exit codes: 0 success, 1 runtime error, 2 usage or configuration error.
 */
package net.v6mostly.cli;
