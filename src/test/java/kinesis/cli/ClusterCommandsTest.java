package kinesis.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.cluster.Secret;
import kinesis.cluster.WorkerNode;
import kinesis.io.Json;
import kinesis.rl.EnvFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reach eval --cluster} and {@code mine --cluster} through the command line, with a worker
 * joining: the same numbers as one JVM.
 */
class ClusterCommandsTest {
  private static String stdout(String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Main.run(args));
    } finally {
      System.setOut(saved);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private int port;

  /** A cluster config on a free loopback port with a fresh secret. */
  private Path config(Path dir) throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(dir.resolve("secret"), Secret.random().text());
    Path cfg = dir.resolve("cluster.yaml");
    Files.writeString(
        cfg,
        "host: 127.0.0.1\nport: "
            + port
            + "\nsecret_file: secret\nwait_seconds: 60\nheartbeat_pause_s: 1\n");
    return cfg;
  }

  /**
   * Runs the command with a worker (2 threads) that joins the config's coordinator and ends with
   * it.
   */
  private String withWorker(Path cfg, String... args) {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (WorkerNode w =
        new WorkerNode(
            "127.0.0.1",
            "127.0.0.1:" + port,
            Secret.read(cfg.resolveSibling("secret")),
            EnvFactory.tasks(),
            2,
            1.0,
            quiet)) {
      return stdout(args);
    }
  }

  @Test
  void reachEvalAndMineOverAWorkerEqualOneJvm(@TempDir Path tmp) throws Exception {
    Path cfg = config(tmp), reach = tmp.resolve("reach");
    assertEquals(
        0,
        Main.run(
            "reach",
            "train",
            "--from",
            ReachCommandTest.WALK,
            "--out",
            reach.toString(),
            "iterations=1",
            "goal_range=1.5"));
    String[] eval = {
      "reach", "eval", "--policy", reach.toString(), "--trials", "6", "--seed", "3", "--json"
    };
    Map<String, Object> one = new LinkedHashMap<>(Json.MAPPER.readValue(stdout(eval), Map.class));
    String[] overWorkers =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(eval),
                java.util.stream.Stream.of("--cluster", cfg.toString()))
            .toArray(String[]::new);
    Map<String, Object> there =
        new LinkedHashMap<>(Json.MAPPER.readValue(withWorker(cfg, overWorkers), Map.class));
    one.remove("seconds");
    there.remove("seconds");
    assertEquals(6, there.get("trials"));
    assertEquals(one, there);

    List<String> mine =
        List.of(
            "mine",
            "--clips",
            "dataset-1_walk_normal_001,dataset-1_run_normal_001",
            "--experts",
            "2",
            "--iterations",
            "1",
            "--protocol",
            "train",
            "--json",
            "hidden=[8]",
            "num_envs=2",
            "samples_per_iteration=16",
            "epochs=1",
            "minibatch_size=0");
    Map<?, ?> here =
        Json.MAPPER.readValue(
            stdout(with(mine, "--out", tmp.resolve("mine-one").toString())), Map.class);
    Map<?, ?> cluster =
        Json.MAPPER.readValue(
            withWorker(
                cfg,
                with(
                    mine,
                    "--out",
                    tmp.resolve("mine-cluster").toString(),
                    "--cluster",
                    cfg.toString())),
            Map.class);
    assertEquals(here.get("stages"), cluster.get("stages"), "the same failed clips at every stage");
  }

  private static String[] with(List<String> args, String... more) {
    return java.util.stream.Stream.concat(args.stream(), java.util.Arrays.stream(more))
        .toArray(String[]::new);
  }
}
