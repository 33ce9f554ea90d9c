package dev.custos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time of the JVM's live threads at one instant, to split a load run's CPU between the system
 * under test and the benchmark's own client threads when both run in one process.
 *
 * <p>The JVM's own threads that are not Java threads (JIT compilers, GC workers) are invisible to
 * {@link java.lang.management.ThreadMXBean}; on Linux their CPU is read from {@code
 * /proc/self/task/<tid>/stat} (clock-tick resolution, 10 ms), by the thread name the kernel shows
 * ({@code C2 CompilerThre}, {@code GC Thread#0}, {@code G1 Refine#0}, ...). A thread that ended
 * between two snapshots is lost to both.
 *
 * @param perThread CPU nanoseconds used so far by each live Java thread, keyed by thread id
 * @param names each thread's name, keyed by thread id
 * @param processNanos CPU nanoseconds used so far by the whole process
 * @param jitNanos CPU nanoseconds used so far by the live JIT compiler threads (0 off Linux)
 * @param gcNanos CPU nanoseconds used so far by the live GC threads (0 off Linux)
 */
record ThreadCpu(Map<Long, Long> perThread, Map<Long, String> names, long processNanos, long jitNanos, long gcNanos) {
  /** Linux's {@code USER_HZ}: /proc reports CPU time in hundredths of a second on every common platform. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  static ThreadCpu now() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] ids = threads.getAllThreadIds();
    long[] cpu = threads.getThreadCpuTime(ids);
    var infos = threads.getThreadInfo(ids);
    Map<Long, Long> perThread = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      if (cpu[i] >= 0 && infos[i] != null) {
        perThread.put(ids[i], cpu[i]);
        names.put(ids[i], infos[i].getThreadName());
      }
    }
    long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    long jit = 0;
    long gc = 0;
    Path tasks = Path.of("/proc/self/task");
    if (Files.isDirectory(tasks)) {
      try (var dirs = Files.list(tasks)) {
        for (Path task : dirs.toList()) {
          try {
            String comm = Files.readString(task.resolve("comm")).strip();
            boolean isJit = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler");
            boolean isGc = comm.startsWith("GC Thread") || comm.startsWith("G1 ");
            if (isJit || isGc) {
              long nanos = ticks(Files.readString(task.resolve("stat"))) * NANOS_PER_TICK;
              jit += isJit ? nanos : 0;
              gc += isGc ? nanos : 0;
            }
          } catch (IOException e) {
            // the thread ended while being read: it is lost, as documented
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list /proc/self/task", e);
      }
    }
    return new ThreadCpu(Map.copyOf(perThread), Map.copyOf(names), process, jit, gc);
  }

  /** utime + stime of a {@code /proc/<pid>/task/<tid>/stat} line (fields 14 and 15, after the parenthesised name). */
  private static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * CPU nanoseconds used between {@code earlier} and this snapshot by the threads whose name
   * matches {@code named}; a thread started in between counts from zero.
   */
  long since(ThreadCpu earlier, Predicate<String> named) {
    long sum = 0;
    for (var e : perThread.entrySet()) {
      if (named.test(names.get(e.getKey()))) {
        sum += e.getValue() - earlier.perThread().getOrDefault(e.getKey(), 0L);
      }
    }
    return sum;
  }
}
