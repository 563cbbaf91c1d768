/**
 * The gateway's log lines (logfmt, one event per line, {@link net.v6mostly.gateway.GatewayLog}).
 * The gateway itself is the {@link net.v6mostly.service.Runner} over several services, made by
 * {@code cli/GatewayCommand}.
 */
package net.v6mostly.gateway;
