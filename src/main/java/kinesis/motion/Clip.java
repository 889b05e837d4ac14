package kinesis.motion;

import java.util.List;
import java.util.Map;

/**
 * One motion clip in the internal format every importer produces and every environment reads.
 *
 * <p>Frames are uniform at {@code fps} (30 after resampling). Per frame and keypoint: world
 * position in metres (z up) and velocity (backward differences, then Gaussian smoothing with σ = 2
 * frames, m/s). Importers ({@link Importers}) write the keypoints Pelvis, L_Knee, R_Knee, L_Ankle,
 * R_Ankle, L_Toe, R_Toe, Head ({@link Retarget#KEYPOINTS}): the leg keypoints are the source's
 * knee, ankle and toe (MTP) joints, scaled to the body by leg length; Pelvis is where the body's
 * root origin belongs (hip centre plus the body's own root offset, turned with the root frame), so
 * MyoLeg's root/tibia/talus/toes origins can all coincide with them. A clip starts at x = y = 0
 * facing +x with its feet on the floor (z = 0). Arrays are flattened row-major: {@code
 * positions[(frame * keypoints.size() + k) * 3 + axis]}. The root orientation is the MyoLeg root
 * frame's quaternion (w, x, y, z; x forward, y left, z up) and its angular velocity is in the world
 * frame. {@code poses}, when present, holds a full qpos of model {@code poseModel} for every {@code
 * poseStride}-th frame, solved by inverse kinematics (row i = frame i·stride).
 *
 * @param name unique clip name within its set
 * @param skill walk, turn, turn-in-place, backwards, run or other
 * @param fps frame rate of the arrays (30)
 * @param sourceFps frame rate of the source file before resampling
 * @param keypoints keypoint names (SMPL joint names: Pelvis, L_Knee, R_Knee, L_Ankle, R_Ankle,
 *     L_Toe, R_Toe, Head)
 * @param positions [frames][keypoints][3]
 * @param velocities [frames][keypoints][3]
 * @param rootQuat [frames][4]
 * @param rootAngVel [frames][3]
 * @param provenance source file (and its SHA-256 prefix), importer, skeleton mapping, source rate
 *     and frames, scale, ground shift, removed heading and any synthesised data
 * @param poseModel model variant the poses belong to (null when none)
 * @param poseStride frames between stored poses (0 when none)
 * @param poses [poses][nq] (null when none)
 */
public record Clip(
    String name,
    String skill,
    double fps,
    double sourceFps,
    List<String> keypoints,
    double[] positions,
    double[] velocities,
    double[] rootQuat,
    double[] rootAngVel,
    Map<String, String> provenance,
    String poseModel,
    int poseStride,
    double[][] poses) {

  public Clip {
    keypoints = List.copyOf(keypoints);
    provenance = Map.copyOf(provenance);
    int k = keypoints.size();
    if (k == 0 || positions.length % (3 * k) != 0)
      throw new IllegalArgumentException("positions do not match keypoints");
    int frames = positions.length / (3 * k);
    if (velocities.length != positions.length
        || rootQuat.length != 4 * frames
        || rootAngVel.length != 3 * frames) {
      throw new IllegalArgumentException("clip arrays disagree on the frame count " + frames);
    }
  }

  /**
   * A clip made from this one with new motion arrays, the same skill, rates and keypoints, and no
   * poses (they are solved again for a body); its provenance adds {@code key: note} and keeps only
   * the number of {@code ground_shift_m}, since solving the poses again adds its own shift and says
   * why.
   */
  public Clip derived(
      String newName,
      double[] newPositions,
      double[] newVelocities,
      double[] newRootQuat,
      double[] newRootAngVel,
      String key,
      String note) {
    Map<String, String> prov = new java.util.LinkedHashMap<>(provenance);
    prov.put(key, note);
    prov.computeIfPresent(
        "ground_shift_m", (k, v) -> v.contains(" ") ? v.substring(0, v.indexOf(' ')) : v);
    return new Clip(
        newName,
        skill,
        fps,
        sourceFps,
        keypoints,
        newPositions,
        newVelocities,
        newRootQuat,
        newRootAngVel,
        prov,
        null,
        0,
        null);
  }

  public int frames() {
    return positions.length / (3 * keypoints.size());
  }

  /** Time of the last frame, in seconds: (frames − 1) / fps. */
  public double duration() {
    return (frames() - 1) / fps;
  }

  /** Index of a keypoint by name, or -1. */
  public int keypoint(String name) {
    return keypoints.indexOf(name);
  }

  /**
   * Position and velocity of the given keypoints at time {@code t} (clamped to the clip), linearly
   * interpolated between frames, into {@code outPos}/{@code outVel} ({@code idx.length × 3} each).
   */
  public void sample(double t, int[] idx, double[] outPos, double[] outVel) {
    double f = Math.max(0, Math.min(t * fps, frames() - 1));
    int f0 = (int) Math.floor(f);
    int f1 = Math.min(f0 + 1, frames() - 1);
    double w = f - f0;
    int k = keypoints.size();
    for (int j = 0; j < idx.length; j++) {
      for (int a = 0; a < 3; a++) {
        int i0 = (f0 * k + idx[j]) * 3 + a, i1 = (f1 * k + idx[j]) * 3 + a;
        outPos[3 * j + a] = positions[i0] + w * (positions[i1] - positions[i0]);
        if (outVel != null)
          outVel[3 * j + a] = velocities[i0] + w * (velocities[i1] - velocities[i0]);
      }
    }
  }

  /** Position of keypoint {@code k} at frame {@code frame} (a new {@code double[3]}). */
  public double[] position(int frame, int k) {
    int o = (frame * keypoints.size() + k) * 3;
    return new double[] {positions[o], positions[o + 1], positions[o + 2]};
  }

  /** The stored pose nearest at or before {@code frame} (null when the clip has no poses). */
  public double[] poseAtOrBefore(int frame) {
    if (poses == null || poses.length == 0) return null;
    int i = Math.min(Math.max(frame, 0) / poseStride, poses.length - 1);
    return poses[i];
  }
}
