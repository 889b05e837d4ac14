package kinesis.viz.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import kinesis.body.BodyModel;
import kinesis.io.Json;

/**
 * Serves the replay viewer on 127.0.0.1 with the JDK's built-in HTTP server. Everything is computed
 * when the server is made (kinematics replayed, geometry packed), so requests only copy bytes. The
 * page and its libraries are classpath resources, so nothing comes from the internet.
 *
 * <pre>
 *   /                        the page (static/index.html)
 *   /static/...              page scripts, styles and the bundled three.js
 *   /api/replays.json        [{label, model, frames, fps}, ...]
 *   /api/replay/I.json|.bin  scene of replay I: metadata and packed frames
 *   /api/model/NAME.json|.bin  static geometry of a model: geoms and meshes
 *   /live                    the live steering page (with a {@link LiveSteering}; then also /)
 *   /api/live/frames.bin?since=N  frames from index N on, packed (see {@link LiveSteering#packed})
 *   /api/live/state.json     command in force and live numbers
 *   /api/live/command        POST one of direction=DEG, stop, distance=M, nudge=±M (query or form
 *                            body); answers the state, or 400 with a one-line reason
 * </pre>
 */
public final class ViewerServer implements AutoCloseable {
  static final String STATIC = "kinesis/viz/web/static/";

  private final List<ReplayScene> scenes = new ArrayList<>();
  private final Map<String, ModelGeometry> geometry = new LinkedHashMap<>();
  private final HttpServer server;
  private final LiveSteering live;

  /**
   * Builds the scenes (models loaded with {@code loader}, closed afterwards) and starts serving.
   */
  public ViewerServer(List<Replay> replays, int port, Function<String, BodyModel> loader) {
    this(replays, port, loader, null);
  }

  /** Serves the live steering page of {@code live} (which the caller closes after this server). */
  public ViewerServer(LiveSteering live, int port) {
    this(List.of(), port, BodyModel::load, live);
  }

  private ViewerServer(
      List<Replay> replays, int port, Function<String, BodyModel> loader, LiveSteering live) {
    this.live = live;
    if (live != null) geometry.put(live.model(), ModelGeometry.of(live.body()));
    Map<String, BodyModel> models = new LinkedHashMap<>();
    try {
      for (Replay r : replays) {
        BodyModel body = models.computeIfAbsent(r.model(), loader);
        geometry.computeIfAbsent(r.model(), k -> ModelGeometry.of(body));
        scenes.add(ReplayScene.of(r, body));
      }
    } finally {
      models.values().forEach(BodyModel::close);
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    } catch (IOException e) {
      throw new kinesis.io.BadInputException(
          "cannot listen on 127.0.0.1:"
              + port
              + " ("
              + e.getMessage()
              + "); choose another port with --port, or --port 0 for any free one");
    }
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread th = new Thread(r, "viewer-http");
              th.setDaemon(true);
              return th;
            }));
    server.start();
  }

  public ViewerServer(List<Replay> replays, int port) {
    this(replays, port, BodyModel::load);
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8765/}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Bytes of packed frames and geometry the page downloads (excluding the page itself). */
  public long payloadBytes() {
    return scenes.stream().mapToLong(s -> s.data().length).sum()
        + geometry.values().stream().mapToLong(g -> g.data().length).sum();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (live != null && path.startsWith("/api/live/")) {
        liveApi(ex, path.substring("/api/live/".length()));
      } else if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        send(ex, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
      } else if (live != null
          && (path.equals("/") || path.equals("/live") || path.equals("/live.html"))) {
        sendResource(ex, "live.html");
      } else if (path.equals("/") || path.equals("/index.html")) {
        sendResource(ex, "index.html");
      } else if (path.startsWith("/static/")) {
        sendResource(ex, path.substring("/static/".length()));
      } else if (path.equals("/api/replays.json")) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ReplayScene s : scenes) {
          Map<String, Object> item = new LinkedHashMap<>();
          for (String k : List.of("label", "model", "frames", "fps")) item.put(k, s.meta().get(k));
          list.add(item);
        }
        sendJson(ex, list);
      } else if (path.startsWith("/api/replay/")) {
        String name = path.substring("/api/replay/".length());
        int dot = name.lastIndexOf('.');
        int i =
            dot > 0 && name.substring(0, dot).matches("\\d{1,6}")
                ? Integer.parseInt(name.substring(0, dot))
                : -1;
        if (i < 0 || i >= scenes.size()) notFound(ex);
        else if (name.endsWith(".json")) sendJson(ex, scenes.get(i).meta());
        else if (name.endsWith(".bin"))
          send(ex, 200, "application/octet-stream", scenes.get(i).data());
        else notFound(ex);
      } else if (path.startsWith("/api/model/")) {
        String name = path.substring("/api/model/".length());
        int dot = name.lastIndexOf('.');
        ModelGeometry g = dot > 0 ? geometry.get(name.substring(0, dot)) : null;
        if (g == null) notFound(ex);
        else if (name.endsWith(".json")) sendJson(ex, g.meta());
        else if (name.endsWith(".bin")) send(ex, 200, "application/octet-stream", g.data());
        else notFound(ex);
      } else {
        notFound(ex);
      }
    }
  }

  // the live steering API: frames and state by GET, commands by POST
  private void liveApi(HttpExchange ex, String name) throws IOException {
    String method = ex.getRequestMethod();
    Map<String, String> params = new LinkedHashMap<>();
    try {
      LiveParams.parse(ex.getRequestURI().getRawQuery(), params);
      if (name.equals("command")) {
        if (!method.equals("POST")) {
          send(ex, 405, "text/plain", "POST only".getBytes(StandardCharsets.UTF_8));
          return;
        }
        // other web pages open in the browser may not steer: a cross-site request carries their
        // origin
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null
            && !origin.equals(url().substring(0, url().length() - 1))
            && !origin.equals("http://localhost:" + port())) {
          send(
              ex,
              403,
              "text/plain",
              ("commands come from this server's page, not from " + origin)
                  .getBytes(StandardCharsets.UTF_8));
          return;
        }
        LiveParams.parse(LiveParams.body(ex.getRequestBody()), params);
        sendJson(ex, live.command(params));
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        send(ex, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
      } else if (name.equals("state.json")) {
        sendJson(ex, live.state());
      } else if (name.equals("frames.bin")) {
        send(
            ex,
            200,
            "application/octet-stream",
            live.packed(LiveParams.index(params.get("since")), LiveParams.WAIT_MS));
      } else {
        notFound(ex);
      }
    } catch (kinesis.io.BadInputException e) {
      send(
          ex,
          400,
          "text/plain; charset=utf-8",
          (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      send(ex, 503, "text/plain", "shutting down".getBytes(StandardCharsets.UTF_8));
    }
  }

  private void sendResource(HttpExchange ex, String name) throws IOException {
    if (name.contains("..") || name.contains("//") || !name.matches("[A-Za-z0-9_./-]+")) {
      notFound(ex);
      return;
    }
    try (InputStream in = ViewerServer.class.getClassLoader().getResourceAsStream(STATIC + name)) {
      if (in == null) {
        if (name.equals("index.html")) {
          send(
              ex,
              500,
              "text/plain",
              ("the viewer page is not in this build (classpath "
                      + STATIC
                      + "index.html missing); rebuild with Maven so the web step runs")
                  .getBytes(StandardCharsets.UTF_8));
        } else {
          notFound(ex);
        }
        return;
      }
      send(ex, 200, contentType(name), in.readAllBytes());
    }
  }

  static String contentType(String name) {
    if (name.endsWith(".html")) return "text/html; charset=utf-8";
    if (name.endsWith(".js") || name.endsWith(".mjs")) return "text/javascript; charset=utf-8";
    if (name.endsWith(".css")) return "text/css; charset=utf-8";
    if (name.endsWith(".json")) return "application/json";
    if (name.endsWith(".png")) return "image/png";
    if (name.endsWith(".svg")) return "image/svg+xml";
    return "text/plain; charset=utf-8";
  }

  private static void sendJson(HttpExchange ex, Object value) throws IOException {
    byte[] body =
        Json.MAPPER
            .writer()
            .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
            .writeValueAsBytes(value);
    send(ex, 200, "application/json", body);
  }

  private static void notFound(HttpExchange ex) throws IOException {
    send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) ex.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0); // the live steering, if any, is closed by its owner after this
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
