package kinesis.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import kinesis.nn.Actor;
import kinesis.nn.Param;
import kinesis.nn.TensorFile;

/**
 * A policy's weights and observation-normaliser state as one payload (float32 values as raw bytes).
 */
final class PolicyState {
  private static final String NORM = "policy.norm.";

  private PolicyState() {}

  static byte[] encode(Actor policy) {
    Map<String, Object> norm = new LinkedHashMap<>();
    policy.norm().save(norm, NORM);
    Bytes.Out out = new Bytes.Out().i32(policy.params().size());
    for (Param p : policy.params()) out.str(p.name).floats(p.value, p.size());
    out.i32(norm.size());
    for (var e : norm.entrySet()) {
      out.str(e.getKey());
      if (e.getValue() instanceof float[] f) out.i32(0).floats(f, f.length);
      else if (e.getValue() instanceof long[] l && l.length == 1) out.i32(1).i64(l[0]);
      else throw new IllegalStateException("unexpected normaliser entry " + e.getKey());
    }
    return out.bytes();
  }

  /** Loads {@code payload} into {@code policy} (same architecture); throws on a mismatch. */
  static void load(byte[] payload, Actor policy) {
    Bytes.In in = new Bytes.In(payload);
    Map<String, Object> weights = new LinkedHashMap<>(), norm = new LinkedHashMap<>();
    for (int i = in.i32(); i > 0; i--) weights.put(in.str(), in.floats());
    for (int i = in.i32(); i > 0; i--) {
      String k = in.str();
      norm.put(k, in.i32() == 0 ? in.floats() : new long[] {in.i64()});
    }
    in.end();
    for (Param p : policy.params())
      System.arraycopy(TensorFile.floats(weights, p.name, p.size()), 0, p.value, 0, p.size());
    policy.norm().load(norm, NORM);
    policy.invalidate();
  }
}
