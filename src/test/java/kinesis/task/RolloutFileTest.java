package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.sim.SimData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutFileTest {
  @TempDir Path dir;

  static Rollout.Meta meta() {
    return new Rollout.Meta(
        "test",
        "walk",
        30,
        "policy.ckpt",
        7,
        List.of("root", "foot"),
        List.of("root"),
        List.of("Pelvis"),
        List.of("m1_r", "m2_r", "m3_r"),
        List.of("pos", "vel"),
        List.of("free", "hinge"),
        List.of(0, 7),
        8);
  }

  /** A small rollout with distinct values everywhere. */
  static Rollout sample(int steps) {
    Rollout.Builder b = new Rollout.Builder(meta(), new int[] {-1, -1, -1, -1});
    for (int t = 0; t < steps; t++) {
      double[] qpos = new double[8];
      for (int i = 0; i < 8; i++)
        qpos[i] = Math.sin(t + 0.1 * i) + 1e-9 * i; // float64 precision must survive
      b.append(
          t / 30.0,
          qpos,
          fill(6, t, 0.5),
          fill(8, t, 0.25),
          fill(3, t, 0.125),
          fill(3, t, 0.01),
          fill(3, t, 0.02),
          fill(4, t, 3),
          fill(2, t, -1));
    }
    return b.build();
  }

  private static double[] fill(int n, int t, double scale) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = scale * (t * n + i);
    return a;
  }

  @Test
  void roundTripKeepsMetaAndValues() {
    Rollout r = sample(25);
    Path f = dir.resolve("a" + RolloutFile.SUFFIX);
    RolloutFile.write(f, r);
    Rollout back = RolloutFile.read(f);
    assertEquals(r.meta(), back.meta());
    assertEquals(25, back.steps());
    assertArrayEquals(r.time(), back.time(), 0);
    assertArrayEquals(r.qpos(), back.qpos(), 0); // float64
    assertArrayEquals(r.xpos(), back.xpos(), 1e-5); // float32
    assertArrayEquals(r.act(), back.act(), 1e-6);
    assertArrayEquals(r.ctrl(), back.ctrl(), 1e-6);
    assertArrayEquals(r.touch(), back.touch(), 1e-4);
    assertArrayEquals(r.rewards(), back.rewards(), 1e-4);
    assertArrayEquals(r.keypoints(), back.keypoints(), 1e-5);
    assertArrayEquals(r.xquat(), back.xquat(), 1e-5);
    assertArrayEquals(r.touchSeries("r_toes"), back.touchSeries("r_toes"), 1e-4);
    assertEquals(r.qpos()[3 * 8 + 7], back.jointSeries("hinge")[3], 0);
  }

  @Test
  void emptyRolloutRoundTrips() {
    Path f = dir.resolve("empty" + RolloutFile.SUFFIX);
    RolloutFile.write(f, sample(0));
    assertEquals(0, RolloutFile.read(f).steps());
  }

  @Test
  void arraysAreNumpyFloat32AndFloat64() {
    Path f = dir.resolve("types" + RolloutFile.SUFFIX);
    RolloutFile.write(f, sample(3));
    var arrays = kinesis.io.Npz.read(f);
    assertTrue(arrays.get("qpos").data() instanceof double[]);
    assertTrue(arrays.get("act").data() instanceof float[]);
  }

  @Test
  void badFilesNameTheFile() {
    Path missing = dir.resolve("missing.rollout.npz");
    assertBad(missing, "file not found");
    Path empty = write("empty.rollout.npz", new byte[0]);
    assertBad(empty, "");
    Path text = write("text.rollout.npz", "hello".getBytes(StandardCharsets.UTF_8));
    assertBad(text, "not an .npz");
    Path good = dir.resolve("good" + RolloutFile.SUFFIX);
    RolloutFile.write(good, sample(4));
    byte[] bytes = readBytes(good);
    assertBad(write("truncated.rollout.npz", java.util.Arrays.copyOf(bytes, bytes.length / 2)), "");
  }

  @Test
  void inconsistentContentsAreRejected() {
    Map<String, byte[]> entries = entries(sample(4));
    entries.remove("act.npy");
    assertBad(zip("noact", entries), "lacks the array 'act'");

    entries = entries(sample(4));
    entries.put("act.npy", f32(new double[5 * 3], 5, 3));
    assertBad(zip("shape", entries), "array 'act' has shape [5, 3]");

    entries = entries(sample(4));
    double[] nan = new double[4 * 3];
    nan[2] = Double.NaN;
    entries.put("ctrl.npy", f32(nan, 4, 3));
    assertBad(zip("nan", entries), "NaN");

    entries = entries(sample(4));
    byte[] act = entries.get("act.npy");
    entries.put("act.npy", java.util.Arrays.copyOf(act, act.length - 4));
    assertBad(zip("shortnpy", entries), "truncated");

    entries = entries(sample(4));
    entries.put(
        "meta.json",
        "{\"format\": \"kinesis-rollout\", \"version\": 1, \"steps\": 4}"
            .getBytes(StandardCharsets.UTF_8));
    assertBad(zip("meta", entries), "malformed meta.json");

    entries = entries(sample(4));
    entries.put("meta.json", "{not json".getBytes(StandardCharsets.UTF_8));
    assertBad(zip("json", entries), "not valid JSON");
  }

  @Test
  void builderRecordsASimulation() {
    try (BodyModel body = BodyModel.load("legs");
        SimData data = body.sim.makeData()) {
      Rollout.Builder b =
          Rollout.builder(body, "clip", 30, List.of("Pelvis"), List.of("r"), "none", 3);
      for (int t = 0; t < 6; t++) {
        data.ctrl.set(5, 0.5);
        for (int k = 0; k < 5; k++) data.step();
        b.record(data, new double[] {t, 0, 1}, new double[] {t});
      }
      Rollout r = b.build();
      assertEquals(body.bodies, r.meta().bodyNames());
      assertEquals(body.muscles, r.meta().muscleNames());
      assertEquals(body.sim.nq, r.meta().nq());
      assertEquals(6, r.steps());
      assertEquals(data.time(), r.time()[5], 1e-12);
      assertEquals(data.qpos.get(7), r.qpos()[5 * body.sim.nq + 7], 0);
      int pelvis = body.bodies.indexOf("pelvis");
      assertEquals(
          data.xpos.get(pelvis + 1, 2), r.xpos()[(5 * body.bodies.size() + pelvis) * 3 + 2], 0);
      assertEquals(data.act.get(5), r.act()[5 * 80 + 5], 0);
      assertTrue(r.act()[5 * 80 + 5] > 0, "activation rises under control");
      assertEquals(data.sensordata.get(body.touchAdr[2]), r.touch()[5 * 4 + 2], 0);
      assertEquals(7, r.meta().qposAdr("hip_flexion_r"));
      Path f = dir.resolve("sim" + RolloutFile.SUFFIX);
      RolloutFile.write(f, r);
      assertArrayEquals(r.qpos(), RolloutFile.read(f).qpos(), 0);
    }
  }

  @Test
  void everyVariantHasOneActivationPerMuscle() {
    // the builder records act per muscle; that holds only where every actuator has one activation
    // state
    for (String variant : List.of("legs", "legs-abs", "legs-back")) {
      try (BodyModel body = BodyModel.load(variant)) {
        assertEquals(body.sim.nu, body.sim.na, variant);
      }
    }
  }

  private Map<String, byte[]> entries(Rollout r) {
    Path f = dir.resolve("src" + System.nanoTime() + RolloutFile.SUFFIX);
    RolloutFile.write(f, r);
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (var zip = new java.util.zip.ZipFile(f.toFile())) {
      for (var e : java.util.Collections.list(zip.entries()))
        out.put(e.getName(), zip.getInputStream(e).readAllBytes());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  private static byte[] f32(double[] data, int... shape) {
    float[] f = new float[data.length];
    for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
    return kinesis.io.Npy.toBytes(kinesis.io.NdArray.ofFloats(f, shape));
  }

  private Path zip(String name, Map<String, byte[]> entries) {
    return write(name + RolloutFile.SUFFIX, kinesis.io.Npz.zip(entries, false));
  }

  private Path write(String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] readBytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertBad(Path file, String fragment) {
    BadInputException e = assertThrows(BadInputException.class, () -> RolloutFile.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
