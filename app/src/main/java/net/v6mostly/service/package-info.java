/**
 * One service per component behind one lifecycle ({@link net.v6mostly.service.Service}: start,
 * reload to one {@link net.v6mostly.service.ReloadOutcome}, stop, health, metrics): SIIT, NAT64
 * (over {@link net.v6mostly.service.RunningNat64}), CLAT, DHCPv4, RA, DNS64. The
 * {@link net.v6mostly.service.Runner} runs the services of a command: signals, the metrics endpoint,
 * the health signalling ({@link net.v6mostly.service.HealthSignal}, RFC 8925/8781 withdrawn while a
 * dependency is down), supervision ({@link net.v6mostly.service.ServiceGroup},
 * {@link net.v6mostly.service.ServiceThreads}; {@code [gateway] on-component-failure}). It never
 * reaches up into {@code cli}.
 */
package net.v6mostly.service;
