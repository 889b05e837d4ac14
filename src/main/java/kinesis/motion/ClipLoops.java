package kinesis.motion;

import java.util.ArrayList;
import java.util.List;
import kinesis.body.BodyModel;

/**
 * A cyclic clip played for several cycles. A source marked as a loop (DeepMimic's {@code "Loop":
 * "wrap"}, kept as provenance {@code loop: wrap}) ends where its next cycle begins: its last frame
 * is its first pose, carried along by one cycle. Cycle c plays frames 0 … n − 2 moved horizontally
 * by c times the pelvis's displacement from the first to the last frame; the last cycle also plays
 * the last frame. Velocities and root rotations repeat unchanged (the heading is not turned from
 * cycle to cycle, as in DeepMimic). The public run and jog cycles last 0.8 s, less than a fall
 * takes, so a policy can cover them by diving forward; several cycles in a row ask for a gait it
 * can keep up.
 */
public final class ClipLoops {
  private ClipLoops() {}

  /** Cycles a run may ask for. */
  public static final int MIN_CYCLES = 2, MAX_CYCLES = 20;

  /** The name of {@code clip} played for {@code cycles} cycles: {@code NAME-loop4}. */
  public static String name(String clip, int cycles) {
    return clip + "-loop" + cycles;
  }

  /** Whether {@code c}'s source marks it as a loop. */
  public static boolean cyclic(Clip c) {
    return "wrap".equals(c.provenance().get("loop"));
  }

  /** {@code c}'s keypoints and root played for {@code cycles} cycles, without poses. */
  public static Clip keypoints(Clip c, int cycles) {
    if (cycles < MIN_CYCLES || cycles > MAX_CYCLES)
      throw new IllegalArgumentException(
          "cycles " + cycles + " is outside [" + MIN_CYCLES + ", " + MAX_CYCLES + "]");
    int n = c.frames(), k3 = 3 * c.keypoints().size(), pelvis = c.keypoint("Pelvis");
    if (pelvis < 0 || n < 2)
      throw new IllegalArgumentException(c.name() + " needs a pelvis and two frames to loop");
    double dx = c.positions()[(n - 1) * k3 + 3 * pelvis] - c.positions()[3 * pelvis];
    double dy = c.positions()[(n - 1) * k3 + 3 * pelvis + 1] - c.positions()[3 * pelvis + 1];
    int m = cycles * (n - 1) + 1;
    double[] pos = new double[m * k3], vel = new double[m * k3];
    double[] quat = new double[4 * m], angVel = new double[3 * m];
    for (int j = 0; j < m; j++) {
      int cycle = Math.min(j / (n - 1), cycles - 1), f = j - cycle * (n - 1);
      System.arraycopy(c.positions(), f * k3, pos, j * k3, k3);
      for (int d = 0; d < k3; d += 3) {
        pos[j * k3 + d] += cycle * dx;
        pos[j * k3 + d + 1] += cycle * dy;
      }
      System.arraycopy(c.velocities(), f * k3, vel, j * k3, k3);
      System.arraycopy(c.rootQuat(), 4 * f, quat, 4 * j, 4);
      System.arraycopy(c.rootAngVel(), 3 * f, angVel, 3 * j, 3);
    }
    return c.derived(
        name(c.name(), cycles),
        pos,
        vel,
        quat,
        angVel,
        "looped_from",
        c.name() + " (" + cycles + " cycles)");
  }

  /** Every cyclic clip of {@code clips} for {@code cycles} cycles, posed like its original. */
  public static List<Clip> withPoses(List<Clip> clips, int cycles, BodyModel body) {
    List<Clip> originals = new ArrayList<>(), looped = new ArrayList<>();
    for (Clip c : clips) {
      if (!cyclic(c)) continue;
      originals.add(c);
      looped.add(keypoints(c, cycles));
    }
    return Importers.posedLike(originals, looped, body);
  }
}
