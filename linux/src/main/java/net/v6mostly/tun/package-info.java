/**
 * The Linux TUN device: open, attach, multi-queue and virtio-net offloads; and the {@link
 * net.v6mostly.tun.LinkConfigurator} seam through which a daemon configures the link (MTU, addresses,
 * routes, up).
 */
package net.v6mostly.tun;
