package kinesis.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.AtomicFiles;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.io.NdArray;
import kinesis.io.Npy;
import kinesis.io.Npz;

/**
 * The {@code *.rollout.npz} file: a zip (entries stored, not compressed) of little-endian {@code
 * .npy} arrays plus {@code meta.json}, so {@code numpy.load} opens it as an npz. Arrays: {@code
 * time} [T] and {@code qpos} [T,nq] as float64; {@code xpos} [T,N,3], {@code xquat} [T,N,4], {@code
 * keypoints} [T,J,3], {@code act}/{@code ctrl} [T,nu], {@code touch} [T,4] and {@code rewards}
 * [T,R] as float32. {@code meta.json} holds {@link Rollout.Meta} plus {@code format}, {@code
 * version}, {@code steps} and {@code touch_names}.
 */
public final class RolloutFile {
  public static final String FORMAT = "kinesis-rollout";
  public static final int VERSION = 1;

  /** File name suffix of rollouts. */
  public static final String SUFFIX = ".rollout.npz";

  private RolloutFile() {}

  /** Writes a rollout atomically. */
  public static void write(Path file, Rollout r) {
    Rollout.Meta m = r.meta();
    int t = r.steps(), nb = m.nbody();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("meta.json", Json.write(metaJson(r)).getBytes(StandardCharsets.UTF_8));
    entries.put("time.npy", Npy.toBytes(NdArray.of(r.time(), t)));
    entries.put("qpos.npy", Npy.toBytes(NdArray.of(r.qpos(), t, m.nq())));
    entries.put("xpos.npy", f32(r.xpos(), t, nb, 3));
    entries.put("xquat.npy", f32(r.xquat(), t, nb, 4));
    entries.put("keypoints.npy", f32(r.keypoints(), t, m.keypointNames().size(), 3));
    entries.put("act.npy", f32(r.act(), t, m.nu()));
    entries.put("ctrl.npy", f32(r.ctrl(), t, m.nu()));
    entries.put("touch.npy", f32(r.touch(), t, Rollout.TOUCH_NAMES.size()));
    entries.put("rewards.npy", f32(r.rewards(), t, m.rewardNames().size()));
    AtomicFiles.writeBytes(file, Npz.zip(entries, false));
  }

  private static byte[] f32(double[] data, int... shape) {
    float[] f = new float[data.length];
    for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
    return Npy.toBytes(NdArray.ofFloats(f, shape));
  }

  /**
   * Reads a rollout; anything missing, truncated or inconsistent is a {@link BadInputException}
   * naming the file.
   */
  public static Rollout read(Path file) {
    Map<String, byte[]> members = Npz.readMembers(file);
    byte[] meta = members.get("meta.json");
    if (meta == null) throw new BadInputException(file, "not a rollout (no meta.json inside)");
    Map<String, Object> json = parseJson(file, meta);
    Map<String, NdArray> arrays = new LinkedHashMap<>();
    for (String name :
        List.of("time", "qpos", "xpos", "xquat", "keypoints", "act", "ctrl", "touch", "rewards")) {
      byte[] member = members.get(name + ".npy");
      if (member == null)
        throw new BadInputException(file, "rollout lacks the array '" + name + "'");
      NdArray a = Npy.parse(member, file + ": array '" + name + "'");
      if (!a.isNumeric()) throw new BadInputException(file, "array '" + name + "' is not numeric");
      arrays.put(name, a);
    }
    return assemble(file, json, arrays);
  }

  private static Map<String, Object> metaJson(Rollout r) {
    Rollout.Meta m = r.meta();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("format", FORMAT);
    j.put("version", VERSION);
    j.put("steps", r.steps());
    j.put("model", m.model());
    j.put("clip", m.clip());
    j.put("fps", m.fps());
    j.put("policy", m.policy());
    j.put("seed", m.seed());
    j.put("nq", m.nq());
    j.put("body_names", m.bodyNames());
    j.put("tracked_body_names", m.trackedBodies());
    j.put("keypoint_names", m.keypointNames());
    j.put("muscle_names", m.muscleNames());
    j.put("touch_names", Rollout.TOUCH_NAMES);
    j.put("reward_names", m.rewardNames());
    j.put("joint_names", m.jointNames());
    j.put("joint_qpos_adr", m.jointQposAdr());
    return j;
  }

  private static Rollout assemble(Path file, Map<String, Object> j, Map<String, NdArray> a) {
    if (!FORMAT.equals(j.get("format")))
      throw new BadInputException(file, "meta.json format is not '" + FORMAT + "'");
    if (!(j.get("version") instanceof Number v) || v.intValue() != VERSION) {
      throw new BadInputException(
          file,
          "unsupported rollout version "
              + j.get("version")
              + " (this build reads "
              + VERSION
              + ")");
    }
    Rollout.Meta meta;
    int steps;
    try {
      steps = number(j, "steps").intValue();
      meta =
          new Rollout.Meta(
              text(j, "model"),
              text(j, "clip"),
              number(j, "fps").doubleValue(),
              text(j, "policy"),
              number(j, "seed").longValue(),
              strings(j, "body_names"),
              strings(j, "tracked_body_names"),
              strings(j, "keypoint_names"),
              strings(j, "muscle_names"),
              strings(j, "reward_names"),
              strings(j, "joint_names"),
              ints(j, "joint_qpos_adr"),
              number(j, "nq").intValue());
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new BadInputException(file, "malformed meta.json: " + e.getMessage());
    }
    if (steps < 0) throw new BadInputException(file, "negative step count");
    int nb = meta.nbody(), nu = meta.nu(), kp = meta.keypointNames().size();
    Map<String, int[]> shapes = new LinkedHashMap<>();
    shapes.put("time", new int[] {steps});
    shapes.put("qpos", new int[] {steps, meta.nq()});
    shapes.put("xpos", new int[] {steps, nb, 3});
    shapes.put("xquat", new int[] {steps, nb, 4});
    shapes.put("keypoints", new int[] {steps, kp, 3});
    shapes.put("act", new int[] {steps, nu});
    shapes.put("ctrl", new int[] {steps, nu});
    shapes.put("touch", new int[] {steps, Rollout.TOUCH_NAMES.size()});
    shapes.put("rewards", new int[] {steps, meta.rewardNames().size()});
    for (var e : shapes.entrySet()) {
      int[] got = a.get(e.getKey()).shape();
      if (!Arrays.equals(got, e.getValue())) {
        throw new BadInputException(
            file,
            "array '"
                + e.getKey()
                + "' has shape "
                + Arrays.toString(got)
                + ", meta.json implies "
                + Arrays.toString(e.getValue()));
      }
      for (double x : a.get(e.getKey()).toDoubles()) {
        if (!Double.isFinite(x))
          throw new BadInputException(file, "array '" + e.getKey() + "' contains NaN or infinity");
      }
    }
    return new Rollout(
        meta,
        steps,
        d(a, "time"),
        d(a, "qpos"),
        d(a, "xpos"),
        d(a, "xquat"),
        d(a, "keypoints"),
        d(a, "act"),
        d(a, "ctrl"),
        d(a, "touch"),
        d(a, "rewards"));
  }

  private static double[] d(Map<String, NdArray> a, String name) {
    return a.get(name).toDoubles();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseJson(Path file, byte[] bytes) {
    try {
      Object o = Json.MAPPER.readValue(bytes, Object.class);
      if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
      throw new BadInputException(file, "meta.json is not a JSON object");
    } catch (JsonProcessingException e) {
      throw new BadInputException(file, "meta.json is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read meta.json: " + e.getMessage());
    }
  }

  private static Number number(Map<String, Object> j, String key) {
    if (j.get(key) instanceof Number n) return n;
    throw new IllegalArgumentException("'" + key + "' is missing or not a number");
  }

  private static String text(Map<String, Object> j, String key) {
    if (j.get(key) instanceof String s) return s;
    throw new IllegalArgumentException("'" + key + "' is missing or not a string");
  }

  private static List<String> strings(Map<String, Object> j, String key) {
    if (!(j.get(key) instanceof List<?> list))
      throw new IllegalArgumentException("'" + key + "' is missing or not a list");
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s))
        throw new IllegalArgumentException("'" + key + "' holds a non-string");
      out.add(s);
    }
    return out;
  }

  private static List<Integer> ints(Map<String, Object> j, String key) {
    if (!(j.get(key) instanceof List<?> list))
      throw new IllegalArgumentException("'" + key + "' is missing or not a list");
    List<Integer> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Number n))
        throw new IllegalArgumentException("'" + key + "' holds a non-number");
      out.add(n.intValue());
    }
    return out;
  }
}
