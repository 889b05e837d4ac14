package kinesis.rl;

import java.nio.file.Path;
import kinesis.io.BadInputException;
import kinesis.nn.Actor;
import kinesis.nn.Gemm;
import kinesis.nn.Policy;
import kinesis.nn.Rng;

/**
 * Makes the actor a run trains from its configuration, and adds that actor's own files to every
 * checkpoint. {@link #POLICIES} makes the Gaussian and Lattice policies of imitation and reaching;
 * the mixture of experts ({@code kinesis.rl.moe}) adds the gate, so {@link Trainer} and {@link Ppo}
 * stay the same for both.
 */
public interface Actors {
  /**
   * The actor of {@code run} for these spaces, its weights drawn from {@code init}; {@code
   * resumeFrom} is the checkpoint directory a resumed run continues (null for a new run).
   */
  Actor create(RunConfig run, int obsDim, int actDim, Path resumeFrom, Rng init, Gemm gemm);

  /**
   * Writes the actor's own files beside the tensors of {@code cp} into its directory (before it is
   * renamed).
   */
  default void attach(RunConfig run, Actor actor, Checkpoint cp, Path dir) {}

  /** Gaussian or Lattice policies (the config's {@code actor}); refuses a gate. */
  Actors POLICIES =
      (run, obsDim, actDim, resumeFrom, init, gemm) ->
          policy(run.ppo(), obsDim, actDim, init, gemm);

  /** The config's Gaussian or Lattice policy, drawn from {@code init}. */
  static Policy policy(PpoConfig cfg, int obsDim, int actDim, Rng init, Gemm gemm) {
    Policy.Kind kind =
        switch (cfg.actor()) {
          case "gaussian" -> Policy.Kind.GAUSSIAN;
          case "lattice" -> Policy.Kind.LATTICE;
          default ->
              throw new BadInputException(
                  "actor: "
                      + cfg.actor()
                      + " trains the gate of a mixture of experts; start it with ./kinesis moe");
        };
    Policy p =
        new Policy(kind, obsDim, cfg.hiddenArray(), actDim, (float) cfg.logStdInit(), init, gemm);
    if (cfg.censoredActions()) ((kinesis.nn.DiagonalGaussian) p.dist).censorAtBounds();
    return p;
  }
}
