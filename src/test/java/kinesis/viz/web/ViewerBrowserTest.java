package kinesis.viz.web;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kinesis.body.BodyModel;
import kinesis.io.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in headless Chromium (WebGL on SwiftShader): the page loads a synthetic legs replay,
 * draws the body, the muscles and the ghost, changes as it plays, and the scrubber moves the body.
 * The page's self-test ({@code ?selftest=1}) measures; this test judges. Skipped, with the reason
 * printed, only when no Chromium is installed.
 */
class ViewerBrowserTest {
  static ViewerServer server;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    chromium = Browsers.chromium("ViewerBrowserTest");
    Replay walk;
    try (BodyModel legs = BodyModel.load("legs")) {
      walk = SyntheticReplay.of(legs, 3.0, 30, 0.35);
    }
    server = new ViewerServer(List.of(walk), 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static JsonNode selfTest(String extra) throws Exception {
    String dom = chromium.dumpDom(server.url() + "?selftest=1" + extra, 1280, 900, 10_000);
    Matcher m = Pattern.compile("<pre id=\"viewer-state\">([^<]*)</pre>").matcher(dom);
    assertTrue(
        m.find(),
        "no viewer state in the page:\n" + dom.substring(0, Math.min(2000, dom.length())));
    String json = m.group(1).replace("&quot;", "\"").replace("&amp;", "&");
    System.out.println("self-test" + extra + ": " + json);
    JsonNode r = Json.MAPPER.readTree(json);
    assertFalse(r.has("error"), json);
    return r;
  }

  static void judge(JsonNode r, double minBody) {
    assertTrue(r.get("bodyShare").asDouble() > minBody, "body barely drawn: " + r.get("bodyShare"));
    assertTrue(
        r.get("muscleShare").asDouble() > 0.002, "muscles not drawn: " + r.get("muscleShare"));
    assertTrue(r.get("ghostShare").asDouble() > 0.001, "ghost not drawn: " + r.get("ghostShare"));
    assertTrue(
        r.get("playedSeconds").asDouble() > 0.2,
        "playback did not advance: " + r.get("playedSeconds"));
    assertTrue(r.get("playShare").asDouble() > 0.002, "playing did not change the picture");
    assertTrue(
        r.get("frameAfterScrub").asInt() == r.get("scrubbedTo").asInt(), "scrubber did not seek");
    assertTrue(r.get("scrubShare").asDouble() > 0.002, "scrubbing did not change the picture");
    // the synthetic pelvis glides at 0.6 m/s: moving the scrubber to 60 % of 3 s moves it
    assertTrue(
        r.get("rootMoved").asDouble() > 0.3,
        "scrubber did not move the body: " + r.get("rootMoved"));
  }

  @Test
  void webglViewDrawsPlaysAndScrubs() throws Exception {
    JsonNode r = selfTest("");
    assertEquals("webgl", r.get("renderer").asText(), "WebGL unavailable in headless Chromium");
    judge(r, 0.02);
  }

  @Test
  void canvasFallbackDrawsPlaysAndScrubs() throws Exception {
    JsonNode r = selfTest("&renderer=2d");
    assertEquals("2d", r.get("renderer").asText());
    judge(r, 0.005);
  }

  @Test
  void screenshotIsWritten(@TempDir Path tmp) throws Exception {
    Path png = tmp.resolve("viewer-screenshot.png");
    chromium.screenshot(server.url() + "?frame=20", png, 1280, 900, 4000);
    byte[] head = Files.readAllBytes(png);
    assertTrue(head.length > 20_000, "screenshot too small: " + head.length);
    assertEquals((byte) 0x89, head[0]);
    assertEquals('P', head[1]);
  }
}
