package kinesis.rl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.nn.Params;
import kinesis.nn.TensorFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  @TempDir Path tmp;

  static RunConfig config(String actor, long iterations) {
    return new RunConfig(
        Map.of("task", "pointmass"),
        PpoConfig.laptop()
            .with(PpoLearningTest.SMALL)
            .with(List.of("actor=" + actor, "iterations=" + iterations, "checkpoint_every=1"))
            // the Gaussian run also adapts its lr to a KL target (the lr must survive the resume)
            .with(
                actor.equals("gaussian")
                    ? List.of("target_kl=0.002", "norm_update=iteration")
                    : List.of()));
  }

  static final EnvFactory POINT_MASS = (o, n, s) -> new PointMassEnv(n);

  static void run(Trainer t) {
    try (t) {
      t.run();
    }
  }

  /**
   * 3 iterations straight and 2 + resume + 1 give identical weights, optimiser, normaliser, state
   * and metrics.
   */
  @Test
  void resumeContinuesBitExactly() throws Exception {
    for (String actor : List.of("lattice", "gaussian")) {
      Path straight = tmp.resolve(actor + "-straight"), split = tmp.resolve(actor + "-split");
      PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
      run(Trainer.start(config(actor, 3), POINT_MASS, straight, quiet));
      run(Trainer.start(config(actor, 2), POINT_MASS, split, quiet));
      // raise the iteration limit of the stopped run, as a user editing config.yaml would
      config(actor, 3).save(split.resolve("config.yaml"));
      Trainer resumed = Trainer.resume(split, POINT_MASS, quiet);
      assertEquals(2, resumed.iteration());
      run(resumed);
      for (String cp : List.of("0002", "0003"))
        for (String f : Checkpoint.FILES) {
          Map<String, Object> a = TensorFile.read(straight.resolve("checkpoints/" + cp).resolve(f));
          Map<String, Object> b = TensorFile.read(split.resolve("checkpoints/" + cp).resolve(f));
          assertEquals(a.keySet(), b.keySet());
          for (String k : a.keySet()) {
            assertArrayEquals(
                TensorFile.encode(Map.of(k, a.get(k))),
                TensorFile.encode(Map.of(k, b.get(k))),
                actor + " " + cp + " " + f + " " + k);
          }
        }
      List<String> ma = Files.readAllLines(straight.resolve("metrics.csv")),
          mb = Files.readAllLines(split.resolve("metrics.csv"));
      assertEquals(4, mb.size());
      for (int i = 0; i < ma.size(); i++) {
        String[] x = ma.get(i).split(",", 0), y = mb.get(i).split(",", 0);
        for (int c = 0; c < x.length; c++) { // SPS and timings differ between runs
          String name = ma.get(0).split(",", 0)[c];
          if (name.equals("charts/SPS") || name.startsWith("time/")) continue;
          assertEquals(x[c], y[c], "metrics row " + i + " column " + name);
        }
      }
      assertTrue(Files.isRegularFile(straight.resolve("plots/training.png")));
      assertTrue(Files.isRegularFile(straight.resolve("checkpoints/0003/manifest.json")));
    }
  }

  @Test
  void refusesToOverwriteARunAndRejectsBrokenCheckpoints() throws Exception {
    Path dir = tmp.resolve("run");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    run(Trainer.start(config("gaussian", 1), POINT_MASS, dir, quiet));
    assertThrows(
        BadInputException.class,
        () -> Trainer.start(config("gaussian", 1), POINT_MASS, dir, quiet));
    Path w = dir.resolve("checkpoints/0001/weights.bin");
    byte[] raw = Files.readAllBytes(w);
    Files.write(w, java.util.Arrays.copyOf(raw, raw.length / 2));
    BadInputException e =
        assertThrows(BadInputException.class, () -> Trainer.resume(dir, POINT_MASS, quiet));
    assertTrue(e.getMessage().contains("weights.bin"), e.getMessage());
  }

  /**
   * NaN rewards, or a NaN observation, in the second iteration: the update is rolled back and no
   * NaN is saved.
   */
  @Test
  void nonFiniteUpdateIsRolledBackAndNeverCheckpointed() throws Exception {
    for (boolean poisonObservation : new boolean[] {false, true}) {
      Path dir = tmp.resolve("nan-" + poisonObservation);
      int stepsPerIteration = config("lattice", 1).ppo().stepsPerEnv();
      EnvFactory poisoned =
          (o, n, s) ->
              new PointMassEnv(n) {
                int calls;

                @Override
                public void step(float[] a, float[] obs, float[] r, boolean[] d, boolean[] t) {
                  super.step(a, obs, r, d, t);
                  if (calls++ / stepsPerIteration == 1) {
                    if (poisonObservation) obs[0] = Float.NaN;
                    else r[0] = Float.NaN;
                  }
                }
              };
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      Trainer t = Trainer.start(config("lattice", 3), poisoned, dir, new PrintStream(buf, true));
      run(t);
      assertTrue(buf.toString(UTF_8).contains("iteration 2: non-finite"), buf.toString(UTF_8));
      assertTrue(Params.allFinite(t.ppo.allParams()));
      for (String it : List.of("0002", "0003")) {
        for (String f : List.of("weights.bin", "normaliser.bin")) {
          Map<String, Object> w =
              TensorFile.read(dir.resolve("checkpoints").resolve(it).resolve(f));
          for (Object v : w.values())
            if (v instanceof float[] x) assertTrue(Params.allFinite(x), it + " " + f);
        }
      }
    }
  }
}
