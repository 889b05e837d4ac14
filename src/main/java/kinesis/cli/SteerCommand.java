package kinesis.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import kinesis.body.BodyModel;
import kinesis.eval.Steering;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.Rollout;
import kinesis.task.RolloutFile;
import kinesis.task.reach.ReachConfig;
import kinesis.task.reach.ReachRewards;
import kinesis.task.reach.SteerControl;
import kinesis.task.reach.SteerSchedule;
import kinesis.viz.web.LiveSteering;
import kinesis.viz.web.ViewerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kinesis steer}: directional control of a goal-reaching policy (paper §III-E), from a
 * script or live from the web viewer.
 */
@Command(
    name = "steer",
    mixinStandardHelpOptions = true,
    description =
        "Directional control: a goal-reaching policy follows directions (a goal kept ahead of the pelvis, or "
            + "stop). With --schedule it saves the rollout and reports, per command, where the pelvis went; with --live it "
            + "serves a page at http://127.0.0.1:PORT/ that shows the body in real time and takes arrow keys.")
final class SteerCommand implements Callable<Integer> {
  @Option(
      names = "--policy",
      required = true,
      description = "Goal-reaching run, checkpoint or policy folder.")
  Path policy;

  @Option(
      names = "--schedule",
      description = "YAML: duration and commands (time, direction in degrees, distance, stop).")
  Path schedule;

  @Option(names = "--out", description = "Rollout file to write (*.rollout.npz), with --schedule.")
  Path out;

  @Option(
      names = "--live",
      description = "Steer interactively in the browser instead of following a schedule.")
  boolean live;

  @Option(
      names = "--port",
      defaultValue = "8765",
      description = "With --live: port on 127.0.0.1 (0: any free one; default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--distance",
      defaultValue = "1.265",
      description = "With --live: goal distance at the start, 0.1–3 m (default ${DEFAULT-VALUE}).")
  double distance;

  /** A live episode restarts after this long even when the body stays up (s). */
  static final double LIVE_EPISODE_SECONDS = 600;

  @Spec CommandSpec command;

  @Option(
      names = "--start",
      defaultValue = DemoCommand.CLIP,
      description = "Clip whose first frame is the start (default: ${DEFAULT-VALUE}).")
  String start;

  @Option(
      names = "--motions",
      description = "Clip set of the start clip (default: the policy's, else public-locomotion).")
  String motions;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws InterruptedException {
    if (live == (schedule != null))
      throw new ParameterException(
          command.commandLine(), "give either --schedule FILE (with --out) or --live");
    if (live) return live();
    if (out == null)
      throw new ParameterException(
          command.commandLine(), "--schedule needs --out FILE.rollout.npz");
    if (!out.getFileName().toString().endsWith(RolloutFile.SUFFIX))
      throw new BadInputException(out, "must end with " + RolloutFile.SUFFIX);
    SteerSchedule plan = SteerSchedule.read(schedule);
    PolicySpec spec = Policies.load(policy);
    String model = spec.env().getOrDefault("model", "legs");
    ReachConfig cfg = ReachConfig.fromMap(spec.env());
    Clip clip =
        ClipSet.open(
                motions != null ? motions : spec.env().getOrDefault("motions", "public-locomotion"),
                model)
            .get(start);
    Steering.Result r;
    Rollout rollout;
    try (BodyModel body = BodyModel.load(model)) {
      Rollout.Builder b =
          Rollout.builder(
              body,
              clip.name(),
              30,
              body.variant.trackedKeypoints(),
              ReachRewards.TERMS,
              Assets.recorded(Policies.resolve(policy)),
              0);
      r = Steering.run(body, clip, cfg, spec.controller(new VecGemm(1), true), plan, b);
      rollout = b.build();
    }
    RolloutFile.write(out, rollout);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", Assets.recorded(Policies.resolve(policy)));
    m.put("schedule", schedule.toString());
    m.put("rollout", out.toString());
    m.putAll(Steering.toJson(r));
    if (json) {
      System.out.println(Json.write(m));
      return 0;
    }
    System.out.printf(
        "%s: %.1f s of %.1f s%s; wrote %s%n",
        policy, r.seconds(), plan.duration(), r.fell() ? " (fell)" : "", out);
    System.out.println("from   to     command   travelled  speed     went     error");
    for (Steering.Segment s : r.segments()) {
      System.out.printf(
          "%5.1f  %5.1f  %-8s  %6.2f m  %4.2f m/s  %s  %s%n",
          s.from(),
          s.to(),
          s.stop() ? "stop" : String.format("%.0f°", s.commandedDeg()),
          s.travelledM(),
          s.speedMs(),
          Double.isNaN(s.actualDeg()) ? "   —   " : String.format("%6.0f°", s.actualDeg()),
          Double.isNaN(s.errorDeg()) ? "—" : String.format("%+.0f°", s.errorDeg()));
    }
    return 0;
  }

  // serves the live page until the process is stopped
  private int live() throws InterruptedException {
    if (out != null)
      throw new ParameterException(
          command.commandLine(), "--out is for --schedule; a live session saves nothing");
    if (port < 0 || port > 65535)
      throw new ParameterException(command.commandLine(), "--port must be 0..65535");
    new SteerControl(distance); // refuses a distance outside the limits before anything loads
    PolicySpec spec = Policies.load(policy);
    String model = spec.env().getOrDefault("model", "legs");
    ReachConfig cfg = ReachConfig.fromMap(spec.env());
    Clip clip =
        ClipSet.open(
                motions != null ? motions : spec.env().getOrDefault("motions", "public-locomotion"),
                model)
            .get(start);
    try (BodyModel body = BodyModel.load(model);
        LiveSteering session =
            new LiveSteering(
                body,
                clip,
                cfg,
                spec.controller(new VecGemm(1), true),
                distance,
                LIVE_EPISODE_SECONDS);
        ViewerServer server = new ViewerServer(session, port)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("url", server.url());
      m.put("policy", Assets.recorded(Policies.resolve(policy)));
      m.put("model", model);
      m.put("start", clip.name());
      System.out.println(
          json
              ? Json.write(m)
              : "steering "
                  + policy
                  + " live at "
                  + server.url()
                  + "  (arrow keys steer, space stops, +/- change the distance; Ctrl-C to stop)");
      System.out.flush();
      new CountDownLatch(1).await();
      return 0;
    }
  }
}
