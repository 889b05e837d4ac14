package kinesis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.body.Catalogue;
import kinesis.body.Variant;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.ClipSet;
import kinesis.motion.PublicClips;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis demo}: the whole pipeline in a few minutes — the models, the public clips, the
 * best policy shipped in {@code policies/} played on its clip (Table I, a rollout, a GIF and the
 * EMG comparison), then a short training demonstration that each further demo continues.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "The whole pipeline in a few minutes: models, public clips, the best shipped policy on its clip "
            + "(Table I, rollout, GIF, EMG comparison), then a short training run that each further demo continues.")
final class DemoCommand implements Callable<Integer> {
  static final String CLIP = "dataset-1_walk_normal_001";

  /** Shipped policies, best first: the locomotion policy once it exists, then the walking one. */
  static final List<String> SHIPPED = List.of("legs-locomotion", "legs-walk");

  /** Runs the steps that are commands of their own (train, eval, play, render, emg). */
  private final CommandRunner commands;

  DemoCommand(CommandRunner commands) {
    this.commands = commands;
  }

  @Option(
      names = "--out",
      defaultValue = "runs/demo",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--iterations",
      defaultValue = "20",
      description =
          "Training iterations of 4,096 samples to add (default: ${DEFAULT-VALUE}; 0 skips training).")
  int iterations;

  @Option(names = "--no-video", description = "Skip the video.")
  boolean noVideo;

  @Override
  public Integer call() throws Exception {
    if (iterations < 0) throw new BadInputException("--iterations must be 0 or more");
    Path dir = out.isAbsolute() ? out : Assets.repository().resolve(out);
    Files.createDirectories(dir);
    Path run = dir.resolve("run");

    step("1/5 models");
    for (Variant v : Catalogue.ALL) {
      try (BodyModel body = BodyModel.load(v.name())) {
        System.out.printf(
            "  %-10s %3d muscles, %2d bodies, nq %d, %.1f kg%n",
            v.name(), body.muscleCount(), body.bodies.size(), body.sim.nq, body.sim.totalMass());
      }
    }

    step("2/5 public clips (built on first use)");
    ClipSet set;
    try {
      set = PublicClips.ensure("legs");
    } catch (BadInputException e) {
      System.out.println("  " + e.getMessage());
      System.out.println(
          "  The models work (above); the remaining steps need the clips. Stopping here.");
      return Main.BAD_INPUT;
    }
    System.out.printf(
        "  %s: %d clips (%d train, %d test)%n",
        set.name(), set.entries().size(), set.split("train").size(), set.split("test").size());

    Shipped shipped = Shipped.best();
    if (shipped == null) {
      step("3/5 no shipped policy under policies/ (skipped)");
    } else {
      step(
          "3/5 the shipped policy policies/"
              + shipped.name()
              + " on "
              + shipped.clip()
              + " (frame 0, mean actions; a mixture's expert drawn from its gate, seed 0)");
      int code = playShipped(shipped, dir.resolve("shipped"));
      if (code != 0) return code;
    }

    boolean exists = Files.isRegularFile(run.resolve("config.yaml"));
    if (iterations > 0 || !exists) {
      int n = Math.max(iterations, 1);
      step(
          "4/5 training demonstration: a new policy (locomotion preset) on "
              + CLIP
              + ", "
              + n
              + " more iterations");
      int code =
          exists
              ? commands.run(
                  "train", "--resume", run.toString(), "iterations=" + (lastIteration(run) + n))
              : commands.run(
                  "train",
                  "--model",
                  "legs",
                  "--clips",
                  CLIP,
                  "--out",
                  run.toString(),
                  "iterations=" + n);
      if (code != 0) return code;
    }

    step("5/5 how far the demonstration run has come (paper protocol)");
    int code =
        commands.run(
            "eval",
            "--policy",
            run.toString(),
            "--split",
            "all",
            "--clips",
            CLIP,
            "--out",
            dir.resolve("eval").toString());
    if (code != 0) return code;

    System.out.printf("%nDone. Outputs in %s:%n", dir);
    if (shipped != null) {
      System.out.printf(
          "  shipped/  Table I (eval/), %s.rollout.npz%s, EMG comparison (emg/)%n",
          shipped.name(), noVideo ? "" : ", " + shipped.name() + ".gif");
    }
    System.out.printf(
        "  run/      the demonstration run (config, metrics.csv, plots/training.png, checkpoints); eval/%n");
    if (shipped != null) {
      System.out.printf(
          "Next: ./kinesis view %s   (3D replay in the browser)%n",
          dir.resolve("shipped").resolve(shipped.name() + ".rollout.npz"));
    }
    System.out.printf(
        "      ./kinesis demo   (continues training the same run; it needs hours to walk, "
            + "see docs/results/learning)%n");
    return 0;
  }

  /**
   * Table I, a recorded rollout, its video and the EMG comparison of a shipped policy, played as
   * the reference acts: the mean action, and for a mixture the mean of an expert drawn from the
   * gate at every step (seed 0, so the eval and the recorded rollout are the same episode).
   */
  private int playShipped(Shipped p, Path dir) throws Exception {
    String policy = p.dir().toString();
    int code =
        commands.run(
            "eval",
            "--policy",
            policy,
            "--motions",
            p.motions(),
            "--clips",
            p.clip(),
            "--split",
            "all",
            "--seed",
            "0",
            "--out",
            dir.resolve("eval").toString());
    if (code != 0) return code;
    Path rollout = dir.resolve(p.name() + ".rollout.npz");
    code =
        commands.run(
            "play",
            "--policy",
            policy,
            "--motions",
            p.motions(),
            "--clip",
            p.clip(),
            "--seed",
            "0",
            "--out",
            rollout.toString());
    if (code != 0) return code;
    if (!noVideo) {
      code =
          commands.run(
              "render",
              rollout.toString(),
              "--out",
              dir.resolve(p.name() + ".gif").toString(),
              "--width",
              "320",
              "--height",
              "240");
      if (code != 0) System.out.println("  (no video: see the message above)");
    }
    System.out.println();
    System.out.println("  EMG comparison on the rollout's gait cycles (right leg):");
    if (commands.run("emg", rollout.toString(), "--out", dir.resolve("emg").toString()) != 0) {
      System.out.println(
          "  (fewer than 3 gait cycles in this rollout; the human baseline instead)");
      commands.run("emg", "--human-baseline", "--dataset", "santuz2020");
    }
    return 0;
  }

  /**
   * A policy folder under {@code policies/} and the clip it is shown on (its {@code policy.json}).
   */
  record Shipped(String name, Path dir, String motions, String clip) {
    static Shipped best() {
      for (String name : SHIPPED) {
        Path dir = Assets.repository().resolve("policies").resolve(name);
        Path info = dir.resolve("policy.json");
        if (!Files.isRegularFile(info)) continue;
        Map<?, ?> j = Json.read(info, Map.class);
        Object clip = j.get("demo_clip"), motions = j.get("motions");
        if (!(clip instanceof String c) || !(motions instanceof String m)) {
          throw new BadInputException(info + ": needs the strings demo_clip and motions");
        }
        return new Shipped(name, dir, m, c);
      }
      return null;
    }
  }

  private static long lastIteration(Path run) {
    var cps = kinesis.rl.Checkpoint.list(run.resolve("checkpoints"));
    return cps.isEmpty() ? 0 : kinesis.rl.Checkpoint.read(cps.get(cps.size() - 1)).iteration();
  }

  private static void step(String title) {
    System.out.println();
    System.out.println("== " + title);
    System.out.flush();
  }
}
