/**
 * {@code v6mostly gateway}: RA with PREF64, DHCPv4 with option 108, DNS64 and the NAT64 PLAT
 * ({@link net.v6mostly.service.Nat64Service}) in one process from one config. Each service is a {@link
 * net.v6mostly.service.Service}; {@link net.v6mostly.service.HealthSignal} ties option 108
 * and the PREF64 lifetime to the health of DNS64 and NAT64; {@link net.v6mostly.gateway.Gateway}
 * starts, reloads and stops them in order and serves one metrics endpoint.
 */
package net.v6mostly.gateway;
