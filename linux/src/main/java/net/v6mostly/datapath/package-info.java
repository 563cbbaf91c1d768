/**
 * The I/O loops: worker threads that move packets between a TUN device and a translator, each
 * owning its buffers, counters and translator instance (DESIGN.md §3.6, §4).
 */
package net.v6mostly.datapath;
