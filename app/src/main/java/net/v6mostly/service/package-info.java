/**
 * Running services shared by the commands and the gateway: {@link net.v6mostly.service.RunningNat64}
 * (the NAT64's TUN device, workers, tables and mapping log, started from {@code [nat64]}) and
 * {@link net.v6mostly.service.LinkSetup} (the link part of a {@code [*.tun]} table). The commands
 * in {@code cli} and the components in {@code gateway} build on this package; it never reaches up
 * into them.
 */
package net.v6mostly.service;
