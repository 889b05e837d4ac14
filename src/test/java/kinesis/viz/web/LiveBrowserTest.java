package kinesis.viz.web;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kinesis.body.BodyModel;
import kinesis.io.Json;
import kinesis.task.Clips;
import kinesis.task.ControlMode;
import kinesis.task.ObsLayout;
import kinesis.task.reach.ReachConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live steering page in headless Chromium: frames arrive and are drawn, the left arrow key
 * changes the command (on the server and on the page), two arrows make a diagonal, the compass's
 * stop button stops. The page's self-test ({@code ?selftest=1}) acts and measures; this test
 * judges. Skipped, with the reason printed, only when no Chromium is installed (a failure in CI).
 */
class LiveBrowserTest {
  static BodyModel legs;
  static LiveSteering live;
  static ViewerServer server;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    chromium = Browsers.chromium("LiveBrowserTest");
    legs = BodyModel.load("legs");
    int obs = ObsLayout.imitation(legs.sim.nbody - 1, legs.trackedBodies.length).dim();
    live =
        new LiveSteering(
            legs,
            Clips.standing(legs, 2),
            ReachConfig.reference(ControlMode.DIRECT),
            LiveSteeringTest.idle(obs, legs.sim.nu),
            1.265,
            2);
    server = new ViewerServer(live, 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (live != null) live.close();
    if (legs != null) legs.close();
  }

  static JsonNode selfTest(String extra) throws Exception {
    String dom = chromium.dumpDom(server.url() + "live?selftest=1" + extra, 1280, 900, 10_000);
    Matcher m = Pattern.compile("<pre id=\"viewer-state\">([^<]*)</pre>").matcher(dom);
    assertTrue(
        m.find(), "no state in the page:\n" + dom.substring(0, Math.min(2000, dom.length())));
    String json = m.group(1).replace("&quot;", "\"").replace("&amp;", "&");
    System.out.println("live self-test" + extra + ": " + json);
    JsonNode r = Json.MAPPER.readTree(json);
    assertFalse(r.has("error"), json);
    return r;
  }

  static void judge(JsonNode r) {
    assertTrue(r.get("framesArrived").asBoolean(), "frames were not drawn");
    assertTrue(r.get("foreground").asDouble() > 0.01, "body barely drawn: " + r.get("foreground"));
    assertEquals("stop", r.get("commandBefore").asText(), "a live session starts stopped");
    assertFalse(r.get("left").get("stop").asBoolean());
    assertEquals(90, r.get("left").get("direction").asDouble(), 1e-9, "left arrow: 90°");
    assertTrue(
        r.get("commandAfterLeft").asText().contains("90°"), r.get("commandAfterLeft").asText());
    assertEquals(45, r.get("upLeft").get("direction").asDouble(), 1e-9, "up + left: 45°");
    assertTrue(r.get("stopButton").get("stop").asBoolean(), "the compass's stop button");
    assertTrue(
        r.get("shownAfter").asLong() >= r.get("firstShown").asLong() + 10,
        "the body is not moving on");
  }

  @Test
  void arrowKeysSteerInWebgl() throws Exception {
    JsonNode r = selfTest("");
    assertEquals("webgl", r.get("renderer").asText(), "WebGL unavailable in headless Chromium");
    judge(r);
  }

  @Test
  void arrowKeysSteerIn2d() throws Exception {
    JsonNode r = selfTest("&renderer=2d");
    assertEquals("2d", r.get("renderer").asText());
    judge(r);
  }
}
