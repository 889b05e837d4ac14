package kinesis.rl.moe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.nn.Actor;
import kinesis.nn.Gemm;
import kinesis.nn.Param;
import kinesis.nn.Rng;
import kinesis.rl.Actors;
import kinesis.rl.Checkpoint;
import kinesis.rl.RunConfig;

/**
 * The actors of every run, the gate of a mixture included: {@code actor: gate} makes a {@link
 * GateActor} over the run's experts (a new run reads them from the checkpoints listed in its
 * config, a resumed one from the copies in its newest checkpoint), any other actor is a policy as
 * {@link Actors#POLICIES} makes it. Each checkpoint of a gate run also holds the self-contained
 * mixture ({@code moe.json}, {@code gate.bin}, {@code experts/K/}) that eval, play and export read.
 */
public final class MixtureActors implements Actors {
  @Override
  public Actor create(RunConfig run, int obsDim, int actDim, Path resumeFrom, Rng init, Gemm gemm) {
    if (!run.ppo().actor().equals("gate"))
      return POLICIES.create(run, obsDim, actDim, resumeFrom, init, gemm);
    List<ExpertSpec> experts =
        resumeFrom != null
            ? copies(MixtureSpec.read(resumeFrom).experts(), run.experts())
            : read(run.experts());
    return new GateActor(run.ppo().gateHiddenArray(), experts, init, gemm);
  }

  /** The experts copied into a checkpoint, named after the sources they were first read from. */
  private static List<ExpertSpec> copies(List<ExpertSpec> saved, List<String> sources) {
    if (saved.size() != sources.size())
      throw new BadInputException(
          "the checkpoint holds " + saved.size() + " experts, config.yaml lists " + sources.size());
    List<ExpertSpec> named = new ArrayList<>();
    for (int k = 0; k < saved.size(); k++) {
      ExpertSpec e = saved.get(k);
      named.add(
          new ExpertSpec(
              e.kind(),
              e.obsDim(),
              e.hidden(),
              e.actionDim(),
              e.weights(),
              e.normaliser(),
              e.env(),
              sources.get(k)));
    }
    return named;
  }

  /** The experts named in a run's config (runs or checkpoints, not mixtures). */
  public static List<ExpertSpec> read(List<String> sources) {
    List<ExpertSpec> specs = new ArrayList<>();
    for (String s : sources) {
      if (!(Policies.load(Path.of(s)) instanceof ExpertSpec e))
        throw new BadInputException(Path.of(s), "is a mixture, not an expert");
      specs.add(e);
    }
    return specs;
  }

  /**
   * The mixture with the gate of {@code cp} (its weights and normaliser), written into {@code dir}.
   */
  @Override
  public void attach(RunConfig run, Actor actor, Checkpoint cp, Path dir) {
    if (!(actor instanceof GateActor g)) return;
    Map<String, Object> w = new LinkedHashMap<>(), weights = cp.file("weights.bin");
    for (Param p : g.params()) w.put(p.name, weights.get(p.name));
    cp.file("normaliser.bin").forEach((k, v) -> w.put(k.replace("policy.norm.", "gate.norm."), v));
    new MixtureSpec(g.gateHidden(), w, g.experts(), run.env(), dir.toString()).write(dir);
  }

  /**
   * Refuses a directory written by the gate trainer before mixtures were trained as runs (no
   * config.yaml, training.bin).
   */
  public static void refuseLegacy(Path dir) {
    if (!Files.exists(dir.resolve("config.yaml"))
        && !MixtureSpec.list(dir.resolve("checkpoints")).isEmpty()) {
      throw new BadInputException(
          dir,
          "holds a mixture trained by an earlier version (training.bin, no config.yaml): it still evaluates, "
              + "plays and exports, but its gate training cannot be continued; train a new mixture into another --out");
    }
  }
}
