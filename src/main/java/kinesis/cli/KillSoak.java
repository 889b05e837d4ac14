package kinesis.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kinesis.eval.MineManifest;
import kinesis.eval.Mining;
import kinesis.rl.Checkpoint;

/**
 * The kill soak: a small mining run (two experts) followed by the gate training of their mixture,
 * run once straight through and once in child processes killed with SIGKILL at chosen points of its
 * progress, each time continued by running the same commands again. The two must end with the same
 * checkpoints byte for byte ({@link RunDiff}). Every fourth kill waits for a checkpoint being
 * written (the children pause after each file of a checkpoint, {@code kinesis.checkpoint.pause_ms})
 * and lands inside it.
 */
final class KillSoak {
  private KillSoak() {}

  static final String CLIPS = "dataset-1_walk_normal_001,dataset-1_dash_normal_001";
  static final List<String> TINY =
      List.of(
          "hidden=[16]",
          "num_envs=2",
          "samples_per_iteration=64",
          "minibatch_size=32",
          "epochs=1",
          "checkpoint_every=1");
  static final List<String> RUNS = List.of("mine/expert_0", "mine/expert_1", "moe");
  static final long CHILD_TIMEOUT_S = 300;

  /**
   * The work of one child: mine two experts of {@code iterations} iterations each, then train their
   * gate as long.
   */
  static int pipeline(Path dir, int iterations) {
    List<String> mine =
        new ArrayList<>(
            List.of(
                "mine",
                "--clips",
                CLIPS,
                "--experts",
                "2",
                "--iterations",
                String.valueOf(iterations),
                "--threads",
                "1",
                "--out",
                dir.resolve("mine").toString()));
    mine.addAll(TINY);
    int code = Main.run(mine.toArray(String[]::new));
    if (code != 0) return code;
    List<String> moe =
        new ArrayList<>(
            List.of(
                "moe",
                "--mine",
                dir.resolve("mine").toString(),
                "--out",
                dir.resolve("moe").toString(),
                "iterations=" + iterations,
                "gate_hidden=[16]"));
    moe.addAll(TINY);
    return Main.run(moe.toArray(String[]::new));
  }

  /** Runs the soak in {@code dir} (created; must not exist) and returns its report. */
  static Map<String, Object> run(
      Path dir, int kills, int iterations, long seed, long pauseMs, PrintStream progress)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path straight = dir.resolve("straight"),
        killed = dir.resolve("killed"),
        log = dir.resolve("children.log");
    long t0 = System.nanoTime();
    progress.println("kill soak: uninterrupted reference run in " + straight);
    Process ref = child(straight, iterations, 0, log);
    if (!ref.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS) || ref.exitValue() != 0)
      throw new IllegalStateException("the reference run failed; see " + log);
    double referenceSeconds = (System.nanoTime() - t0) * 1e-9;

    Random rng = new Random(seed);
    long total = 3L * iterations;
    Map<String, Integer> phases = new LinkedHashMap<>();
    int done = 0, inWrite = 0, resumes = 0;
    for (int i = 0; i < kills; i++) {
      long target = (long) Math.floor((i + rng.nextDouble()) * total / kills);
      boolean aimAtWrite = i % 4 == 2;
      long logSize = Files.exists(log) ? Files.size(log) : 0;
      Process p = child(killed, iterations, pauseMs, log);
      resumes++;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_S);
      while (p.isAlive() && progress(killed, iterations) < target && System.nanoTime() < deadline)
        Thread.sleep(5);
      while (aimAtWrite && p.isAlive() && !writing(killed) && System.nanoTime() < deadline)
        Thread.sleep(2);
      Thread.sleep(aimAtWrite ? rng.nextLong(3 * pauseMs + 1) : rng.nextLong(400));
      if (!p.isAlive()) {
        progress.printf(
            "kill %d: the run had finished before it (progress %d of %d)%n",
            i + 1, progress(killed, iterations), total);
        break;
      }
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
      if (!p.waitFor(30, TimeUnit.SECONDS))
        throw new IllegalStateException("a killed child did not end");
      done++;
      boolean w = writing(killed);
      if (w) inWrite++;
      String phase = Files.size(log) == logSize ? "starting up" : phase(killed, iterations);
      phases.merge(phase, 1, Integer::sum);
      progress.printf(
          "kill %2d: %s%s (progress %d of %d iterations)%n",
          i + 1,
          phase,
          w ? ", inside a checkpoint write" : "",
          progress(killed, iterations),
          total);
    }
    Process last = child(killed, iterations, 0, log);
    resumes++;
    if (!last.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS) || last.exitValue() != 0)
      throw new IllegalStateException("the last resume failed; see " + log);
    RunDiff.Result diff =
        RunDiff.compare(straight, killed, RUNS, List.of("mine/" + Mining.MANIFEST));

    Map<String, Object> r = new LinkedHashMap<>();
    r.put("kills_requested", kills);
    r.put("kills", done);
    r.put("kills_inside_checkpoint_write", inWrite);
    r.put("kills_by_phase", phases);
    r.put("runs_started", resumes + 1);
    r.put("iterations_per_stage", iterations);
    r.put("checkpoint_pause_ms", pauseMs);
    r.put("seed", seed);
    r.put("files_compared", diff.filesCompared());
    r.put("identical", diff.identical());
    r.put("differences", diff.differences());
    r.put("reference_seconds", Math.round(referenceSeconds * 10) / 10.0);
    r.put("seconds", Math.round((System.nanoTime() - t0) * 1e-8) / 10.0);
    r.put("dir", dir.toString());
    return r;
  }

  /**
   * Iterations checkpointed so far over the three stages (expert 0, expert 1 beyond its copied
   * start, the gate).
   */
  static long progress(Path dir, int iterations) {
    return newest(dir.resolve(RUNS.get(0)))
        + Math.max(0, newest(dir.resolve(RUNS.get(1))) - iterations)
        + newest(dir.resolve(RUNS.get(2)));
  }

  private static long newest(Path run) {
    List<Path> cps = Checkpoint.list(run.resolve("checkpoints"));
    return cps.isEmpty() ? 0 : Long.parseLong(cps.get(cps.size() - 1).getFileName().toString());
  }

  /** True while a checkpoint is being written (its temporary folder exists) in any of the runs. */
  static boolean writing(Path dir) {
    for (String run : RUNS) {
      Path cps = dir.resolve(run).resolve("checkpoints");
      if (!Files.isDirectory(cps)) continue;
      try (Stream<Path> s = Files.list(cps)) {
        if (s.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-"))) return true;
      } catch (IOException e) {
        // the folder changed under us: not a write we can see
      }
    }
    return false;
  }

  /** Which stage the work in {@code dir} is in, from what is on disk. */
  static String phase(Path dir, int n) {
    Path mf = dir.resolve("mine").resolve(Mining.MANIFEST);
    if (!Files.isRegularFile(mf)) return "mining: expert 0 training";
    MineManifest m = MineManifest.read(mf);
    MineManifest.Stage last = m.stages().get(m.stages().size() - 1);
    if (m.done()) return "mixture (gate) training";
    if (last.evaluated()) return "mining: preparing expert " + (last.expert() + 1);
    long newest = newest(dir.resolve("mine").resolve(last.run()));
    return "mining: expert "
        + last.expert()
        + (newest < (last.expert() + 1L) * n ? " training" : " evaluation");
  }

  /**
   * A child JVM like this one running {@code soak pipeline} in {@code dir}; output appended to
   * {@code log}.
   */
  static Process child(Path dir, int iterations, long pauseMs, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib:jdwp")
          && !a.startsWith("-XX:StartFlightRecording")
          && !a.startsWith("-Dkinesis.checkpoint.pause_ms")) cmd.add(a);
    }
    if (pauseMs > 0) cmd.add("-Dkinesis.checkpoint.pause_ms=" + pauseMs);
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "soak",
            "pipeline",
            "--dir",
            dir.toString(),
            "--iterations",
            String.valueOf(iterations)));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  private static boolean hasEntries(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    }
  }

  static void requireNew(Path dir) {
    try {
      if (Files.exists(dir) && (!Files.isDirectory(dir) || hasEntries(dir))) {
        throw new kinesis.io.BadInputException(
            dir, "exists and is not empty; the soak needs a new folder");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
