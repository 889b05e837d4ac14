package kinesis.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.eval.Steering;
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
import kinesis.task.reach.SteerSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kinesis steer}: directional control of a goal-reaching policy from a script (paper §III-E). */
@Command(name = "steer", mixinStandardHelpOptions = true,
    description = "Directional control: a goal-reaching policy follows a schedule of directions (a goal kept ahead of the "
        + "pelvis, or stop); saves the rollout and reports, per command, where the pelvis went.")
final class SteerCommand implements Callable<Integer> {
  @Option(names = "--policy", required = true, description = "Goal-reaching run, checkpoint or policy folder.")
  Path policy;

  @Option(names = "--schedule", required = true, description = "YAML: duration and commands (time, direction in degrees, distance, stop).")
  Path schedule;

  @Option(names = "--out", required = true, description = "Rollout file to write (*.rollout.npz).")
  Path out;

  @Option(names = "--start", defaultValue = DemoCommand.CLIP, description = "Clip whose first frame is the start (default: ${DEFAULT-VALUE}).")
  String start;

  @Option(names = "--motions", description = "Clip set of the start clip (default: the policy's, else public-locomotion).")
  String motions;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (!out.getFileName().toString().endsWith(RolloutFile.SUFFIX)) throw new BadInputException(out, "must end with " + RolloutFile.SUFFIX);
    SteerSchedule plan = SteerSchedule.read(schedule);
    PolicySpec spec = Policies.load(policy);
    String model = spec.env().getOrDefault("model", "legs");
    ReachConfig cfg = ReachConfig.fromMap(spec.env());
    Clip clip = ClipSet.open(motions != null ? motions : spec.env().getOrDefault("motions", "public-locomotion"), model).get(start);
    Steering.Result r;
    Rollout rollout;
    try (BodyModel body = BodyModel.load(model)) {
      Rollout.Builder b = Rollout.builder(body, clip.name(), 30, body.variant.trackedKeypoints(), ReachRewards.TERMS,
          Policies.resolve(policy).toString(), 0);
      r = Steering.run(body, clip, cfg, spec.controller(new VecGemm(1), true), plan, b);
      rollout = b.build();
    }
    RolloutFile.write(out, rollout);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", Policies.resolve(policy).toString());
    m.put("schedule", schedule.toString());
    m.put("rollout", out.toString());
    m.putAll(Steering.toJson(r));
    if (json) {
      System.out.println(Json.write(m));
      return 0;
    }
    System.out.printf("%s: %.1f s of %.1f s%s; wrote %s%n", policy, r.seconds(), plan.duration(), r.fell() ? " (fell)" : "", out);
    System.out.println("from   to     command   travelled  speed     went     error");
    for (Steering.Segment s : r.segments()) {
      System.out.printf("%5.1f  %5.1f  %-8s  %6.2f m  %4.2f m/s  %s  %s%n", s.from(), s.to(),
          s.stop() ? "stop" : String.format("%.0f°", s.commandedDeg()), s.travelledM(), s.speedMs(),
          Double.isNaN(s.actualDeg()) ? "   —   " : String.format("%6.0f°", s.actualDeg()),
          Double.isNaN(s.errorDeg()) ? "—" : String.format("%+.0f°", s.errorDeg()));
    }
    return 0;
  }
}
