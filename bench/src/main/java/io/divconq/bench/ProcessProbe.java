package io.divconq.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reads this JVM's CPU time, in all and by the part of the system each thread belongs to. */
final class ProcessProbe {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ProcessProbe() {
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU nanoseconds used so far by live threads, summed per area. */
    static Map<String, Long> cpuByArea() {
        Map<String, Long> out = new TreeMap<>();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) continue;
            long cpu = THREADS.getThreadCpuTime(ids[i]);
            if (cpu > 0) out.merge(area(infos[i].getThreadName()), cpu, Long::sum);
        }
        return out;
    }

    static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new LinkedHashMap<>();
        after.forEach((k, v) -> out.put(k, Math.max(0, v - before.getOrDefault(k, 0L))));
        return out;
    }

    /** Which part of divconq (or of the embedded services) a thread works for, from its name. */
    static String area(String thread) {
        if (thread.contains("StreamThread")) return "kafka-streams threads";
        if (thread.contains("producer-network-thread") || thread.contains("consumer") || thread.contains("admin-client")) {
            return "kafka clients (network)";
        }
        if (thread.startsWith("divconq-sim")) return "model simulator";
        if (thread.startsWith("divconq-llm") || thread.startsWith("HttpClient")) return "model client (HTTP)";
        if (thread.startsWith("divconq-bench")) return "load generator";
        if (thread.contains("kafka") || thread.contains("data-plane") || thread.contains("broker") || thread.contains("controller")
                || thread.contains("raft") || thread.contains("quorum") || thread.contains("ReplicaFetcher")
                || thread.contains("LogCleaner") || thread.contains("metadata") || thread.contains("group-coordinator")
                || thread.contains("transaction")) {
            return "kafka broker (embedded)";
        }
        if (thread.startsWith("GC") || thread.startsWith("G1") || thread.contains("Compiler") || thread.startsWith("C1")
                || thread.startsWith("C2") || thread.equals("VM Thread")) {
            return "jvm (gc, jit)";
        }
        return "other";
    }

    /** Total GC time so far, all collectors. */
    static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) total += Math.max(0, gc.getCollectionTime());
        return total;
    }

    static long threadsStarted() {
        return THREADS.getTotalStartedThreadCount();
    }

    static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
