package kinesis.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters the coordinator actor updates and the training thread reads (per iteration) and the
 * benchmark reports.
 */
final class CoordinatorStats {
  /** Metric names added to a cluster run's environment metrics, per iteration. */
  static final List<String> NAMES =
      List.of(
          "cluster/workers",
          "cluster/segments_stale_used",
          "cluster/segments_dropped",
          "cluster/segments_lost",
          "cluster/bytes_per_sample",
          "cluster/learner_overhead_s");

  private int workers, refused;
  private long staleUsed, dropped, lost, sentBytes, receivedBytes, lastActivity = System.nanoTime();
  private long iterStaleUsed, iterDropped, iterLost;

  synchronized void workers(int n) {
    workers = n;
  }

  synchronized int workers() {
    return workers;
  }

  synchronized void refused() {
    refused++;
  }

  synchronized int refusedCount() {
    return refused;
  }

  synchronized void staleUsed() {
    staleUsed++;
    iterStaleUsed++;
  }

  synchronized void dropped() {
    dropped++;
    iterDropped++;
  }

  synchronized void lost() {
    lost++;
    iterLost++;
  }

  synchronized void sent(long bytes) {
    sentBytes += bytes;
  }

  synchronized void received(long bytes) {
    receivedBytes += bytes;
    lastActivity = System.nanoTime();
  }

  synchronized long receivedBytes() {
    return receivedBytes;
  }

  synchronized long sentBytes() {
    return sentBytes;
  }

  synchronized long lostTotal() {
    return lost;
  }

  synchronized long staleUsedTotal() {
    return staleUsed;
  }

  synchronized long droppedTotal() {
    return dropped;
  }

  /** Seconds since a worker last delivered anything. */
  synchronized double idleSeconds() {
    return (System.nanoTime() - lastActivity) / 1e9;
  }

  synchronized void touch() {
    lastActivity = System.nanoTime();
  }

  /**
   * This iteration's counts (then cleared), with the bytes per sample and learner overhead the
   * caller measured.
   */
  synchronized Map<String, Double> drain(double bytesPerSample, double overheadSeconds) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(NAMES.get(0), (double) workers);
    m.put(NAMES.get(1), (double) iterStaleUsed);
    m.put(NAMES.get(2), (double) iterDropped);
    m.put(NAMES.get(3), (double) iterLost);
    m.put(NAMES.get(4), bytesPerSample);
    m.put(NAMES.get(5), overheadSeconds);
    iterStaleUsed = iterDropped = iterLost = 0;
    return m;
  }
}
