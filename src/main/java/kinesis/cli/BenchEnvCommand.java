package kinesis.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.body.Catalogue;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.io.Machine;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.rl.LearnBench;
import kinesis.sim.MuJoCo;
import kinesis.sim.StepBench;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationVecEnv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis bench env}: control steps per second of the imitation environment with random
 * actions, on 1 and T threads, against plain {@code mj_step} throughput measured in the same run.
 */
@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    description =
        "Imitation environment control steps/s (random actions) on 1 and T threads vs plain mj_step/s.")
final class BenchEnvCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      defaultValue = "legs",
      description = "Model variant (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--control",
      defaultValue = "direct",
      description =
          "direct | pd | both (both: direct, plus PD on 1 thread measured in the same rounds, and their ratio; default: ${DEFAULT-VALUE}).")
  String control;

  @Option(names = "--envs", description = "Environments (default: 2 per thread).")
  Integer envs;

  @Option(
      names = "--threads",
      description = "Threads for the parallel figure (default: all cores).")
  Integer threads;

  @Option(
      names = "--seconds",
      defaultValue = "1",
      description = "Seconds per measurement (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--rounds",
      defaultValue = "5",
      description =
          "Interleaved rounds; the best of each measurement is kept (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--motions",
      defaultValue = "public-locomotion",
      description =
          "Clip set: a directory or public-locomotion (default: ${DEFAULT-VALUE}; its training split is used).")
  String motions;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    boolean both = control.trim().equalsIgnoreCase("both");
    ControlMode mode = both ? ControlMode.DIRECT : ControlMode.parse(control);
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    int n = envs != null ? envs : 2 * t;
    if (t < 1 || n < 1 || !(seconds > 0) || rounds < 1) {
      throw new BadInputException("--threads, --envs, --seconds and --rounds must be positive");
    }
    try (BodyModel body = BodyModel.load(model)) {
      List<Clip> clips = ClipSet.open(motions, model).select("train", null);
      String clipNote = clips.size() + " training clips of " + motions;
      ImitationConfig cfg = ImitationConfig.training(mode);
      try (ImitationVecEnv one = new ImitationVecEnv(body, clips, cfg, n, 1);
          ImitationVecEnv all = new ImitationVecEnv(body, clips, cfg, n, t);
          ImitationVecEnv pd =
              both
                  ? new ImitationVecEnv(body, clips, ImitationConfig.training(ControlMode.PD), n, 1)
                  : null) {
        Rates rates = measure(body, one, all, pd);
        Map<String, Object> r = report(rates, mode, n, one, all, clipNote);
        if (json) System.out.println(Json.write(Machine.describe(r)));
        else print(rates, mode, n, all.threads(), clipNote);
      }
    }
    return 0;
  }

  /**
   * Best rates over the rounds: plain mj_step and the environment on 1 thread, on all threads, PD
   * on 1 thread (0 without), and the share of the 1-thread environment's time spent inside mj_step.
   */
  private record Rates(double mj1, double env1, double envT, double inside, double pd1) {}

  /** Interleaved rounds after a warm-up, keeping the best of each measurement (shared machines). */
  private Rates measure(
      BodyModel body, ImitationVecEnv one, ImitationVecEnv all, ImitationVecEnv pd) {
    LearnBench.randomStepsPerSecond(one, Math.min(1, seconds)); // JIT warm-up
    if (pd != null) LearnBench.randomStepsPerSecond(pd, Math.min(1, seconds));
    StepBench.stepsPerSecond(body.sim, Math.min(1, seconds) / 2, 1);
    double mj1 = 0, env1 = 0, envT = 0, inside = 0, pd1 = 0;
    for (int r = 0; r < rounds; r++) {
      if (pd != null) pd1 = Math.max(pd1, LearnBench.randomStepsPerSecond(pd, seconds));
      mj1 = Math.max(mj1, StepBench.stepsPerSecond(body.sim, seconds, 1));
      double before = one.physicsSeconds();
      long t0 = System.nanoTime();
      double rate = LearnBench.randomStepsPerSecond(one, seconds);
      double share = (one.physicsSeconds() - before) / ((System.nanoTime() - t0) * 1e-9);
      if (rate > env1) {
        env1 = rate;
        inside = share;
      }
      envT = Math.max(envT, LearnBench.randomStepsPerSecond(all, seconds));
    }
    return new Rates(mj1, env1, envT, inside, pd1);
  }

  /** The JSON report. */
  private Map<String, Object> report(
      Rates x, ControlMode mode, int n, ImitationVecEnv one, ImitationVecEnv all, String clipNote) {
    double mjInEnv = x.env1() * Catalogue.SUBSTEPS / x.inside();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", model);
    r.put("control", mode.label());
    r.put("envs", n);
    r.put("threads", all.threads());
    r.put("seconds_per_measurement", seconds);
    r.put("control_steps_per_s_1thread", round(x.env1()));
    r.put("control_steps_per_s_all_threads", round(x.envT()));
    r.put("mj_steps_per_s_1thread", round(x.mj1()));
    r.put("substeps", Catalogue.SUBSTEPS);
    r.put("env_vs_mj_1thread", round3(x.env1() * Catalogue.SUBSTEPS / x.mj1()));
    r.put("thread_scaling", round3(x.envT() / x.env1()));
    // the same ratio against the physics of the environment's own states (random actions make
    // mj_step dearer than the plain loop's near-constant controls): the share of time in mj_step
    r.put("mj_steps_per_s_in_env_1thread", round(mjInEnv));
    r.put("env_vs_mj_in_env_1thread", round3(x.inside()));
    r.put("episodes_terminated", one.terminations() + all.terminations());
    r.put("episodes_truncated", one.truncations() + all.truncations());
    r.put("episodes_unstable", one.unstableEpisodes() + all.unstableEpisodes());
    if (x.pd1() > 0) {
      r.put("pd_control_steps_per_s_1thread", round(x.pd1()));
      r.put("pd_vs_direct_1thread", round3(x.pd1() / x.env1()));
    }
    r.put("clips", clipNote);
    r.put("mujoco_version", MuJoCo.versionString());
    return r;
  }

  /** The text report. */
  private void print(Rates x, ControlMode mode, int n, int allThreads, String clipNote) {
    System.out.printf(
        "%s, %s control, %d envs: %.0f control steps/s on 1 thread (x%d substeps = %.3f of plain mj_step %.0f/s;"
            + " %.3f of the time inside mj_step), %.0f on %d threads (%.2fx)%n",
        model,
        mode.label(),
        n,
        x.env1(),
        Catalogue.SUBSTEPS,
        x.env1() * Catalogue.SUBSTEPS / x.mj1(),
        x.mj1(),
        x.inside(),
        x.envT(),
        allThreads,
        x.envT() / x.env1());
    if (x.pd1() > 0) {
      System.out.printf(
          "PD control in the same rounds: %.0f control steps/s on 1 thread = %.3f of direct%n",
          x.pd1(), x.pd1() / x.env1());
    }
    System.out.println("(" + clipNote + ")");
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
