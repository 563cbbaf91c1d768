/**
 * The Linux TUN device: open, attach, multi-queue and virtio-net offloads (header byte order
 * included); batch read and write on one of its queues ({@link net.v6mostly.tun.TunQueue} into
 * caller-owned {@link net.v6mostly.tun.PacketSlots}, each loss named by a
 * {@link net.v6mostly.tun.TunDrop}); and the {@link
 * net.v6mostly.tun.LinkConfigurator} seam through which a daemon configures the link (MTU, addresses,
 * routes, up).
 */
package net.v6mostly.tun;
