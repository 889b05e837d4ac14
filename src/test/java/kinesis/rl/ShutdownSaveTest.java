package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training process that is terminated (SIGTERM, like Ctrl-C) saves its last good state first. */
class ShutdownSaveTest {
  @TempDir Path tmp;

  /**
   * A child JVM running {@link TrainUntilStopped} with these arguments, its output in {@code log}.
   */
  static Process child(Path log, String... args) throws java.io.IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path")));
    for (String p : List.of("kinesis.mujoco.dir", "kinesis.native.dir", "kinesis.repo")) {
      if (System.getProperty(p) != null) cmd.add("-D" + p + "=" + System.getProperty(p));
    }
    cmd.add(TrainUntilStopped.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  @Test
  void terminationWritesACheckpointThatResumes() throws Exception {
    Path run = tmp.resolve("run");
    Path log = tmp.resolve("out.txt");
    Process proc = child(log, run.toString());
    Path metrics = run.resolve("metrics.csv");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline
        && (!Files.exists(metrics) || Files.readAllLines(metrics).size() < 4)) {
      assertTrue(proc.isAlive(), () -> "trainer exited early: " + read(log));
      Thread.sleep(100);
    }
    assertTrue(
        Checkpoint.list(run.resolve("checkpoints")).isEmpty(), "no checkpoint before the signal");
    proc.destroy(); // SIGTERM runs the shutdown hooks, as Ctrl-C does
    assertTrue(proc.waitFor(30, TimeUnit.SECONDS));
    String out = read(log);
    assertTrue(out.contains("interrupted: saved"), out);
    List<Path> cps = Checkpoint.list(run.resolve("checkpoints"));
    assertFalse(cps.isEmpty(), out);
    Trainer resumed =
        Trainer.resume(
            run,
            (o, n, s) -> new PointMassEnv(n),
            new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
    assertTrue(resumed.iteration() >= 3, "resumed at " + resumed.iteration());
    resumed.close();
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /**
   * Kill soak: a training process killed with SIGKILL at five random moments (possibly while it
   * writes a checkpoint or a metrics line) and resumed each time ends with checkpoints byte for
   * byte equal to an uninterrupted run's.
   */
  @Test
  void killedFiveTimesAndResumedEqualsAnUninterruptedRun() throws Exception {
    int iterations = 200;
    Path straight = tmp.resolve("straight"),
        killed = tmp.resolve("killed"),
        log = tmp.resolve("kill.txt");
    try (Trainer t =
        Trainer.start(
            TrainUntilStopped.config("5", String.valueOf(iterations)),
            (o, n, s) -> new PointMassEnv(n),
            straight,
            new java.io.PrintStream(new java.io.ByteArrayOutputStream()))) {
      t.run();
    }
    // kill when the metrics reach five random iterations (checkpoints every 5: some kills land
    // mid-write)
    int[] at = new java.util.Random(42).ints(5, 10, iterations - 10).sorted().toArray();
    int kills = 0;
    for (int target : at) {
      Process p = child(log, killed.toString(), "5", String.valueOf(iterations));
      Path metrics = killed.resolve("metrics.csv");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (p.isAlive()
          && System.nanoTime() < deadline
          && (!Files.exists(metrics) || Files.readAllLines(metrics).size() <= target)) {
        Thread.sleep(2);
      }
      if (p.isAlive()) kills++;
      p.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    Process last = child(log, killed.toString(), "5", String.valueOf(iterations));
    assertTrue(last.waitFor(120, TimeUnit.SECONDS), read(log));
    assertTrue(
        kills == at.length, "only " + kills + " of the kills hit a running trainer: " + read(log));
    String name = Checkpoint.dirName(iterations);
    for (String f : Checkpoint.FILES) {
      byte[] a = Files.readAllBytes(straight.resolve("checkpoints").resolve(name).resolve(f));
      byte[] b = Files.readAllBytes(killed.resolve("checkpoints").resolve(name).resolve(f));
      assertTrue(java.util.Arrays.equals(a, b), f + " differs after " + kills + " kills");
    }
    System.out.printf(
        "kill soak: %d SIGKILLs during training, final checkpoint identical to the uninterrupted run%n",
        kills);
  }
}
