package kinesis.motion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.io.NdArray;
import kinesis.io.Npz;

/**
 * From motion files to clips for one body: picks the importer by file type, retargets ({@link
 * Retarget}), solves initial poses for every frame ({@link PoseSolver}), then puts the solved feet
 * on the floor (the lowest foot-geom point over the first second at z = 0).
 *
 * <p>Importers by file: {@code .bvh} BVH; {@code .txt}/{@code .json} DeepMimic motion; {@code .npz}
 * AMASS (poses/trans/mocap_framerate) or LocoMuJoCo (q_* arrays); {@code .npy} joint positions (T,
 * 22, 3) as HumanML3D / text-to-motion, or a pickled poselib SkeletonMotion (AMP, ASE, PHC).
 */
public final class Importers implements AutoCloseable {
  /** Frames between stored poses (1 = every frame). */
  public static final int DEFAULT_POSE_STRIDE = 1;

  /** How deep a solved foot may sink below the floor before the whole clip is raised (m). */
  public static final double SINK_TOLERANCE = 0.005;

  /** IK quality of one imported clip, in millimetres. */
  public record IkStats(double meanMm, double maxMm, double footMinMm, double seconds) {}

  /** One imported clip and how well the body fits it. */
  public record Imported(Clip clip, IkStats ik) {}

  public final BodyModel body;
  public final BodyDims dims;
  private final PoseSolver solver;
  private final int poseStride;

  public Importers(BodyModel body, int poseStride) {
    if (poseStride < 1)
      throw new BadInputException("pose stride must be at least 1, got " + poseStride);
    this.body = body;
    this.dims = BodyDims.measure(body);
    this.solver = new PoseSolver(body);
    this.poseStride = poseStride;
  }

  /**
   * Reads a file with the importer its type calls for ({@code sourceFps} only for formats without
   * one).
   */
  public SourceMotion read(Path file, Double sourceFps) {
    return read(file, sourceFps, null);
  }

  /**
   * As {@link #read(Path, Double)}, with a user skeleton mapping for BVH, DeepMimic and
   * joint-position files (null: the bundled one).
   */
  public SourceMotion read(Path file, Double sourceFps, SkeletonMapping mapping) {
    if (!Files.exists(file)) throw new BadInputException(file, "file not found");
    if (!Files.isRegularFile(file)) throw new BadInputException(file, "not a regular file");
    try {
      if (Files.size(file) == 0) throw new BadInputException(file, "file is empty");
    } catch (java.io.IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".bvh")) return BvhImporter.load(file, mapping);
    if (n.endsWith(".txt") || n.endsWith(".json")) {
      if (n.startsWith("character_"))
        throw new BadInputException(file, "is a DeepMimic character file, not a motion");
      if (mapping == null) return DeepMimicImporter.load(file);
      Path sibling = file.toAbsolutePath().resolveSibling("character_humanoid3d.txt");
      return DeepMimicImporter.load(
          file,
          Files.exists(sibling) ? sibling : kinesis.io.Assets.resolve(DeepMimicImporter.CHARACTER),
          mapping);
    }
    if (n.endsWith(".npy")) {
      byte[] bytes = readAll(file);
      byte[] pickle = kinesis.io.Npy.pickled(bytes, file.toString());
      if (pickle != null) {
        Object top = kinesis.io.Pickles.item(kinesis.io.Pickles.load(pickle, file.toString()));
        if (PoselibImporter.accepts(top)) return PoselibImporter.load(file, top, mapping);
        throw new BadInputException(
            file, "a pickled Python object (" + describe(top) + "), not a poselib SkeletonMotion");
      }
      double fps = sourceFps != null ? sourceFps : JointPositionsImporter.DEFAULT_FPS;
      return JointPositionsImporter.load(
          file,
          kinesis.io.Npy.parse(bytes, file.toString()),
          fps,
          mapping != null ? mapping : SkeletonMapping.bundled("humanml3d-22"));
    }
    if (n.endsWith(".npz")) {
      Map<String, NdArray> npz = Npz.read(file);
      if (LocoMuJoCoImporter.accepts(npz)) {
        return LocoMuJoCoImporter.load(
            file, npz, body, sourceFps != null ? sourceFps : LocoMuJoCoImporter.DEFAULT_FPS);
      }
      if (AmassImporter.accepts(npz)) return AmassImporter.load(file, npz);
      throw new BadInputException(
          file,
          "unknown .npz layout: expected AMASS (poses, trans, mocap_framerate) or LocoMuJoCo (q_<joint>) arrays, found "
              + npz.keySet());
    }
    throw new BadInputException(
        file,
        "unsupported motion file type (expected .bvh, .txt/.json DeepMimic, .npz AMASS/LocoMuJoCo, .npy joints or poselib SkeletonMotion)");
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
  }

  /** A short description of an unpickled value for error messages. */
  private static String describe(Object o) {
    if (o instanceof Map<?, ?> m)
      return "a dict with keys " + m.keySet().stream().limit(8).toList();
    return o == null ? "None" : o.getClass().getSimpleName();
  }

  /**
   * Retargets, solves poses and grounds one source motion. {@code skill} null: classified from the
   * motion.
   */
  public Imported convert(SourceMotion src, String name, String skill) {
    long t0 = System.nanoTime();
    Clip raw = Retarget.toClip(src, dims, name, skill);
    if (skill == null) raw = withSkill(raw, Skills.classify(raw, dims));
    return solvePoses(raw, t0);
  }

  /**
   * Solves initial poses for a clip made without them (keypoints already retargeted to this body,
   * as {@link Retarget#toClip} or a composition of library clips makes them) and grounds the solved
   * feet.
   */
  public Imported solvePoses(Clip raw) {
    return solvePoses(raw, System.nanoTime());
  }

  private Imported solvePoses(Clip raw, long t0) {
    PoseSolver.Result r = solver.solve(raw);
    // put the solved feet on the floor over the first second
    double floor = Double.POSITIVE_INFINITY, lowest = Double.POSITIVE_INFINITY;
    for (int f = 0; f < Math.min(Retarget.GROUND_FRAMES, raw.frames()); f++)
      floor = Math.min(floor, r.footLowest()[f]);
    for (double v : r.footLowest()) lowest = Math.min(lowest, v);
    // ... unless a later frame would then sink deeper than the tolerance: raise the clip that much
    double raise = Math.max(0, floor - lowest - SINK_TOLERANCE);
    floor -= raise;
    double[] pos = raw.positions().clone();
    for (int i = 0; i < pos.length / 3; i++) pos[3 * i + 2] -= floor;
    int stored = (raw.frames() - 1) / poseStride + 1;
    double[][] poses = new double[stored][];
    int rootQ = rootQposAdr();
    for (int i = 0; i < stored; i++) {
      poses[i] = r.poses()[i * poseStride].clone();
      poses[i][rootQ + 2] -= floor;
    }
    double footMin = Double.POSITIVE_INFINITY;
    for (double v : r.footLowest()) footMin = Math.min(footMin, v - floor);
    Map<String, String> prov = new LinkedHashMap<>(raw.provenance());
    prov.put(
        "ground_shift_m",
        Retarget.fmt(Double.parseDouble(prov.getOrDefault("ground_shift_m", "0")) - floor)
            + " (solved feet on the floor over the first second"
            + (raise > 0
                ? ", raised "
                    + Retarget.fmt(raise * 1000)
                    + " mm more so no frame sinks deeper than "
                    + SINK_TOLERANCE * 1000
                    + " mm)"
                : ")"));
    prov.put(
        "poses",
        "IK on "
            + body.variant.name()
            + ", damped least squares, every "
            + poseStride
            + " frame(s)");
    Clip clip =
        new Clip(
            raw.name(),
            raw.skill(),
            raw.fps(),
            raw.sourceFps(),
            raw.keypoints(),
            pos,
            raw.velocities(),
            raw.rootQuat(),
            raw.rootAngVel(),
            prov,
            body.variant.name(),
            poseStride,
            poses);
    double secs = (System.nanoTime() - t0) / 1e9;
    return new Imported(
        clip, new IkStats(r.meanResidual() * 1000, r.maxResidual() * 1000, footMin * 1000, secs));
  }

  /** Reads and converts one file into one clip named after the file. */
  public Imported importFile(Path file, String skill, Double sourceFps) {
    return importFile(file, skill, sourceFps, (SkeletonMapping) null);
  }

  /** As {@link #importFile(Path, String, Double)} with a user skeleton mapping (null: bundled). */
  public Imported importFile(Path file, String skill, Double sourceFps, SkeletonMapping mapping) {
    return convert(read(file, sourceFps, mapping), clipName(file), skill);
  }

  /**
   * Reads and converts one file, cutting motions longer than {@code maxSeconds} into pieces of
   * about {@code pieceSeconds} (named NAME-1, NAME-2, ...). Every piece shares the source file.
   */
  public List<Imported> importFile(
      Path file, String skill, Double sourceFps, double maxSeconds, double pieceSeconds) {
    SourceMotion src = read(file, sourceFps);
    String name = clipName(file);
    if (src.duration() <= maxSeconds) return List.of(convert(src, name, skill));
    int pieces = (int) Math.round(src.duration() / pieceSeconds);
    List<Imported> out = new ArrayList<>();
    int n = src.frames();
    for (int p = 0; p < pieces; p++) {
      int from = (int) ((long) p * (n - 1) / pieces),
          to = (int) ((long) (p + 1) * (n - 1) / pieces) + 1;
      out.add(
          convert(
              src.slice(from, to, "piece " + (p + 1) + " of " + pieces),
              name + "-" + (p + 1),
              skill));
    }
    return out;
  }

  /** A clip name from a file name: the stem, lower case, unsafe characters replaced. */
  public static String clipName(Path file) {
    String s = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private int rootQposAdr() {
    for (int j = 0; j < body.sim.njnt; j++) {
      if (body.sim.jntType().get(j) == 0 && body.sim.jntBodyId().get(j) == body.rootBody)
        return body.sim.jntQposAdr().get(j);
    }
    throw new IllegalStateException("no free root joint");
  }

  static Clip withSkill(Clip c, String skill) {
    return new Clip(
        c.name(),
        skill,
        c.fps(),
        c.sourceFps(),
        c.keypoints(),
        c.positions(),
        c.velocities(),
        c.rootQuat(),
        c.rootAngVel(),
        c.provenance(),
        c.poseModel(),
        c.poseStride(),
        c.poses());
  }

  /**
   * {@code made[i]} (keypoints derived from {@code originals[i]}, without poses) with poses solved
   * for {@code body} at the original's pose stride, or unposed when the original has no poses: one
   * solver per stride.
   */
  public static List<Clip> posedLike(List<Clip> originals, List<Clip> made, BodyModel body) {
    List<Clip> out = new ArrayList<>();
    Map<Integer, Importers> solvers = new HashMap<>();
    try {
      for (int i = 0; i < made.size(); i++) {
        Clip o = originals.get(i);
        out.add(
            o.poses() == null
                ? made.get(i)
                : solvers
                    .computeIfAbsent(o.poseStride(), s -> new Importers(body, s))
                    .solvePoses(made.get(i))
                    .clip());
      }
    } finally {
      solvers.values().forEach(Importers::close);
    }
    return out;
  }

  @Override
  public void close() {
    solver.close();
  }
}
