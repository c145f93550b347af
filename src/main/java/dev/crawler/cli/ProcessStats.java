package dev.crawler.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What this JVM process has cost so far: CPU time, peak resident memory (Linux {@code VmHWM}) and
 * peak heap (sum of the heap pools' peaks, an upper bound). Stateless.
 *
 * @param cpu CPU time of every thread of the process
 * @param peakRssBytes highest resident set size, or -1 where {@code /proc} is missing
 * @param peakHeapBytes highest heap use per pool, added up
 */
record ProcessStats(Duration cpu, long peakRssBytes, long peakHeapBytes) {

    /** Reads the figures now. */
    public static ProcessStats now() {
        Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        return new ProcessStats(cpu, peakRss(), heap);
    }

    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return -1;
    }
}
