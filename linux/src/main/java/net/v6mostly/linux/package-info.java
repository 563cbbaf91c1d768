/**
 * Foreign Function & Memory bindings to the Linux kernel interfaces v6mostly uses (libc calls,
 * rtnetlink, {@code /proc/sys}). No JNI; every failure carries errno and its strerror text.
 */
package net.v6mostly.linux;
