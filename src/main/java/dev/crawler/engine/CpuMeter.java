package dev.crawler.engine;

import java.time.Duration;

/**
 * The process's share of the machine's CPU between two samples (0 to 1), from the JDK's own
 * counters ({@link ProcessHandle} CPU time over wall time and cores). Not thread-safe: one caller.
 */
final class CpuMeter {
    private final int cores = Runtime.getRuntime().availableProcessors();
    private long lastCpuNanos = cpuNanos();
    private long lastWallNanos = System.nanoTime();

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** The share since the previous sample, or -1 when the JDK cannot tell. */
    double sample() {
        long cpu = cpuNanos();
        long wall = System.nanoTime();
        double share =
                cpu < 0 || lastCpuNanos < 0 || wall == lastWallNanos
                        ? -1
                        : (double) (cpu - lastCpuNanos) / ((wall - lastWallNanos) * (double) cores);
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        return share;
    }
}
