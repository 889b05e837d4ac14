package kinesis.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.body.Catalogue;
import kinesis.io.Json;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.ObsLayout;
import kinesis.task.RewardConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kinesis env ...}: the imitation environment. */
@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    description = "The imitation environment: observation layout, actions, reward terms.",
    subcommands = {EnvCommand.Info.class})
final class EnvCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code kinesis env info --model NAME}: observation blocks, action size and reward terms. */
  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description =
          "Observation layout (blocks, offsets, sizes, frames), action size and reward terms of a model.")
  static final class Info implements Callable<Integer> {
    @Option(
        names = "--model",
        defaultValue = "legs",
        description = "legs | legs-abs | legs-back (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      try (BodyModel body = BodyModel.load(model)) {
        Map<String, Object> r = describe(body);
        if (json) {
          System.out.println(Json.write(r));
          return 0;
        }
        ObsLayout layout = layout(body);
        System.out.printf(
            "model        %s  (%d bodies, %d tracked)%n",
            model, body.sim.nbody - 1, body.trackedBodies.length);
        System.out.printf("observation  %d numbers (float32)%n", layout.dim());
        for (ObsLayout.Block b : layout.blocks()) {
          System.out.printf("  %-20s %4d  +%-4d %s%n", b.name(), b.offset(), b.size(), b.frame());
        }
        System.out.printf(
            "action       %d muscles, clipped to [-1, 1]; control modes: direct ((a+1)/2), pd (target lengths)%n",
            body.sim.nu);
        RewardConfig rc = RewardConfig.kinesis();
        System.out.printf(
            "reward       %s·pos_tracking(k=%s) + %s·vel_tracking(k=%s) + %s·upright(k=%s) + %s·energy(k=%s)%n",
            plain(rc.wPos()),
            plain(rc.kPos()),
            plain(rc.wVel()),
            plain(rc.kVel()),
            plain(rc.wUp()),
            plain(rc.kUp()),
            plain(rc.wEnergy()),
            plain(rc.kEnergy()));
        ImitationConfig tr = ImitationConfig.training(ControlMode.PD),
            ev = ImitationConfig.evaluation(ControlMode.PD);
        System.out.printf(
            "termination  training: any tracked body > %.2f m; evaluation: mean > %.2f m%n",
            tr.terminationDistance(), ev.terminationDistance());
        System.out.printf(
            "timing       %d substeps of %.6f s per action (%.4f s)%n",
            Catalogue.SUBSTEPS, body.sim.timestep(), Catalogue.SUBSTEPS * body.sim.timestep());
      }
      return 0;
    }

    private static String plain(double v) {
      return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static ObsLayout layout(BodyModel body) {
      return ObsLayout.imitation(body.sim.nbody - 1, body.trackedBodies.length);
    }

    static Map<String, Object> describe(BodyModel body) {
      ObsLayout layout = layout(body);
      RewardConfig rc = RewardConfig.kinesis();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("model", body.variant.name());
      r.put("obs_dim", layout.dim());
      r.put("action_dim", body.sim.nu);
      r.put("obs_blocks", layout.describe());
      r.put("tracked_bodies", body.variant.tracked());
      r.put("tracked_keypoints", body.variant.trackedKeypoints());
      double[] k = {rc.kPos(), rc.kVel(), rc.kUp(), rc.kEnergy()}, w = rc.weights();
      List<Map<String, Object>> terms = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", RewardConfig.TERMS.get(i));
        t.put("k", k[i]);
        t.put("weight", w[i]);
        terms.add(t);
      }
      r.put("reward_terms", terms);
      r.put("control_modes", List.of("direct", "pd"));
      r.put("substeps", Catalogue.SUBSTEPS);
      r.put("control_dt", Catalogue.SUBSTEPS * body.sim.timestep());
      r.put(
          "termination_distance_training",
          ImitationConfig.training(ControlMode.PD).terminationDistance());
      r.put(
          "termination_distance_evaluation_mean",
          ImitationConfig.evaluation(ControlMode.PD).terminationDistance());
      return r;
    }
  }
}
