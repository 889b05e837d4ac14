package kinesis.viz.web;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import kinesis.body.BodyModel;
import kinesis.io.Json;
import kinesis.rl.moe.Controller;
import kinesis.task.Clips;
import kinesis.task.ControlMode;
import kinesis.task.reach.ReachConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live steering API without a browser: a standing legs model driven by a do-nothing policy,
 * stepped in real time; commands by POST move the goal around the pelvis.
 */
class LiveSteeringTest {
  static BodyModel legs;
  static LiveSteering live;
  static ViewerServer server;
  static final HttpClient http = HttpClient.newHttpClient();

  /** A policy whose action is always zero (the body is not held up; episodes end and restart). */
  static Controller idle(int obs, int act) {
    return new Controller() {
      @Override
      public int obsDim() {
        return obs;
      }

      @Override
      public int actionDim() {
        return act;
      }

      @Override
      public void act(float[] o, float[] a) {
        java.util.Arrays.fill(a, 0);
      }
    };
  }

  @BeforeAll
  static void start() {
    legs = BodyModel.load("legs");
    ReachConfig cfg = ReachConfig.reference(ControlMode.DIRECT);
    int obs = kinesis.task.ObsLayout.imitation(legs.sim.nbody - 1, legs.trackedBodies.length).dim();
    // 1 s episodes, so that restarts happen within the test
    live = new LiveSteering(legs, Clips.standing(legs, 2), cfg, idle(obs, legs.sim.nu), 1.265, 1.0);
    server = new ViewerServer(live, 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (live != null) live.close();
    if (legs != null) legs.close();
  }

  static HttpResponse<byte[]> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/x-www-form-urlencoded");
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonNode post(String body) throws Exception {
    HttpResponse<byte[]> r = send("POST", "/api/live/command", body);
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    return Json.MAPPER.readTree(r.body());
  }

  static JsonNode state() throws Exception {
    return Json.MAPPER.readTree(send("GET", "/api/live/state.json", null).body());
  }

  /** The state of the first frame made under the command in force now (waits for it). */
  static JsonNode settled(JsonNode command) throws Exception {
    for (int i = 0; i < 100; i++) {
      JsonNode s = state();
      if (s.get("frameCommand").equals(command)) return s;
      Thread.sleep(20);
    }
    fail("no frame was made with the command " + command);
    return null;
  }

  @Test
  void framesAdvanceInRealTime() throws Exception {
    long a = live.frames();
    Thread.sleep(1000);
    long b = live.frames();
    // 30 control steps a second, give or take a loaded machine
    assertTrue(b - a >= 15 && b - a <= 45, "frames in 1 s: " + (b - a));
  }

  @Test
  void framesComePackedAsAReplayScene() throws Exception {
    long now = live.frames();
    HttpResponse<byte[]> r = send("GET", "/api/live/frames.bin?since=" + (now - 5), null);
    assertEquals(200, r.statusCode());
    ByteBuffer b = ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
    int len = b.getInt();
    JsonNode head = Json.MAPPER.readTree(new String(r.body(), 4, len, StandardCharsets.UTF_8));
    assertEquals(now - 5, head.get("first").asLong());
    int n = head.get("frames").asInt();
    assertTrue(n >= 5, "frames: " + n);
    JsonNode scene = head.get("scene");
    assertEquals(n, scene.get("frames").asInt());
    assertEquals(legs.sim.nbody - 1, scene.get("arrays").get("poses").get("cols").asInt() / 7);
    assertEquals(
        3, scene.get("arrays").get("keypoints").get("cols").asInt(), "one keypoint: the goal");
    int data = 4 + len + (4 - (4 + len) % 4) % 4;
    assertEquals(data + scene.get("bytes").asInt(), r.body().length);
    // the slots are the model's bound, the same in every answer
    int slots = scene.get("muscleSlots").asInt();
    assertEquals(java.util.Arrays.stream(ReplayScene.slotBound(legs.sim)).sum(), slots);
    // a page that is up to date waits for the next frame instead of getting nothing
    long t0 = System.nanoTime();
    HttpResponse<byte[]> next = send("GET", "/api/live/frames.bin?since=" + live.frames(), null);
    int nlen = ByteBuffer.wrap(next.body()).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertTrue(
        Json.MAPPER
                .readTree(new String(next.body(), 4, nlen, StandardCharsets.UTF_8))
                .get("frames")
                .asInt()
            >= 1);
    assertTrue((System.nanoTime() - t0) / 1e6 < LiveParams.WAIT_MS + 400);
  }

  /**
   * Direction 90 puts the goal 1.265 m to the left of the start heading; stop puts it on the
   * pelvis.
   */
  @Test
  void goalFollowsTheCommands() throws Exception {
    post("distance=1.265");
    JsonNode command = post("direction=90").get("command");
    // the goal is placed before the step, the pelvis reported after it: a few cm apart at most; an
    // episode that restarts between the two (the body fell) gets a new start heading, so a frame
    // may be read again before judging
    double ex = 0, ey = 0, gx = 0, gy = 0;
    for (int i = 0; i < 20; i++) {
      JsonNode s = settled(command);
      double h = Math.toRadians(s.get("startHeading").asDouble());
      ex = 1.265 * Math.cos(h + Math.PI / 2);
      ey = 1.265 * Math.sin(h + Math.PI / 2);
      gx = s.get("goal").get(0).asDouble() - s.get("pelvis").get(0).asDouble();
      gy = s.get("goal").get(1).asDouble() - s.get("pelvis").get(1).asDouble();
      if (Math.hypot(gx - ex, gy - ey) < 0.08) break;
      Thread.sleep(50);
    }
    assertEquals(ex, gx, 0.08);
    assertEquals(ey, gy, 0.08);
    JsonNode s = settled(post("direction=-450").get("command"));
    assertEquals(
        -90, s.get("command").get("direction").asDouble(), 1e-9, "wrapped into (−180, 180]");
    s = settled(post("stop").get("command"));
    assertTrue(s.get("command").get("stop").asBoolean());
    assertTrue(
        s.get("goalDistance").asDouble() < 0.08,
        "stop: goal on the pelvis, " + s.get("goalDistance"));
  }

  @Test
  void distanceStaysWithinLimits() throws Exception {
    assertEquals(2.9, post("distance=2.9").get("command").get("distance").asDouble(), 1e-9);
    assertEquals(3.0, post("nudge=0.1").get("command").get("distance").asDouble(), 1e-9);
    assertEquals(
        3.0, post("nudge=0.1").get("command").get("distance").asDouble(), 1e-9, "held at 3 m");
    post("distance=0.2");
    assertEquals(0.1, post("nudge=-0.1").get("command").get("distance").asDouble(), 1e-9);
    assertEquals(
        0.1, post("nudge=-0.1").get("command").get("distance").asDouble(), 1e-9, "held at 0.1 m");
    post("distance=1.265");
  }

  @Test
  void badCommandsAreRefusedWithOneLine() throws Exception {
    String[] bad = {
      "distance=5",
      "distance=0.05",
      "distance=x",
      "direction=NaN",
      "direction=Infinity",
      "fly=1",
      "",
      "stop&direction=0",
      "nudge=9",
      "direction=1&direction=2",
      "direction=%zz"
    };
    for (String body : bad) {
      HttpResponse<byte[]> r = send("POST", "/api/live/command", body);
      String text = new String(r.body(), StandardCharsets.UTF_8).strip();
      assertEquals(400, r.statusCode(), body + " → " + text);
      assertEquals(1, text.lines().count(), text);
      assertFalse(text.isBlank());
    }
    assertEquals(405, send("GET", "/api/live/command?stop", null).statusCode());
    assertEquals(400, send("GET", "/api/live/frames.bin?since=abc", null).statusCode());
    assertEquals(404, send("GET", "/api/live/nothing", null).statusCode());
    // a page from elsewhere may not steer; this server's own page may
    HttpRequest foreign =
        HttpRequest.newBuilder(URI.create(server.url() + "api/live/command"))
            .header("Origin", "http://example.com")
            .POST(HttpRequest.BodyPublishers.ofString("stop"))
            .build();
    assertEquals(403, http.send(foreign, HttpResponse.BodyHandlers.ofString()).statusCode());
    HttpRequest own =
        HttpRequest.newBuilder(URI.create(server.url() + "api/live/command"))
            .header("Origin", server.url().substring(0, server.url().length() - 1))
            .POST(HttpRequest.BodyPublishers.ofString("stop"))
            .build();
    assertEquals(200, http.send(own, HttpResponse.BodyHandlers.ofString()).statusCode());
    // the query string works as well as a form body
    assertEquals(200, send("POST", "/api/live/command?direction=45", null).statusCode());
    assertEquals(45, state().get("command").get("direction").asDouble(), 1e-9);
  }

  /** Episodes of 1 s end and restart by themselves; the counters say so. */
  @Test
  void endedEpisodesRestart() throws Exception {
    int first = state().get("episode").asInt();
    Thread.sleep(1300);
    JsonNode s = state();
    assertTrue(s.get("episode").asInt() > first, "no restart: " + s);
    assertTrue(s.get("falls").asInt() + s.get("timeouts").asInt() >= 1);
    assertTrue(s.get("time").asDouble() <= 1.0 + 1e-9);
    assertTrue(s.get("error").isNull(), s.get("error").toString());
  }

  @Test
  void servesTheLivePageAndGeometry() throws Exception {
    HttpResponse<byte[]> page = send("GET", "/", null);
    assertEquals(200, page.statusCode());
    assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("live.js"));
    assertEquals(200, send("GET", "/static/live.js", null).statusCode());
    assertEquals(200, send("GET", "/api/model/legs.json", null).statusCode());
  }

  /** Closing stops the stepping thread and frees the port. */
  @Test
  void closesCleanly() throws Exception {
    try (BodyModel body = BodyModel.load("legs")) {
      int obs =
          kinesis.task.ObsLayout.imitation(body.sim.nbody - 1, body.trackedBodies.length).dim();
      LiveSteering l =
          new LiveSteering(
              body,
              Clips.standing(body, 2),
              ReachConfig.reference(ControlMode.DIRECT),
              idle(obs, body.sim.nu),
              1.265,
              5);
      ViewerServer s = new ViewerServer(l, 0);
      int port = s.port();
      Thread.sleep(200);
      s.close();
      l.close();
      long frames = l.frames();
      Thread.sleep(200);
      assertEquals(frames, l.frames(), "still stepping after close");
      // the port is free again
      new ViewerServer(l, port).close();
    }
  }
}
