package kinesis.motion;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.io.NdArray;
import kinesis.io.Npz;

/**
 * A named set of clips on disk: {@code manifest.json} (set name, model, and per clip its file,
 * skill, split, frame counts, IK quality and provenance) plus one uncompressed {@code .npz} per
 * clip under {@code clips/} holding {@code keypoints} (U), {@code positions} (T, K, 3), {@code
 * velocities} (T, K, 3), {@code root_quat} (T, 4), {@code root_ang_vel} (T, 3) and, when solved,
 * {@code poses} (P, nq) — all float64.
 */
public record ClipSet(String name, String model, List<Entry> entries) {
  public static final String FORMAT = "kinesis-clips";
  public static final int VERSION = 1;

  /**
   * One clip with its split ({@code train}, {@code test} or {@code all}) and IK quality (null when
   * unknown).
   */
  public record Entry(Clip clip, String split, Importers.IkStats ik) {}

  public ClipSet {
    entries = List.copyOf(entries);
  }

  public List<Clip> clips() {
    return entries.stream().map(Entry::clip).toList();
  }

  /** Clips of one split. */
  public List<Clip> split(String split) {
    return entries.stream().filter(e -> e.split().equals(split)).map(Entry::clip).toList();
  }

  /**
   * A clip set by directory or the public set by name, whatever model it was made for (listing,
   * inspection).
   */
  public static ClipSet openAny(String nameOrDir) {
    if (nameOrDir.equals(PublicClips.NAME) && !Files.exists(Path.of(nameOrDir)))
      return PublicClips.ensure("legs");
    return load(Path.of(nameOrDir));
  }

  /**
   * A clip set by directory, or the public set by name ({@code public-locomotion}, built for {@code
   * model} on first use when no directory of that name exists). A set imported for another model is
   * bad input: its initial poses belong to that body.
   */
  public static ClipSet open(String nameOrDir, String model) {
    if (nameOrDir.equals(PublicClips.NAME) && !Files.exists(Path.of(nameOrDir)))
      return PublicClips.ensure(model);
    ClipSet set = load(Path.of(nameOrDir));
    if (set.model() != null && model != null && !set.model().equals(model)) {
      throw new BadInputException(
          Path.of(nameOrDir),
          "clips imported for model '"
              + set.model()
              + "' (their initial poses belong to that body), not '"
              + model
              + "'; import the motions again with --model "
              + model);
    }
    return set;
  }

  /**
   * Clips of a split ({@code train}, {@code test} or {@code all}), optionally only the named ones
   * (comma-separated; empty or null for every clip of the split).
   */
  public List<Clip> select(String split, String names) {
    List<Clip> pool = split == null || split.equals("all") ? clips() : split(split);
    if (split != null && !split.equals("all") && pool.isEmpty()) {
      List<String> splits = entries.stream().map(Entry::split).distinct().toList();
      throw new BadInputException(
          "clip set "
              + name
              + " has no clips in split '"
              + split
              + "' (its splits: "
              + String.join(", ", splits)
              + "); name the clips to use with --clips");
    }
    if (names == null || names.isBlank()) return pool;
    List<Clip> out = new ArrayList<>();
    for (String n : names.split(",", 0)) out.add(get(n.trim()));
    return out;
  }

  public Clip get(String clipName) {
    for (Entry e : entries) if (e.clip().name().equals(clipName)) return e.clip();
    throw new BadInputException("clip set " + name + " has no clip '" + clipName + "'");
  }

  /** Writes the set into {@code dir} (clip files first, the manifest last and atomically). */
  public void save(Path dir) {
    save(dir, Map.of());
  }

  /** Writes the set with extra top-level manifest fields (build facts, specification version). */
  public void save(Path dir, Map<String, Object> extra) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Entry e : entries) {
      Clip c = e.clip();
      String file = "clips/" + c.name() + ".npz";
      Npz.write(dir.resolve(file), arrays(c), false);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("file", file);
      m.put("skill", c.skill());
      m.put("split", e.split());
      m.put("frames", c.frames());
      m.put("fps", c.fps());
      m.put("source_fps", c.sourceFps());
      m.put("duration_s", c.duration());
      m.put("pose_model", c.poseModel());
      m.put("pose_stride", c.poseStride());
      if (e.ik() != null) {
        m.put("ik_residual_mean_mm", round(e.ik().meanMm()));
        m.put("ik_residual_max_mm", round(e.ik().maxMm()));
        m.put("foot_min_mm", round(e.ik().footMinMm()));
      }
      m.put("provenance", new java.util.TreeMap<>(c.provenance()));
      list.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("name", name);
    root.put("model", model);
    root.put("keypoints", Retarget.KEYPOINTS);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Entry e : entries) counts.merge(e.split(), 1L, Long::sum);
    root.put("splits", counts);
    root.putAll(extra);
    root.put("clips", list);
    Json.write(dir.resolve("manifest.json"), root);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  static Map<String, NdArray> arrays(Clip c) {
    int n = c.frames(), k = c.keypoints().size();
    Map<String, NdArray> a = new LinkedHashMap<>();
    a.put("keypoints", NdArray.ofStrings(c.keypoints().toArray(String[]::new), k));
    a.put("positions", NdArray.of(c.positions(), n, k, 3));
    a.put("velocities", NdArray.of(c.velocities(), n, k, 3));
    a.put("root_quat", NdArray.of(c.rootQuat(), n, 4));
    a.put("root_ang_vel", NdArray.of(c.rootAngVel(), n, 3));
    if (c.poses() != null && c.poses().length > 0) {
      int nq = c.poses()[0].length;
      double[] flat = new double[c.poses().length * nq];
      for (int i = 0; i < c.poses().length; i++)
        System.arraycopy(c.poses()[i], 0, flat, i * nq, nq);
      a.put("poses", NdArray.of(flat, c.poses().length, nq));
    }
    return a;
  }

  /** True when {@code dir} holds a manifest. */
  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve("manifest.json"));
  }

  /** Loads a set; a missing or malformed manifest or clip file is a {@link BadInputException}. */
  public static ClipSet load(Path dir) {
    Path manifest = dir.resolve("manifest.json");
    if (!Files.exists(manifest))
      throw new BadInputException(dir, "no manifest.json (not a clip set)");
    JsonNode root = Json.read(manifest, JsonNode.class);
    if (!FORMAT.equals(root.path("format").asText()))
      throw new BadInputException(manifest, "not a " + FORMAT + " manifest");
    List<Entry> entries = new ArrayList<>();
    for (JsonNode m : root.path("clips")) {
      String clipName = m.path("name").asText();
      Path file = dir.resolve(m.path("file").asText());
      Map<String, NdArray> a = Npz.read(file);
      for (String key :
          List.of("keypoints", "positions", "velocities", "root_quat", "root_ang_vel")) {
        if (!a.containsKey(key)) throw new BadInputException(file, "lacks array " + key);
      }
      Map<String, String> prov = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = m.path("provenance").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        prov.put(f.getKey(), f.getValue().asText());
      }
      double[][] poses = null;
      NdArray p = a.get("poses");
      if (p != null) {
        if (p.ndim() != 2)
          throw new BadInputException(
              file, "poses must be 2-D, found " + Arrays.toString(p.shape()));
        double[] flat = p.toDoubles();
        int nq = p.shape()[1];
        poses = new double[p.shape()[0]][];
        for (int i = 0; i < poses.length; i++)
          poses[i] = Arrays.copyOfRange(flat, i * nq, (i + 1) * nq);
      }
      Clip c;
      try {
        c =
            new Clip(
                clipName,
                m.path("skill").asText("other"),
                m.path("fps").asDouble(30),
                m.path("source_fps").asDouble(30),
                List.of(a.get("keypoints").strings()),
                a.get("positions").toDoubles(),
                a.get("velocities").toDoubles(),
                a.get("root_quat").toDoubles(),
                a.get("root_ang_vel").toDoubles(),
                prov,
                m.path("pose_model").isNull() ? null : m.path("pose_model").asText(null),
                m.path("pose_stride").asInt(0),
                poses);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(file, e.getMessage());
      }
      Importers.IkStats ik =
          m.has("ik_residual_mean_mm")
              ? new Importers.IkStats(
                  m.path("ik_residual_mean_mm").asDouble(),
                  m.path("ik_residual_max_mm").asDouble(),
                  m.path("foot_min_mm").asDouble(),
                  0)
              : null;
      entries.add(new Entry(c, m.path("split").asText("all"), ik));
    }
    return new ClipSet(
        root.path("name").asText(dir.getFileName().toString()),
        root.path("model").asText(null),
        entries);
  }
}
