package kinesis.rl.pth;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.io.NdArray;
import kinesis.io.Npz;
import kinesis.io.TorchZip;
import kinesis.nn.Gemm;
import kinesis.nn.Policy;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.MixtureSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures and expected outputs (numpy) written by src/test/python/make_pth_fixtures.py. */
class KinesisPthTest {
  static final Path DIR = Path.of("src/test/resources/kinesis/rl/pth");
  static final Map<String, String> ENV = Map.of("model", "legs", "control", "pd");
  @TempDir Path tmp;

  static float[] floats(NdArray a) {
    double[] d = a.toDoubles();
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
    return f;
  }

  static void assertClose(float[] want, float[] got, String what) {
    assertEquals(want.length, got.length, what);
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], 1e-5 + 1e-5 * Math.abs(want[i]), what + " at " + i);
    }
  }

  @Test
  void latticeExpertComputesWhatNumpyComputed() {
    KinesisPth.Imported imp = KinesisPth.read(DIR.resolve("lattice_small.pth"), ENV);
    assertEquals("lattice", imp.variant());
    assertEquals(1200, ((Number) imp.epoch()).intValue());
    ExpertSpec e = (ExpertSpec) imp.spec();
    assertEquals(Policy.Kind.LATTICE, e.kind());
    assertArrayEquals(new int[] {16, 12}, e.hidden());
    assertEquals(309, e.obsDim());
    assertEquals(80, e.actionDim());
    assertEquals(92, ((float[]) e.weights().get("log_std")).length);
    assertEquals(12, ((float[]) e.weights().get("value.head.weight")).length);
    assertEquals(5000L, ((long[]) e.normaliser().get("policy.norm.n"))[0]);
    // var and std share one storage at an offset: std = sqrt(var)
    float[] var = (float[]) e.normaliser().get("policy.norm.var"),
        std = (float[]) e.normaliser().get("policy.norm.std");
    for (int i = 0; i < var.length; i++) assertEquals(Math.sqrt(var[i]), std[i], 1e-6);
    Map<String, NdArray> want = Npz.read(DIR.resolve("lattice_small.expected.npz"));
    int rows = want.get("obs").shape()[0];
    float[] mu = e.policy(Gemm.fromProperties()).mean(floats(want.get("obs")), rows);
    assertClose(
        floats(want.get("action_mean")), java.util.Arrays.copyOf(mu, rows * 80), "action mean");
  }

  @Test
  void mixtureChoosesTheExpertNumpyChose() {
    KinesisPth.Imported imp = KinesisPth.read(DIR.resolve("moe_small.pth"), ENV);
    assertEquals("moe", imp.variant());
    MixtureSpec m = (MixtureSpec) imp.spec();
    assertEquals(3, m.experts().size());
    assertArrayEquals(new int[] {10, 8, 6}, m.gateHidden());
    Map<String, NdArray> want = Npz.read(DIR.resolve("moe_small.expected.npz"));
    float[] obs = floats(want.get("obs")), means = floats(want.get("action_mean"));
    double[] expert = want.get("expert").toDoubles();
    Controller c = m.controller(Gemm.fromProperties(), true);
    float[] a = new float[80];
    for (int r = 0; r < expert.length; r++) {
      c.act(java.util.Arrays.copyOfRange(obs, r * 309, (r + 1) * 309), a);
      assertEquals((int) expert[r], c.lastExpert(), "row " + r);
      assertClose(java.util.Arrays.copyOfRange(means, r * 80, (r + 1) * 80), a, "row " + r);
    }
  }

  @Test
  void mismatchesAreRefusedNamingKeyAndShape() {
    Path f = DIR.resolve("lattice_small.pth");
    Map<Object, Object> top = new LinkedHashMap<>((Map<?, ?>) TorchZip.read(f));
    Map<Object, Object> policy = new LinkedHashMap<>((Map<?, ?>) top.get("policy"));
    top.put("policy", policy);
    policy.remove("action_mean.bias");
    String missing =
        assertThrows(BadInputException.class, () -> KinesisPth.convert(f, top, ENV)).getMessage();
    assertTrue(missing.endsWith("no tensor 'action_mean.bias'"), missing);
    policy.put("action_mean.bias", NdArray.ofFloats(new float[80], 80));
    policy.put("net.affine_layers.1.weight", NdArray.ofFloats(new float[12 * 15], 12, 15));
    String shape =
        assertThrows(BadInputException.class, () -> KinesisPth.convert(f, top, ENV)).getMessage();
    assertTrue(
        shape.contains("'net.affine_layers.1.weight' has shape [12, 15], expected [any, 16]"),
        shape);
    String other =
        assertThrows(
                BadInputException.class,
                () -> KinesisPth.convert(f, Map.of("policy", Map.of("foo", 1)), ENV))
            .getMessage();
    assertTrue(other.contains("neither a Lattice expert"), other);
  }

  @Test
  void damagedFilesAreBadInput() throws Exception {
    byte[] all = Files.readAllBytes(DIR.resolve("lattice_small.pth"));
    Path cut = tmp.resolve("cut.pth");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    String e = assertThrows(BadInputException.class, () -> TorchZip.read(cut)).getMessage();
    assertTrue(e.startsWith(cut.toString()), e);
    Path text = Files.writeString(tmp.resolve("text.pth"), "not a zip at all");
    assertThrows(BadInputException.class, () -> TorchZip.read(text));
  }
}
