package kinesis.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.eval.ClipOutcome;
import kinesis.eval.Evaluator;
import kinesis.eval.Protocol;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.RewardConfig;
import kinesis.task.Rollout;
import kinesis.task.RolloutFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis play}: one evaluation episode of a policy on a clip, saved as a rollout for {@code
 * view} and {@code render}.
 */
@Command(
    name = "play",
    mixinStandardHelpOptions = true,
    description =
        "Run a policy on one clip from its first frame and save the rollout (*.rollout.npz) for view/render.")
final class PlayCommand implements Callable<Integer> {
  @Option(names = "--policy", required = true, description = "Run, checkpoint or MoE directory.")
  Path policy;

  @Option(names = "--clip", required = true, description = "Clip name.")
  String clip;

  @Option(
      names = "--motions",
      description = "Clip set directory or public-locomotion (default: the policy's training set).")
  String motions;

  @Option(
      names = "--protocol",
      defaultValue = "paper",
      description = "paper or train failure rule (default: ${DEFAULT-VALUE}).")
  String protocol;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of a mixture's expert sampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--argmax", description = "Mixture: most likely expert instead of sampling.")
  boolean argmax;

  @Option(names = "--out", required = true, description = "Output file, *.rollout.npz.")
  Path out;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (!out.getFileName().toString().endsWith(RolloutFile.SUFFIX))
      throw new BadInputException(out, "must end with " + RolloutFile.SUFFIX);
    PolicySpec spec = Policies.load(policy);
    String model = spec.env().getOrDefault("model", "legs");
    Clip c =
        ClipSet.open(
                motions != null ? motions : spec.env().getOrDefault("motions", "public-locomotion"),
                model)
            .get(clip);
    Protocol p = Protocol.parse(protocol);
    Played played;
    try (BodyModel body = BodyModel.load(model)) {
      played = play(spec, policy, body, c, p, seed, argmax);
    }
    ClipOutcome o = played.outcome();
    RolloutFile.write(out, played.rollout());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rollout", out.toString());
    m.put("clip", o.clip());
    m.put("protocol", p.label);
    m.put("success", o.success());
    m.put("frame_coverage", o.coverage());
    m.put("mpjpe_mm", Double.isFinite(o.mpjpeMm()) ? o.mpjpeMm() : null);
    m.put("failure_frame", o.failureFrame());
    m.put("steps", o.steps());
    m.put("end", o.end().json());
    if (json) {
      System.out.println(Json.write(m));
    } else {
      System.out.printf(
          Locale.ROOT,
          "%s: %s after %d steps (coverage %.1f %%, MPJPE %.1f mm, protocol %s); wrote %s%n"
              + "  at the last step: %s%n",
          o.clip(),
          o.success() ? "reached the end" : "failed at frame " + o.failureFrame(),
          o.steps(),
          100 * o.coverage(),
          o.mpjpeMm(),
          p.label,
          out,
          o.end().describe());
    }
    return 0;
  }

  /** One recorded episode: its score and its rollout. */
  record Played(ClipOutcome outcome, Rollout rollout) {}

  /**
   * Plays {@code spec} once on {@code clip} from its first frame under {@code protocol}, recording
   * every step.
   */
  static Played play(
      PolicySpec spec,
      Path policy,
      BodyModel body,
      Clip clip,
      Protocol protocol,
      long seed,
      boolean argmax) {
    Controller ctl = spec.controller(new VecGemm(1), argmax);
    ctl.reseed(seed);
    Rollout.Builder b = recorder(body, clip, policy, seed);
    ClipOutcome o = Evaluator.episode(body, clip, protocol.config(spec.env()), ctl, b);
    return new Played(o, b.build());
  }

  /** An empty rollout of an imitation episode of {@code clip} by {@code policy}. */
  static Rollout.Builder recorder(BodyModel body, Clip clip, Path policy, long seed) {
    return Rollout.builder(
        body,
        clip.name(),
        30,
        body.variant.trackedKeypoints(),
        RewardConfig.TERMS,
        Assets.recorded(Policies.resolve(policy)),
        seed);
  }
}
