package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kinesis.io.NdArray;
import kinesis.io.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitLocomotionTest {
  @TempDir Path tmp;

  /**
   * A synthetic AMASS walk: 2 s at 100 Hz, global orientation taking the SMPL template (y up, z
   * forward) to z up, hips swinging ±0.35 rad and knees flexing up to 0.6 rad, moving forward 1
   * m/s.
   */
  static void writeWalk(Path file, int frames) {
    int w = 156;
    double[] poses = new double[frames * w], trans = new double[frames * 3];
    double[] up = Rot.toRotVec(Rot.rotX(Math.PI / 2));
    for (int f = 0; f < frames; f++) {
      double t = f / 100.0, ph = 2 * Math.PI * t;
      System.arraycopy(up, 0, poses, f * w, 3);
      poses[f * w + 3 * 1] = -0.35 * Math.sin(ph); // L_Hip about x (negative flexes forward)
      poses[f * w + 3 * 2] = 0.35 * Math.sin(ph); // R_Hip
      poses[f * w + 3 * 4] = 0.3 * (1 - Math.cos(ph)); // L_Knee flexion
      poses[f * w + 3 * 5] = 0.3 * (1 + Math.cos(ph)); // R_Knee
      // template forward (+z) maps to world −y under Rx(90°)
      trans[3 * f + 1] = -1.0 * t;
      trans[3 * f + 2] = 0.95;
    }
    Npz.write(file, AmassImporterTest.amass(poses, frames, w, trans, 100), true);
  }

  @Test
  void splitsByTheOfficialKeysAndLogsHashes() {
    Path kit = tmp.resolve("KIT");
    writeWalk(kit.resolve("3/walking_fast09_poses.npz"), 200); // a test key
    writeWalk(kit.resolve("12/LeftTurn03_poses.npz"), 200); // a train key
    writeWalk(kit.resolve("12/not_listed_poses.npz"), 50);
    Npz.write(kit.resolve("12/shape.npz"), Map.of("betas", NdArray.of(new double[16], 16)), false);
    KitLocomotion.Plan plan = KitLocomotion.plan(kit);
    assertEquals(975, plan.trainKeys());
    assertEquals(109, plan.testKeys());
    assertEquals(List.of("0-KIT_12_LeftTurn03_poses"), new ArrayList<>(plan.train().keySet()));
    assertEquals(List.of("0-KIT_3_walking_fast09_poses"), new ArrayList<>(plan.test().keySet()));
    assertEquals(974, plan.missingTrain().size());
    assertEquals(2, plan.skipped());
    assertEquals("dff1b7503044eb41", plan.trainSha());
    assertEquals("805b64d2f9c67921", plan.testSha());
    List<String> log = new ArrayList<>();
    KitLocomotion.Build b = KitLocomotion.build(plan, "legs", tmp.resolve("set"), log::add);
    assertTrue(log.get(0).contains("dff1b7503044eb41"), log.get(0));
    assertEquals(1, b.set().split("train").size());
    assertEquals(1, b.set().split("test").size());
    Clip c = b.set().get("0-KIT_3_walking_fast09_poses");
    assertEquals(100.0, c.sourceFps());
    assertEquals(60, c.frames()); // 1.99 s at 100 Hz -> 30 fps
    assertEquals("walk", c.skill());
    assertEquals("amass", c.provenance().get("importer"));
    Importers.IkStats ik = b.set().entries().get(0).ik();
    assertTrue(ik.meanMm() < 20 && ik.maxMm() < 60, ik.toString());
    assertEquals(b.set().entries().size(), ClipSet.load(tmp.resolve("set")).entries().size());
  }
}
