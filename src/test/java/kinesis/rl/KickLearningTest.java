package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.sim.SimData;
import kinesis.task.Clips;
import kinesis.task.ClosingVecEnv;
import kinesis.task.kick.KickConfig;
import kinesis.task.kick.KickScene;
import kinesis.task.kick.KickVecEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kick learns on a small version of the task with the trainer of imitation, on one thread: the
 * body stands with the ball touching its right toes and is rewarded for the ball's velocity toward
 * the goal over half a second. After 30 iterations of 1,024 samples the return is well above the
 * untrained policy's (measured: 10.0 untrained, 27.8 after 30 k samples; about a minute on one
 * core).
 */
class KickLearningTest {
  @TempDir Path tmp;

  @Test
  void pushingTheBallTowardTheGoalLearns() {
    Clip standing;
    double toes;
    try (BodyModel alone = BodyModel.load("legs-back");
        SimData d = alone.sim.makeData()) {
      standing = Clips.standing(alone, 2);
      double[] pose = Clips.standingPose(alone);
      d.qpos.copyFrom(pose, 0);
      d.kinematics();
      int t = alone.sim.requireId(kinesis.sim.ObjType.BODY, "toes_r");
      toes =
          d.xpos.get(t, 0)
              - d.xpos.get(
                  alone.rootBody, 0); // the right toes' origin ahead of the root (facing +x)
    }
    double spawn = 38, ball = spawn + toes + 0.117 + 0.03;
    Map<String, String> settings =
        new java.util.HashMap<>(
            Map.of(
                "spawn_x_min",
                "38",
                "spawn_x_max",
                "38",
                "spawn_y",
                "0",
                "ball_y",
                "-0.08",
                "keeper",
                "stationary",
                "episode_seconds",
                "0.5",
                "w_upright",
                "0",
                "w_energy",
                "0",
                "goal_bonus",
                "0"));
    settings.put("ball_x", String.valueOf(ball));
    settings.put("ball_inputs", "false");
    KickConfig task = KickConfig.fromMap(settings);
    EnvFactory envs =
        (options, n, seed) -> {
          KickScene scene = KickScene.load();
          return new ClosingVecEnv(new KickVecEnv(scene, List.of(standing), task, n, 1), scene);
        };
    int iterations = 30;
    PpoConfig cfg =
        PpoConfig.laptop()
            .with(
                List.of(
                    "hidden=[64,64]",
                    "num_envs=8",
                    "samples_per_iteration=1024",
                    "minibatch_size=256",
                    "iterations=" + iterations,
                    "checkpoint_every=1000"));
    double untrained, last;
    try (Trainer t =
        Trainer.start(
            new RunConfig(Map.of("task", "kick"), cfg),
            envs,
            tmp.resolve("run"),
            new PrintStream(new ByteArrayOutputStream()))) {
      t.iterate();
      untrained = t.lastMetrics().get("charts/episodic_return");
      double sum = 0;
      for (int i = 1; i < iterations; i++) {
        t.iterate();
        if (i >= iterations - 5) sum += t.lastMetrics().get("charts/episodic_return");
      }
      last = sum / 5;
    }
    System.out.printf(
        "kick: ball %.3f m ahead of the root; untrained return %.3f; after %d k samples %.3f%n",
        ball - spawn, untrained, iterations, last);
    assertTrue(
        last > 1.5 * untrained && last > untrained + 5,
        "return " + last + " vs " + untrained + " untrained");
  }
}
