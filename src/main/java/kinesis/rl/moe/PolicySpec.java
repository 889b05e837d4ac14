package kinesis.rl.moe;

import java.util.Map;
import kinesis.nn.Gemm;

/**
 * A loaded, immutable policy description from which each thread builds its own {@link Controller}
 * (one expert, or a mixture of experts), with the environment options it was trained with.
 */
public interface PolicySpec {
  int obsDim();

  int actionDim();

  /** Environment options of the training run (model, motions, control, ...). */
  Map<String, String> env();

  /** Short description for reports (e.g. "lattice [256, 256]" or "MoE of 3 experts"). */
  String describe();

  /** A new controller with its own buffers; {@code argmax} makes a mixture pick its most likely expert. */
  Controller controller(Gemm gemm, boolean argmax);
}
