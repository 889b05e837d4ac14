package kinesis.task;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Running sums of one environment's reward terms, and the steps they cover, since they were last
 * drained.
 */
public final class TermSums {
  private final double[] sums;
  private long steps;

  public TermSums(int terms) {
    sums = new double[terms];
  }

  /** Adds one step's terms. */
  public void add(double[] terms) {
    for (int t = 0; t < sums.length; t++) sums[t] += terms[t];
    steps++;
  }

  /**
   * Adds the sums to {@code into}, clears them, and returns the steps they covered ({@link
   * TaskEnv#drainTerms}).
   */
  public long drainInto(double[] into) {
    for (int t = 0; t < sums.length; t++) {
      into[t] += sums[t];
      sums[t] = 0;
    }
    long n = steps;
    steps = 0;
    return n;
  }

  /** Writes the step count, then the sums (the snapshot layout of the tasks). */
  public void save(DataOutputStream out) throws IOException {
    out.writeLong(steps);
    for (double v : sums) out.writeDouble(v);
  }

  public void load(DataInputStream in) throws IOException {
    steps = in.readLong();
    for (int t = 0; t < sums.length; t++) sums[t] = in.readDouble();
  }
}
