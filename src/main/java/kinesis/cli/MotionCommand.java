package kinesis.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.motion.Importers;
import kinesis.motion.MotionStats;
import kinesis.motion.PublicClips;
import kinesis.motion.Skills;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kinesis motion ...}: import motion files into clip sets, list and inspect them. */
@Command(
    name = "motion",
    mixinStandardHelpOptions = true,
    description =
        "Import motions (BVH, DeepMimic, LocoMuJoCo, HumanML3D joints, AMASS) into clip sets, list and inspect them.",
    subcommands = {
      MotionCommand.Import.class,
      MotionCommand.ListSet.class,
      MotionCommand.Inspect.class,
      MotionCommand.BuildPublic.class,
      MotionCommand.ImportKit.class
    })
final class MotionCommand {

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Import motion files for a model: retarget, solve initial poses, save into a clip set. "
              + "Bad files are reported (exit 3) and the good ones still imported.")
  static final class Import implements Callable<Integer> {
    @Parameters(
        arity = "1..*",
        paramLabel = "FILES",
        description = "Motion files (.bvh, DeepMimic .txt, .npz, .npy).")
    List<Path> files;

    @Option(
        names = "--model",
        defaultValue = "legs",
        description = "legs | legs-abs | legs-back (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
        names = "--out",
        required = true,
        description = "Clip-set directory (created, or added to).")
    Path out;

    @Option(
        names = "--skill",
        description =
            "Skill label for every clip: walk, turn, turn-in-place, backwards, run, other (default: classified).")
    String skill;

    @Option(
        names = "--source-fps",
        description =
            "Frame rate of files that do not store one (.npy joints: 20, LocoMuJoCo: 500).")
    Double sourceFps;

    @Option(
        names = "--mapping",
        description =
            "Skeleton mapping JSON for BVH, DeepMimic, .npy joints or poselib SkeletonMotion (default: bundled; "
                + "see src/main/resources/kinesis/motion/skeletons).")
    Path mapping;

    @Option(
        names = "--pose-stride",
        defaultValue = "1",
        description = "Store a solved pose every N frames (default: ${DEFAULT-VALUE}).")
    int poseStride;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      Skills.check(skill);
      List<ClipSet.Entry> entries = new ArrayList<>();
      List<Map<String, Object>> rows = new ArrayList<>(), errors = new ArrayList<>();
      String setName = out.toAbsolutePath().normalize().getFileName().toString();
      if (ClipSet.exists(out)) {
        ClipSet old = ClipSet.load(out);
        if (old.model() != null && !old.model().equals(model)) {
          throw new BadInputException(
              out, "holds clips for model " + old.model() + ", not " + model);
        }
        entries.addAll(old.entries());
      }
      kinesis.motion.SkeletonMapping map =
          mapping == null ? null : kinesis.motion.SkeletonMapping.read(mapping);
      long t0 = System.nanoTime();
      try (BodyModel body = BodyModel.load(model);
          Importers imp = new Importers(body, poseStride)) {
        for (Path f : files) {
          try {
            Importers.Imported i = imp.importFile(f, skill, sourceFps, map);
            entries.removeIf(e -> e.clip().name().equals(i.clip().name()));
            entries.add(new ClipSet.Entry(i.clip(), "all", i.ik()));
            rows.add(row(i));
            if (!json) print(i);
          } catch (BadInputException e) {
            errors.add(Map.of("file", f.toString(), "problem", e.getMessage()));
            if (!json) System.err.println("kinesis: " + e.getMessage());
          }
        }
      }
      if (!rows.isEmpty()) new ClipSet(setName, model, entries).save(out);
      double secs = (System.nanoTime() - t0) / 1e9;
      if (json) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("out", out.toAbsolutePath().normalize().toString());
        r.put("model", model);
        r.put("clips", rows);
        r.put("errors", errors);
        r.put("seconds", secs);
        System.out.println(Json.write(r));
      } else {
        System.out.printf(
            Locale.ROOT,
            "%d imported, %d failed into %s (%.1f s)%n",
            rows.size(),
            errors.size(),
            out,
            secs);
      }
      return errors.isEmpty() ? 0 : Main.BAD_INPUT;
    }
  }

  static Map<String, Object> row(Importers.Imported i) {
    Clip c = i.clip();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("frames", c.frames());
    m.put("fps", c.fps());
    m.put("duration_s", c.duration());
    m.put("skill", c.skill());
    m.put("ik_residual_mean_mm", i.ik().meanMm());
    m.put("ik_residual_max_mm", i.ik().maxMm());
    m.put("foot_min_mm", i.ik().footMinMm());
    m.put("import_seconds", i.ik().seconds());
    m.put("source", c.provenance().get("source_file"));
    return m;
  }

  static void print(Importers.Imported i) {
    Clip c = i.clip();
    System.out.printf(
        Locale.ROOT,
        "%-40s %5d frames %6.2f s  %-13s IK mean %5.1f mm  max %5.1f mm  feet >= %5.1f mm  (%.2f s)%n",
        c.name(),
        c.frames(),
        c.duration(),
        c.skill(),
        i.ik().meanMm(),
        i.ik().maxMm(),
        i.ik().footMinMm(),
        i.ik().seconds());
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the clips of a clip set.")
  static final class ListSet implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Clip-set directory (or 'public-locomotion').")
    String dir;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      long t0 = System.nanoTime();
      ClipSet set = ClipSet.openAny(dir);
      double secs = (System.nanoTime() - t0) / 1e9;
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ClipSet.Entry e : set.entries()) {
        Clip c = e.clip();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("skill", c.skill());
        m.put("split", e.split());
        m.put("frames", c.frames());
        m.put("fps", c.fps());
        m.put("duration_s", c.duration());
        m.put("poses", c.poses() == null ? 0 : c.poses().length);
        if (e.ik() != null) {
          m.put("ik_residual_mean_mm", e.ik().meanMm());
          m.put("ik_residual_max_mm", e.ik().maxMm());
        }
        rows.add(m);
      }
      if (json) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", set.name());
        r.put("model", set.model());
        r.put("clips", rows);
        r.put("load_seconds", secs);
        System.out.println(Json.write(r));
        return 0;
      }
      System.out.printf(
          Locale.ROOT,
          "clip set %s (model %s): %d clips, loaded in %.3f s%n",
          set.name(),
          set.model(),
          rows.size(),
          secs);
      for (Map<String, Object> m : rows) {
        System.out.printf(
            Locale.ROOT,
            "  %-40s %-13s %-5s %5d frames %6.2f s%s%n",
            m.get("name"),
            m.get("skill"),
            m.get("split"),
            ReportValues.whole(m.get("frames")),
            (double) m.get("duration_s"),
            m.containsKey("ik_residual_mean_mm")
                ? String.format(
                    Locale.ROOT,
                    "  IK mean %.1f mm max %.1f mm",
                    ReportValues.real(m.get("ik_residual_mean_mm")),
                    ReportValues.real(m.get("ik_residual_max_mm")))
                : "");
      }
      return 0;
    }
  }

  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description =
          "What a clip does: duration, speed, heading change, steps, foot sliding, IK residual.")
  static final class Inspect implements Callable<Integer> {
    @Parameters(
        paramLabel = "CLIP",
        description = "A clip: SET_DIR/NAME, SET_DIR/clips/NAME.npz, or public-locomotion/NAME.")
    String clip;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      Path p = Path.of(clip);
      String name = p.getFileName().toString().replaceFirst("\\.npz$", "");
      Path setDir = p.getParent() == null ? Path.of(".") : p.getParent();
      if (setDir.getFileName() != null && setDir.getFileName().toString().equals("clips"))
        setDir = setDir.getParent();
      ClipSet set = ClipSet.openAny(setDir.toString());
      ClipSet.Entry entry =
          set.entries().stream()
              .filter(e -> e.clip().name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new BadInputException(
                          "clip set " + set.name() + " has no clip '" + name + "'"));
      Clip c = entry.clip();
      MotionStats s = MotionStats.of(c);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", c.name());
      r.put("skill", c.skill());
      r.put("split", entry.split());
      r.put("frames", c.frames());
      r.put("fps", c.fps());
      r.put("source_fps", c.sourceFps());
      r.put("duration_s", s.duration());
      r.put("speed_m_s", s.speed());
      r.put("forward_speed_m_s", s.forwardSpeed());
      r.put("heading_change_deg", s.headingChangeDeg());
      r.put("turning_deg", s.turningDeg());
      r.put("peak_turn_rate_deg_s", s.peakTurnRateDegS());
      r.put("slowest_second_m_s", s.slowestSecondSpeed());
      r.put("fastest_second_m_s", s.fastestSecondSpeed());
      r.put("steps", s.steps());
      r.put("foot_sliding_m_s", s.footSliding());
      r.put("flight_fraction", s.flightFraction());
      r.put("classified_skill", Skills.classify(s));
      if (entry.ik() != null) {
        r.put("ik_residual_mean_mm", entry.ik().meanMm());
        r.put("ik_residual_max_mm", entry.ik().maxMm());
        r.put("foot_min_mm", entry.ik().footMinMm());
      }
      r.put("poses", c.poses() == null ? 0 : c.poses().length);
      r.put("pose_model", c.poseModel());
      r.put("provenance", new java.util.TreeMap<>(c.provenance()));
      if (json) {
        System.out.println(Json.write(r));
      } else {
        for (Map.Entry<String, Object> e : r.entrySet()) {
          if (e.getKey().equals("provenance")) continue;
          Object v = e.getValue();
          System.out.printf(
              Locale.ROOT,
              "%-20s %s%n",
              e.getKey(),
              v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v);
        }
        System.out.println("provenance");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(c.provenance()).entrySet()) {
          System.out.printf("  %-20s %s%n", e.getKey(), e.getValue());
        }
      }
      return 0;
    }
  }

  @Command(
      name = "build-public",
      mixinStandardHelpOptions = true,
      description = "Build the public-locomotion clip set from data/motions into the cache.")
  static final class BuildPublic implements Callable<Integer> {
    @Option(
        names = "--model",
        defaultValue = "legs",
        description = "legs | legs-abs | legs-back (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
        names = "--out",
        description = "Directory (default: ~/.cache/kinesis/clips/public-locomotion).")
    Path out;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      Path dir = out != null ? out : PublicClips.directory(model);
      PublicClips.Build b = PublicClips.build(model, dir, json ? s -> {} : System.out::println);
      long t0 = System.nanoTime();
      ClipSet loaded = ClipSet.load(dir);
      double load = (System.nanoTime() - t0) / 1e9;
      List<ClipSet.Entry> es = b.set().entries();
      double mean =
          es.stream().mapToDouble(e -> e.ik().meanMm() * e.clip().frames()).sum()
              / es.stream().mapToDouble(e -> e.clip().frames()).sum();
      double max = es.stream().mapToDouble(e -> e.ik().maxMm()).max().orElse(0);
      double foot = es.stream().mapToDouble(e -> e.ik().footMinMm()).min().orElse(0);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("dir", dir.toAbsolutePath().toString());
      r.put("model", model);
      r.put("clips", es.size());
      r.put("train", b.set().split("train").size());
      r.put("test", b.set().split("test").size());
      r.put("ik_residual_mean_mm", mean);
      r.put("ik_residual_max_mm", max);
      r.put("foot_min_mm", foot);
      r.put("build_seconds", b.seconds());
      r.put("load_seconds", load);
      r.put("loaded_clips", loaded.entries().size());
      if (json) {
        System.out.println(Json.write(r));
      } else {
        System.out.printf(
            Locale.ROOT,
            "%d clips (%d train, %d test) into %s in %.1f s; IK mean %.1f mm (frame-weighted), worst max %.1f mm, "
                + "lowest foot %.1f mm; set loads in %.3f s%n",
            es.size(),
            ReportValues.whole(r.get("train")),
            ReportValues.whole(r.get("test")),
            dir,
            b.seconds(),
            mean,
            max,
            foot,
            load);
      }
      return 0;
    }
  }

  @Command(
      name = "import-kit",
      mixinStandardHelpOptions = true,
      description =
          "Import your AMASS KIT folder (SMPL-H *_poses.npz) with the paper's train/test key lists (975 / 109 keys).")
  static final class ImportKit implements Callable<Integer> {
    @Parameters(
        paramLabel = "AMASS_KIT_DIR",
        description = "The KIT folder of AMASS (subject folders with *_poses.npz).")
    Path kit;

    @Option(
        names = "--model",
        defaultValue = "legs",
        description = "legs | legs-abs | legs-back (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
        names = "--out",
        description = "Clip-set directory (default: ~/.cache/kinesis/clips/kit-locomotion).")
    Path out;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      Path dir =
          out != null
              ? out
              : PublicClips.directory(model)
                  .resolveSibling(
                      kinesis.motion.KitLocomotion.NAME
                          + (model.equals("legs") ? "" : "-" + model));
      kinesis.motion.KitLocomotion.Plan plan = kinesis.motion.KitLocomotion.plan(kit);
      kinesis.motion.KitLocomotion.Build b =
          kinesis.motion.KitLocomotion.build(
              plan, model, dir, json ? s -> {} : s -> System.out.println("kit-locomotion: " + s));
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("dir", dir.toAbsolutePath().toString());
      r.put("train_keys", plan.trainKeys());
      r.put("test_keys", plan.testKeys());
      r.put("train_keys_sha256", plan.trainSha());
      r.put("test_keys_sha256", plan.testSha());
      r.put("train_imported", b.set().split("train").size());
      r.put("test_imported", b.set().split("test").size());
      r.put("missing_train", plan.missingTrain().size());
      r.put("missing_test", plan.missingTest().size());
      r.put("failed", b.failed());
      if (json) {
        System.out.println(Json.write(r));
      } else {
        System.out.printf(
            Locale.ROOT,
            "%d train + %d test clips into %s (%d + %d keys missing, %d files failed)%n",
            ReportValues.whole(r.get("train_imported")),
            ReportValues.whole(r.get("test_imported")),
            dir,
            plan.missingTrain().size(),
            plan.missingTest().size(),
            b.failed().size());
      }
      return b.failed().isEmpty() ? 0 : Main.BAD_INPUT;
    }
  }
}
