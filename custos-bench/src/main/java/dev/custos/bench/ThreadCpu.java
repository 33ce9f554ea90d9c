package dev.custos.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time of the JVM's live threads at one instant, to split a load run's CPU between the system
 * under test and the benchmark's own client threads when both run in one process.
 *
 * <p>What it cannot see: a thread that ended between two snapshots (its CPU is lost), and the
 * JVM's own threads that are not Java threads (GC workers, JIT compilers), which appear only in
 * the process total ({@link #processNanos}).
 *
 * @param perThread CPU nanoseconds used so far by each live Java thread, keyed by thread id
 * @param names each thread's name, keyed by thread id
 * @param processNanos CPU nanoseconds used so far by the whole process
 */
record ThreadCpu(Map<Long, Long> perThread, Map<Long, String> names, long processNanos) {

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
    return new ThreadCpu(Map.copyOf(perThread), Map.copyOf(names), process);
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
