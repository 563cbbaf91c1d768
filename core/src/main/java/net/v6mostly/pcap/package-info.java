/**
 * Classic libpcap capture files (the format of draft-ietf-opsawg-pcap, "PCAP Capture File
 * Format"): reading records of link types RAW, IPV4, IPV6 and Ethernet down to the IP packet, and
 * writing IP packets as LINKTYPE_RAW; and the offline translation of a capture through any
 * {@link net.v6mostly.xlat.Translator} ({@link net.v6mostly.pcap.PcapTranslation}, with a
 * one-line description of each packet, {@link net.v6mostly.pcap.PacketDescription}), which
 * {@code v6mostly translate} runs. Offline tools and tests use it; the data path does not.
 */
package net.v6mostly.pcap;
