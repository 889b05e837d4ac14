package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.io.NdArray;
import kinesis.io.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmassImporterTest {
  @TempDir Path tmp;

  // reference §1.5, template frame (x left, y up, z forward)
  static final double[] J0 = {-0.0018, -0.2233, 0.0282};
  static final double[] L_HIP = {0.0695, -0.0914, -0.0068}, L_KNEE = {0.0343, -0.3752, -0.0045};
  static final double[] L_ANKLE = {-0.0136, -0.3980, -0.0437}, L_TOE = {0.0264, -0.0558, 0.1193};

  static Map<String, NdArray> amass(
      double[] poses, int frames, int width, double[] trans, double fps) {
    Map<String, NdArray> m = new LinkedHashMap<>();
    m.put("trans", NdArray.of(trans, frames, 3));
    m.put("gender", NdArray.ofStrings(new String[] {"female"}, new int[0]));
    m.put("mocap_framerate", NdArray.of(new double[] {fps}, new int[0]));
    m.put("betas", NdArray.of(new double[16], 16));
    m.put("poses", NdArray.of(poses, frames, width));
    return m;
  }

  @Test
  void neutralSkeletonMatchesTheReferenceOffsetsByName() {
    int n = 2, w = 156;
    double[] poses = new double[n * w];
    // frame 1: left hip (pose column 1 in SMPL bone order) bent 90 degrees about the template x
    // axis
    poses[w + 3] = Math.PI / 2;
    double[] trans = {0.5, 0.25, 0.9, 0.5, 0.25, 0.9};
    Path f = tmp.resolve("KIT/3/walking_forward_4steps_right_poses.npz");
    Npz.write(f, amass(poses, n, w, trans, 100), true);
    SourceMotion m = AmassImporter.load(f, Npz.read(f));
    assertEquals(100, m.fps());
    double[] root = {0.5 + J0[0], 0.25 + J0[1], 0.9 + J0[2]};
    double[] hip = add(root, L_HIP),
        knee = add(hip, L_KNEE),
        ankle = add(knee, L_ANKLE),
        toe = add(ankle, L_TOE);
    assertArrayEquals(hip, m.role(0, Retarget.L_HIP), 1e-4);
    assertArrayEquals(knee, m.role(0, Retarget.L_KNEE), 1e-4);
    assertArrayEquals(toe, m.role(0, Retarget.L_TOE), 1e-4);
    // bent hip: knee offset rotated by Rx(90°): (x, y, z) -> (x, −z, y)
    double[] bent = add(hip, new double[] {L_KNEE[0], -L_KNEE[2], L_KNEE[1]});
    assertArrayEquals(bent, m.role(1, Retarget.L_KNEE), 1e-4);
    assertEquals("0-KIT_3_walking_forward_4steps_right_poses", m.provenance().get("kit_key"));
  }

  @Test
  void badArchivesAreNamed() {
    double[] ok = new double[2 * 72];
    double[] trans = new double[6];
    Map<String, NdArray> nan = amass(ok.clone(), 2, 72, trans, 120);
    ((double[]) nan.get("poses").data())[5] = Double.NaN;
    Map<String, NdArray> narrow = amass(new double[2 * 10], 2, 10, trans, 120);
    Map<String, NdArray> mismatch = amass(ok, 2, 72, trans, 120);
    mismatch.put("trans", NdArray.of(new double[9], 3, 3));
    Map<String, NdArray> shape = new LinkedHashMap<>();
    shape.put("betas", NdArray.of(new double[16], 16));
    assertBad("nan.npz", nan, "NaN");
    assertBad("narrow.npz", narrow, "poses must have shape");
    assertBad("mismatch.npz", mismatch, "trans must have shape (2, 3)");
    assertBad("shape.npz", shape, "mocap_framerate");
  }

  private void assertBad(String name, Map<String, NdArray> arrays, String words) {
    Path f = tmp.resolve(name);
    Npz.write(f, arrays, false);
    BadInputException e =
        assertThrows(BadInputException.class, () -> AmassImporter.load(f, Npz.read(f)));
    assertTrue(
        e.getMessage().startsWith(f.toString()) && e.getMessage().contains(words), e.getMessage());
  }

  private static double[] add(double[] a, double[] b) {
    return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
  }
}
