package kinesis.viz.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ViewerServerTest {
  static ViewerServer server;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    Replay walk;
    try (BodyModel legs = BodyModel.load("legs")) {
      walk = SyntheticReplay.of(legs, 1.0, 30, 0.35);
    }
    server = new ViewerServer(List.of(walk, walk), 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesOnLoopbackOnly() {
    assertTrue(server.url().startsWith("http://127.0.0.1:"));
    assertTrue(server.port() > 0);
  }

  /** A port in use is bad input with a one-line reason that says what to do. */
  @Test
  void portInUseIsBadInput() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            kinesis.io.BadInputException.class, () -> new ViewerServer(List.of(), server.port()));
    assertTrue(
        e.getMessage().contains("--port") && e.getMessage().lines().count() == 1, e.getMessage());
  }

  @Test
  void listsReplaysAndServesTheirScenes() throws Exception {
    JsonNode list = Json.MAPPER.readTree(get("/api/replays.json").body());
    assertEquals(2, list.size());
    assertEquals("legs", list.get(0).get("model").asText());
    assertEquals(30, list.get(1).get("frames").asInt());
    JsonNode meta = Json.MAPPER.readTree(get("/api/replay/1.json").body());
    HttpResponse<byte[]> bin = get("/api/replay/1.bin");
    assertEquals(200, bin.statusCode());
    assertEquals(meta.get("bytes").asInt(), bin.body().length);
    JsonNode model = Json.MAPPER.readTree(get("/api/model/legs.json").body());
    assertEquals(model.get("bytes").asInt(), get("/api/model/legs.bin").body().length);
    assertEquals(server.payloadBytes(), 2L * bin.body().length + model.get("bytes").asInt());
  }

  @Test
  void servesThePageWithItsBundledLibrariesAndNothingFromTheInternet() throws Exception {
    HttpResponse<byte[]> page = get("/");
    assertEquals(200, page.statusCode());
    String html = new String(page.body(), UTF_8);
    assertTrue(html.contains("importmap") && html.contains("/static/main.js"));
    assertFalse(
        html.contains("http://") || html.contains("https://"),
        "page must not load from the internet");
    for (String f :
        List.of("main.js", "data.js", "view3d.js", "view2d.js", "plots.js", "style.css")) {
      HttpResponse<byte[]> r = get("/static/" + f);
      assertEquals(200, r.statusCode(), f);
      assertFalse(
          new String(r.body(), UTF_8).matches("(?s).*(import|from)\\s*['\"]https?:.*"),
          f + " imports from the web");
    }
    HttpResponse<byte[]> three = get("/static/vendor/three.module.js");
    assertEquals(
        200, three.statusCode(), "three.js missing: the npm step of the build did not run");
    assertTrue(three.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    assertEquals(200, get("/static/vendor/three.core.js").statusCode());
    assertEquals(200, get("/static/vendor/OrbitControls.js").statusCode());
  }

  @Test
  void unknownPathsAndTraversalAreNotFound() throws Exception {
    for (String p :
        List.of(
            "/nope",
            "/api/replay/2.json",
            "/api/replay/x.bin",
            "/api/model/legs-back.json",
            "/static/../ViewerServer.class",
            "/static/%2e%2e/ViewerServer.class",
            "/api/replay/0.txt")) {
      assertEquals(404, get(p).statusCode(), p);
    }
  }
}
