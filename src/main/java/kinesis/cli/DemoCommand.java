package kinesis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.body.Catalogue;
import kinesis.body.Variant;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.motion.ClipSet;
import kinesis.motion.PublicClips;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis demo}: the whole pipeline in a few minutes — the models, the public clips, a short
 * training run on a walking clip, its evaluation, a recorded rollout, a video and the EMG comparison.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "The whole pipeline in a few minutes: models, public clips, a short training run on a walking clip, "
        + "evaluation, a rollout, a video and the EMG comparison. Continues the demo run if it exists.")
final class DemoCommand implements Callable<Integer> {
  static final String CLIP = "dataset-1_walk_normal_001";

  @Option(names = "--out", defaultValue = "runs/demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--iterations", defaultValue = "20",
      description = "Training iterations of 4,096 samples to add (default: ${DEFAULT-VALUE}; 0 skips training).")
  int iterations;

  @Option(names = "--no-video", description = "Skip the video.")
  boolean noVideo;

  @Override
  public Integer call() throws Exception {
    if (iterations < 0) throw new BadInputException("--iterations must be 0 or more");
    Path dir = out.isAbsolute() ? out : Assets.repository().resolve(out);
    Files.createDirectories(dir);
    Path run = dir.resolve("run");

    step("1/6 models");
    for (Variant v : Catalogue.ALL) {
      try (BodyModel body = BodyModel.load(v.name())) {
        System.out.printf("  %-10s %3d muscles, %2d bodies, nq %d, %.1f kg%n", v.name(), body.muscleCount(),
            body.bodies.size(), body.sim.nq, body.sim.totalMass());
      }
    }

    step("2/6 public clips (built on first use)");
    ClipSet set = PublicClips.ensure("legs");
    System.out.printf("  %s: %d clips (%d train, %d test)%n", set.name(), set.entries().size(), set.split("train").size(),
        set.split("test").size());

    boolean exists = Files.isRegularFile(run.resolve("config.yaml"));
    if (iterations > 0 || !exists) {
      int n = Math.max(iterations, 1);
      step("3/6 training a policy (laptop preset) on " + CLIP + " for " + n + " iterations");
      int code = exists
          ? Main.run("train", "--resume", run.toString(), "iterations=" + (lastIteration(run) + n))
          : Main.run("train", "--model", "legs", "--clips", CLIP, "--out", run.toString(), "iterations=" + n);
      if (code != 0) return code;
    }

    step("4/6 evaluation on the clip (paper protocol)");
    int code = Main.run("eval", "--policy", run.toString(), "--split", "all", "--clips", CLIP, "--out",
        dir.resolve("eval").toString());
    if (code != 0) return code;

    step("5/6 a recorded rollout" + (noVideo ? "" : " and its video"));
    Path rollout = dir.resolve("walk.rollout.npz");
    code = Main.run("play", "--policy", run.toString(), "--clip", CLIP, "--out", rollout.toString());
    if (code != 0) return code;
    if (!noVideo) {
      code = Main.run("render", rollout.toString(), "--out", dir.resolve("walk.gif").toString(), "--width", "320",
          "--height", "240");
      if (code != 0) System.out.println("  (no video: see the message above)");
    }

    step("6/6 EMG comparison (needs at least 3 gait cycles; a short-lived policy has none)");
    if (Main.run("emg", rollout.toString(), "--out", dir.resolve("emg").toString()) != 0) {
      System.out.println("  -> the human baseline instead:");
      Main.run("emg", "--human-baseline", "--dataset", "santuz2020");
    }

    System.out.printf("%nDone. Outputs in %s:%n  run/ (config, metrics.csv, plots/training.png, checkpoints)  eval/  "
        + "walk.rollout.npz%s%nNext: ./kinesis view %s   (3D replay in the browser)%n"
        + "      ./kinesis demo            (continues training the same run)%n", dir,
        noVideo ? "" : "  walk.gif", rollout);
    return 0;
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
