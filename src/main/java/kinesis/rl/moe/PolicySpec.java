package kinesis.rl.moe;

import java.util.Map;
import kinesis.nn.Gemm;
import kinesis.nn.Precision;

/**
 * A loaded, immutable policy description from which each thread builds its own {@link Controller}
 * (one expert, or a mixture of experts), with the environment options it was trained with.
 */
public interface PolicySpec {
  int obsDim();

  int actionDim();

  /** Environment options of the training run (model, motions, control, ...). */
  Map<String, String> env();

  /**
   * Weights read for one action: multiply-adds of one forward pass (a mixture: its gate and one
   * expert).
   */
  long weightsPerAction();

  /** Short description for reports (e.g. "lattice [256, 256]" or "MoE of 3 experts"). */
  String describe();

  /**
   * A deterministic controller computing on one thread (a mixture takes its most likely expert).
   */
  default Controller controller() {
    return controller(new kinesis.nn.VecGemm(1), true);
  }

  /**
   * A new controller with its own buffers; {@code argmax} makes a mixture pick its most likely
   * expert.
   */
  default Controller controller(Gemm gemm, boolean argmax) {
    return controller(gemm, argmax, Precision.FLOAT32);
  }

  /**
   * {@link #controller(Gemm, boolean)} whose networks run with weights in {@code precision}
   * (inference only).
   */
  Controller controller(Gemm gemm, boolean argmax, Precision precision);
}
