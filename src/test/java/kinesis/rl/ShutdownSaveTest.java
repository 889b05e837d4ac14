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
  @TempDir
  Path tmp;

  @Test
  void terminationWritesACheckpointThatResumes() throws Exception {
    Path run = tmp.resolve("run");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path")));
    for (String p : List.of("kinesis.mujoco.dir", "kinesis.native.dir", "kinesis.repo")) {
      if (System.getProperty(p) != null) cmd.add("-D" + p + "=" + System.getProperty(p));
    }
    cmd.add(TrainUntilStopped.class.getName());
    cmd.add(run.toString());
    Path log = tmp.resolve("out.txt");
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path metrics = run.resolve("metrics.csv");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && (!Files.exists(metrics) || Files.readAllLines(metrics).size() < 4)) {
      assertTrue(proc.isAlive(), () -> "trainer exited early: " + read(log));
      Thread.sleep(100);
    }
    assertTrue(Checkpoint.list(run.resolve("checkpoints")).isEmpty(), "no checkpoint before the signal");
    proc.destroy(); // SIGTERM runs the shutdown hooks, as Ctrl-C does
    assertTrue(proc.waitFor(30, TimeUnit.SECONDS));
    String out = read(log);
    assertTrue(out.contains("interrupted: saved"), out);
    List<Path> cps = Checkpoint.list(run.resolve("checkpoints"));
    assertFalse(cps.isEmpty(), out);
    Trainer resumed = Trainer.resume(run, (o, n, s) -> new PointMassEnv(n), new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
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
}
