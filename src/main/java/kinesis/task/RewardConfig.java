package kinesis.task;

import java.util.List;

/**
 * Imitation reward settings (kinesis-reference.md §3.7): sharpness of each term and its weight.
 * Defaults are KINESIS's {@code env_im.yaml}: k_pos 200, k_vel 5, k_up 3, k_energy 0.05, weights
 * 0.6 / 0.2 / 0.1 / 0.1.
 *
 * @param kPos position tracking: exp(−kPos · mean squared position error, m²)
 * @param kVel velocity tracking: exp(−kVel · mean squared velocity error, m²/s²)
 * @param kUp upright: exp(−kUp · (α² + β²)), root tilt angles in rad
 * @param kEnergy energy: exp(−kEnergy · (‖u‖₁ + ‖u‖₂)) per substep, u the controls sent
 * @param wPos weight of position tracking
 * @param wVel weight of velocity tracking
 * @param wUp weight of upright
 * @param wEnergy weight of energy
 */
public record RewardConfig(
    double kPos,
    double kVel,
    double kUp,
    double kEnergy,
    double wPos,
    double wVel,
    double wUp,
    double wEnergy) {

  /** Names of the logged terms, in the order of {@link #weights()}. */
  public static final List<String> TERMS =
      List.of("pos_tracking", "vel_tracking", "upright", "energy");

  public static RewardConfig kinesis() {
    return new RewardConfig(200, 5, 3, 0.05, 0.6, 0.2, 0.1, 0.1);
  }

  /** Setting names of the eight numbers, in the order of the record's components. */
  public static final List<String> KEYS =
      List.of("k_pos", "k_vel", "k_up", "k_energy", "w_pos", "w_vel", "w_up", "w_energy");

  /**
   * This configuration with the number named {@code key} (one of {@link #KEYS}) set to {@code v}.
   */
  public RewardConfig with(String key, double v) {
    double[] a = values();
    int i = KEYS.indexOf(key);
    if (i < 0) throw new IllegalArgumentException("not a reward setting: " + key);
    a[i] = v;
    return new RewardConfig(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
  }

  /** The eight numbers in {@link #KEYS} order. */
  public double[] values() {
    return new double[] {kPos, kVel, kUp, kEnergy, wPos, wVel, wUp, wEnergy};
  }

  public double[] weights() {
    return new double[] {wPos, wVel, wUp, wEnergy};
  }
}
