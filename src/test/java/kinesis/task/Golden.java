package kinesis.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import kinesis.io.Assets;
import kinesis.io.Json;
import kinesis.sim.SimData;

/**
 * Test access to {@code data/golden-python/golden_direct.json} (numbers from the official Python
 * env).
 */
final class Golden {
  final JsonNode meta;
  final List<JsonNode> cases = new ArrayList<>();

  private static Golden instance;

  static synchronized Golden load() {
    if (instance == null) {
      try {
        JsonNode root =
            Json.MAPPER.readTree(Assets.resolve("data/golden-python/golden_direct.json").toFile());
        instance = new Golden(root);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  private Golden(JsonNode root) {
    meta = root.get("meta");
    root.get("cases").forEach(cases::add);
  }

  /** A number array, flattening nested lists. */
  static double[] doubles(JsonNode n) {
    List<Double> out = new ArrayList<>();
    flatten(n, out);
    double[] a = new double[out.size()];
    for (int i = 0; i < a.length; i++) a[i] = out.get(i);
    return a;
  }

  private static void flatten(JsonNode n, List<Double> out) {
    if (n.isArray()) n.forEach(c -> flatten(c, out));
    else out.add(n.asDouble());
  }

  static float[] floats(JsonNode n) {
    double[] d = doubles(n);
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
    return f;
  }

  /** As the harness applies a case: reset, write qpos, qvel, act, then mj_forward. */
  static void apply(SimData d, JsonNode c) {
    JsonNode in = c.get("inputs");
    d.reset();
    d.qpos.copyFrom(doubles(in.get("qpos")), 0);
    d.qvel.copyFrom(doubles(in.get("qvel")), 0);
    d.act.copyFrom(doubles(in.get("act")), 0);
    d.forward();
  }

  /** Largest absolute difference. */
  static double maxAbs(double[] a, double[] b, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
    return m;
  }
}
