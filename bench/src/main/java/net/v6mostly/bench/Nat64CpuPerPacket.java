package net.v6mostly.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

import org.openjdk.jmh.infra.Blackhole;

/**
 * The methods of {@link Nat64PacketBenchmark} timed in <em>thread CPU time</em>
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}) instead of wall-clock time: on a machine shared
 * with other processes a JMH fork's wall-clock score swings with their load, while the CPU time
 * the benchmark thread itself spent per call moves far less, so an A/B of two builds on a busy
 * machine reads this (docs/benchmarks.md, "After issue 17's translator core"). Same setup and
 * checks as the JMH benchmark (it refuses to run unless each packet is translated with valid
 * checksums). Run: {@code java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar
 * net.v6mostly.bench.Nat64CpuPerPacket}.
 */
public final class Nat64CpuPerPacket {
    private static final int CALLS = 2_000_000;
    private static final int WARMUP_ROUNDS = 5;
    private static final int SAMPLES = 7;

    private Nat64CpuPerPacket() {
    }

    /** Prints, per method and packet kind, the lowest and the median CPU ns per call of 7 samples. */
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (String kind : new String[] {"UDP64", "TCP1400"}) {
            Nat64PacketBenchmark b = new Nat64PacketBenchmark();
            b.kind = kind;
            b.setUp();
            for (String method : new String[] {"translate64", "translate46", "copyOnly64", "copyOnly46"}) {
                Runnable call = switch (method) {
                    case "translate64" -> () -> b.translate64(bh);
                    case "translate46" -> () -> b.translate46(bh);
                    case "copyOnly64" -> () -> b.copyOnly64(bh);
                    default -> () -> b.copyOnly46(bh);
                };
                for (int w = 0; w < WARMUP_ROUNDS; w++) {
                    repeat(call);
                }
                double[] perCall = new double[SAMPLES];
                for (int k = 0; k < SAMPLES; k++) {
                    long t0 = mx.getCurrentThreadCpuTime();
                    repeat(call);
                    perCall[k] = (mx.getCurrentThreadCpuTime() - t0) / (double) CALLS;
                }
                Arrays.sort(perCall);
                System.out.printf("%s %s cpu-ns/op min %.1f median %.1f%n", method, kind, perCall[0],
                        perCall[SAMPLES / 2]);
            }
            b.tearDown();
        }
    }

    private static void repeat(Runnable call) {
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
    }
}
