package kinesis.viz.web;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kinesis.body.BodyModel;
import kinesis.eval.SteerDriver;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.Clip;
import kinesis.rl.moe.Controller;
import kinesis.task.reach.ReachConfig;
import kinesis.task.reach.SteerControl;
import kinesis.task.reach.SteerEpisode;
import kinesis.task.reach.SteerSchedule;

/**
 * Interactive directional control: a policy steered live, stepped in real time (30 control steps a
 * second, paced by a scheduler) on its own thread, with the commands coming from the viewer page.
 * Every step becomes a frame (pose, activations, goal, the live numbers) in a ring of the last 10
 * s; the page fetches the frames after the ones it has, packed like a replay scene with fixed
 * muscle slots. When the body falls or the episode times out, a new episode starts from the same
 * clip.
 */
public final class LiveSteering implements AutoCloseable {
  /** Frames kept for a page that falls behind, and the most sent in one answer. */
  static final int KEPT = 300, MOST = 60;

  /** Frames over which the speed is measured (0.5 s). */
  static final int SPEED_SPAN = 15;

  /** One control step: what the page draws and shows. */
  record Frame(
      long index,
      int episode,
      double time,
      double[] qpos,
      double[] act,
      double[] root,
      double[] goal,
      double goalDistance,
      double startHeading,
      SteerSchedule.Command command) {}

  private final BodyModel body;
  private final SteerDriver driver;
  private final SteerControl control;
  private final int[] slots;
  private final double goalHeight;
  private final ScheduledExecutorService clock;
  private final Frame[] ring = new Frame[KEPT];
  private long count;
  private int episode, falls, timeouts;
  private volatile String error;
  private volatile double stepMs;

  /**
   * Starts stepping at once. {@code body} stays the caller's (open until after {@link #close});
   * episodes last at most {@code episodeSeconds}.
   */
  // the schedule ends with clock.shutdownNow() in close
  @SuppressWarnings("FutureReturnValueIgnored")
  public LiveSteering(
      BodyModel body,
      Clip start,
      ReachConfig cfg,
      Controller policy,
      double distance,
      double episodeSeconds) {
    this.body = body;
    control = new SteerControl(distance);
    driver = new SteerDriver(body, start, cfg, policy, episodeSeconds);
    slots = ReplayScene.slotBound(body.sim);
    goalHeight = cfg.goalHeight();
    try {
      restart();
    } catch (RuntimeException e) {
      driver.close();
      throw e;
    }
    clock =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "live-steering");
              t.setDaemon(true);
              return t;
            });
    long period = Math.round(1e9 / SteerDriver.FPS);
    clock.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
  }

  public String model() {
    return body.variant.name();
  }

  BodyModel body() {
    return body;
  }

  public SteerControl control() {
    return control;
  }

  // one control step; an ended episode is followed by a fresh one (errors are shown, not thrown:
  // an exception would silently cancel the schedule)
  private void tick() {
    long t0 = System.nanoTime();
    try {
      if (!driver.step(control)) {
        capture();
        synchronized (this) {
          if (driver.episode().fell()) falls++;
          else timeouts++;
        }
        restart();
      } else {
        capture();
      }
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
      error = message;
      try {
        restart();
      } catch (RuntimeException again) {
        error = message + "; restarting failed too: " + again.getMessage();
      }
    }
    stepMs = (System.nanoTime() - t0) / 1e6;
  }

  private void restart() {
    driver.start();
    synchronized (this) {
      episode++;
    }
    capture();
  }

  // the state after the last step, as a frame of the ring
  private void capture() {
    SteerEpisode ep = driver.episode();
    double[] qpos = new double[body.sim.nq], act = new double[body.sim.nu];
    ep.pose(qpos, act);
    synchronized (this) {
      ring[(int) (count % KEPT)] =
          new Frame(
              count,
              episode,
              driver.time(),
              qpos,
              act,
              ep.root(),
              ep.goal(),
              ep.distance(),
              ep.startHeading(),
              control.current());
      count++;
      notifyAll();
    }
  }

  /** Frames made so far. */
  public synchronized long frames() {
    return count;
  }

  /**
   * The frames from index {@code since} on (at most {@link #MOST}; from the oldest kept when older
   * ones are gone; the newest alone when {@code since} is negative or ahead), waiting up to {@code
   * waitMs} for one to come. Packed as: uint32 length of a JSON header ({@code first}, {@code
   * frames}, {@code state}, {@code scene}: a {@link ReplayScene} meta or null), the header, zero
   * padding to a multiple of 4, then the scene's arrays.
   */
  public byte[] packed(long since, long waitMs) throws InterruptedException {
    List<Frame> got = new ArrayList<>();
    synchronized (this) {
      long deadline = System.nanoTime() + waitMs * 1_000_000;
      while (since >= 0 && since == count && System.nanoTime() < deadline) {
        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
      long first = since < 0 || since > count ? count - 1 : Math.max(since, count - KEPT);
      for (long i = first; i < count && got.size() < MOST; i++) got.add(ring[(int) (i % KEPT)]);
    }
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("first", got.isEmpty() ? since : got.get(0).index());
    head.put("frames", got.size());
    head.put("state", state());
    ReplayScene scene = got.isEmpty() ? null : ReplayScene.of(replay(got), body, slots);
    head.put("scene", scene == null ? null : scene.meta());
    return pack(compact(head), scene == null ? new byte[0] : scene.data());
  }

  private Replay replay(List<Frame> frames) {
    int n = frames.size();
    double[][] qpos = new double[n][], act = new double[n][], goal = new double[n][];
    for (int i = 0; i < n; i++) {
      Frame f = frames.get(i);
      qpos[i] = f.qpos();
      act[i] = f.act();
      goal[i] = new double[] {f.goal()[0], f.goal()[1], goalHeight};
    }
    return new Replay(
        "live",
        body.variant.name(),
        SteerDriver.FPS,
        qpos,
        goal,
        body.muscles,
        act,
        List.of(),
        null);
  }

  /** JSON on one line, as UTF-8. */
  static byte[] compact(Object value) {
    try {
      return Json.MAPPER
          .writer()
          .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] pack(byte[] header, byte[] data) {
    int pad = (4 - (4 + header.length) % 4) % 4;
    ByteBuffer b =
        ByteBuffer.allocate(4 + header.length + pad + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(header.length).put(header).put(new byte[pad]).put(data);
    return b.array();
  }

  /** The command in force and the live numbers of the newest frame (JSON-ready). */
  public Map<String, Object> state() {
    Frame now, before;
    int eps, fell, timedOut;
    synchronized (this) {
      now = ring[(int) ((count - 1) % KEPT)];
      Frame b = count > SPEED_SPAN ? ring[(int) ((count - 1 - SPEED_SPAN) % KEPT)] : null;
      before = b != null && b.episode() == now.episode() ? b : null;
      eps = episode;
      fell = falls;
      timedOut = timeouts;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", command(control.current()));
    m.put("frame", now.index());
    m.put("episode", eps);
    m.put("falls", fell);
    m.put("timeouts", timedOut);
    m.put("time", now.time());
    double speed =
        before == null
            ? 0
            : Math.hypot(now.root()[0] - before.root()[0], now.root()[1] - before.root()[1])
                / (now.time() - before.time());
    m.put("speed", speed);
    m.put("heading", wrap(Math.toDegrees(now.root()[2] - now.startHeading())));
    m.put("goalDistance", now.goalDistance());
    m.put("goal", new double[] {now.goal()[0], now.goal()[1]});
    m.put("pelvis", new double[] {now.root()[0], now.root()[1]});
    m.put("startHeading", Math.toDegrees(now.startHeading()));
    m.put("frameCommand", command(now.command()));
    m.put("stepMs", stepMs);
    m.put("error", error);
    return m;
  }

  private static Map<String, Object> command(SteerSchedule.Command c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stop", c.stop());
    m.put("direction", c.direction());
    m.put("distance", c.distance());
    return m;
  }

  /**
   * Applies one command from the page: exactly one of {@code direction=DEG}, {@code stop}, {@code
   * distance=M} (0.1–3) or {@code nudge=±M} (held within 0.1–3); returns the state.
   */
  public Map<String, Object> command(Map<String, String> params) {
    if (params.size() != 1) {
      throw new BadInputException(
          "give exactly one of direction=DEG, stop, distance=M, nudge=±M (got "
              + params.keySet()
              + ")");
    }
    var e = params.entrySet().iterator().next();
    switch (e.getKey()) {
      case "direction" -> control.go(number(e));
      case "stop" -> control.stop();
      case "distance" -> control.distance(number(e));
      case "nudge" -> control.nudge(number(e));
      default ->
          throw new BadInputException(
              "unknown command '" + e.getKey() + "' (direction, stop, distance, nudge)");
    }
    return state();
  }

  private static double number(Map.Entry<String, String> e) {
    try {
      return Double.parseDouble(e.getValue().strip());
    } catch (NumberFormatException | NullPointerException x) {
      throw new BadInputException(e.getKey() + " must be a number, not '" + e.getValue() + "'");
    }
  }

  private static double wrap(double deg) {
    double w = deg % 360;
    return w > 180 ? w - 360 : w <= -180 ? w + 360 : w;
  }

  /** Stops the stepping thread, then frees the episode. */
  @Override
  public void close() {
    clock.shutdownNow();
    try {
      clock.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    driver.close();
  }
}
