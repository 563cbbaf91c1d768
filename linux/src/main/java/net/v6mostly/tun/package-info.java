/** The Linux TUN device: open, attach, multi-queue and virtio-net offloads. */
package net.v6mostly.tun;
