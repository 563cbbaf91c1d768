/**
 * Packet views over {@link java.lang.foreign.MemorySegment}: one class per header with named
 * offsets, a check gate and one-line accessors; and the Internet checksum. Nothing else computes
 * an offset into a packet.
 */
package net.v6mostly.wire;
