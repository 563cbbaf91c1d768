/**
 * Classic libpcap capture files (the format of draft-ietf-opsawg-pcap, "PCAP Capture File
 * Format"): reading records of link types RAW, IPV4, IPV6 and Ethernet down to the IP packet, and
 * writing IP packets as LINKTYPE_RAW. Offline tools and tests use it; the data path does not.
 * Depends on {@code java.base} and {@code stats} only.
 */
package net.v6mostly.pcap;
