package kinesis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.eval.ClipOutcome;
import kinesis.eval.EvalReport;
import kinesis.eval.Protocol;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.ClipSet;
import kinesis.motion.Importers;
import kinesis.motion.KitLocomotion;
import kinesis.motion.PublicClips;
import kinesis.motion.text.ComposeRoute;
import kinesis.motion.text.Descriptions;
import kinesis.motion.text.FileRoute;
import kinesis.motion.text.Reference;
import kinesis.motion.text.RetrievalRoute;
import kinesis.motion.text.TextRoute;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.RolloutFile;
import kinesis.viz.FrameSource;
import kinesis.viz.OffscreenRenderer;
import kinesis.viz.VideoRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis t2m}: text to control. A prompt becomes a reference motion by one route (generated
 * motion files, retrieval from the library, or composition of locomotion commands), then the policy
 * plays it zero-shot from its first frame; writes the reference as a one-clip set, the rollout, its
 * Table-I numbers and a GIF.
 *
 * <pre>
 *   ./kinesis t2m "PROMPT" --policy P [--source files|retrieve|compose] [--input FILE|DIR] [--index N] --out DIR [--json]
 * </pre>
 */
@Command(
    name = "t2m",
    mixinStandardHelpOptions = true,
    description =
        "Text to control: a prompt → a reference motion (generated motion files, retrieval from the clip library, "
            + "or locomotion commands composed from library clips) → "
            + "a zero-shot rollout of a policy, its Table-I numbers, a GIF and a file for view.")
final class T2mCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "PROMPT",
      description = "What the body should do, e.g. \"a person walks forward\".")
  String prompt;

  @Option(
      names = "--policy",
      required = true,
      description = "Run, checkpoint or MoE directory (e.g. policies/legs-walk).")
  Path policy;

  @Option(
      names = "--model",
      description = "Model variant; must be the policy's (default: the policy's).")
  String model;

  @Option(
      names = "--source",
      description =
          "files (generated motions, needs --input), retrieve, or compose (locomotion commands stitched from "
              + "library clips: \"walk forward 3 m, then turn left 90 degrees\"; default: files with --input, else retrieve).")
  String source;

  @Option(
      names = "--input",
      description =
          "files: an MDM results.npy, a HumanML3D (T, 22, 3) joints .npy, or a folder of them.")
  Path input;

  @Option(
      names = "--index",
      description = "files: take motion N (in reading order) instead of the best text match.")
  Integer index;

  @Option(
      names = "--source-fps",
      defaultValue = "20",
      description =
          "files: frame rate of the generated motions (default: ${DEFAULT-VALUE}, HumanML3D).")
  double sourceFps;

  @Option(
      names = "--motions",
      description =
          "retrieve, compose: clip sets to use (repeatable; default: public-locomotion, plus kit-locomotion once imported).")
  List<String> motions;

  @Option(
      names = "--top",
      defaultValue = "5",
      description = "Candidates to report (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--protocol",
      defaultValue = "paper",
      description = "paper or train failure rule (default: ${DEFAULT-VALUE}).")
  String protocol;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of a mixture's expert sampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--width",
      defaultValue = "320",
      description = "GIF width (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(
      names = "--height",
      defaultValue = "240",
      description = "GIF height (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--no-gif", description = "Skip the GIF.")
  boolean noGif;

  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (prompt.isBlank()) throw new BadInputException("the prompt is empty");
    if (top < 1) throw new BadInputException("--top must be at least 1");
    if (width < 16 || height < 16 || width > 4096 || height > 4096)
      throw new BadInputException("--width and --height must be between 16 and 4096");
    PolicySpec spec = Policies.load(policy);
    String policyModel = spec.env().getOrDefault("model", "legs");
    if (model != null && !model.equals(policyModel)) {
      throw new BadInputException(
          policy, "policy drives model '" + policyModel + "', not '" + model + "'");
    }
    TextRoute route = route(policyModel);
    Protocol p = Protocol.parse(protocol);
    Map<String, Object> r = new LinkedHashMap<>();
    try (BodyModel body = BodyModel.load(policyModel);
        Importers importers = new Importers(body, Importers.DEFAULT_POSE_STRIDE)) {
      // text → reference clip, saved as a one-clip set anyone can import, evaluate or render
      Reference ref = route.reference(prompt, importers);
      Files.createDirectories(out);
      Path refDir = out.resolve("reference");
      new ClipSet("t2m", policyModel, List.of(new ClipSet.Entry(ref.clip(), "all", ref.ik())))
          .save(refDir, Map.of("prompt", prompt, "route", ref.route()));
      // zero-shot rollout, scored as Table I
      PlayCommand.Played played = PlayCommand.play(spec, policy, body, ref.clip(), p, seed, false);
      Path rollout = out.resolve(ref.clip().name() + RolloutFile.SUFFIX);
      RolloutFile.write(rollout, played.rollout());
      ClipOutcome o = played.outcome();
      boolean stochastic = spec.controller(new VecGemm(1), false).stochastic();
      EvalReport report =
          new EvalReport(
              Policies.resolve(policy) + " (" + spec.describe() + ")",
              "all",
              p,
              stochastic,
              List.of(seed),
              List.of(List.of(o)));
      EvalCommand.write(report, out.resolve("eval"));
      r.put("prompt", prompt);
      r.put("route", ref.route());
      r.put("material", ref.material());
      r.put("candidates", ref.candidates());
      r.put("reference", reference(ref, refDir));
      r.put("policy", Assets.recorded(Policies.resolve(policy)));
      r.put("rollout", rollout.toString());
      r.put("protocol", p.label);
      r.put("success", o.success());
      r.put("frame_coverage", o.coverage());
      r.put("mpjpe_mm", Double.isFinite(o.mpjpeMm()) ? o.mpjpeMm() : null);
      r.put("failure_frame", o.failureFrame());
      r.put("steps", o.steps());
      r.put("table", out.resolve("eval").resolve("table.md").toString());
      r.put("gif", noGif ? null : gif(body, played, ref.clip().name(), r));
    }
    Json.write(out.resolve("t2m.json"), r);
    if (json) System.out.println(Json.write(r));
    else print(r);
    return 0;
  }

  /** The route --source names (files when --input is given and --source is not). */
  private TextRoute route(String model) {
    String s = source != null ? source : input != null ? FileRoute.NAME : RetrievalRoute.NAME;
    if (!(sourceFps > 0) || !Double.isFinite(sourceFps))
      throw new BadInputException("--source-fps must be positive, not " + sourceFps);
    return switch (s) {
      case FileRoute.NAME -> {
        if (input == null)
          throw new BadInputException(
              "--source files needs --input FILE|DIR (an MDM results.npy, a joints .npy or a folder)");
        yield new FileRoute(input, index, sourceFps);
      }
      case RetrievalRoute.NAME, ComposeRoute.NAME -> {
        if (input != null || index != null)
          throw new BadInputException("--input and --index belong to --source files, not " + s);
        List<Descriptions.Description> d = new ArrayList<>(Descriptions.publicLocomotion());
        d.addAll(Descriptions.kitMl());
        yield s.equals(ComposeRoute.NAME)
            ? new ComposeRoute(d, library(model))
            : new RetrievalRoute(d, library(model), top);
      }
      default ->
          throw new BadInputException(
              "--source must be files, retrieve or compose, not '" + s + "'");
    };
  }

  /**
   * The clip sets to search: --motions, else public-locomotion plus the imported KIT-Locomotion set
   * when present.
   */
  private List<ClipSet> library(String model) {
    List<ClipSet> sets = new ArrayList<>();
    if (motions != null && !motions.isEmpty()) {
      for (String m : motions) sets.add(ClipSet.open(m, model));
      return sets;
    }
    sets.add(ClipSet.open(PublicClips.NAME, model));
    Path kit =
        PublicClips.directory(model)
            .resolveSibling(KitLocomotion.NAME + (model.equals("legs") ? "" : "-" + model));
    if (ClipSet.exists(kit)) sets.add(ClipSet.open(kit.toString(), model));
    return sets;
  }

  private static Map<String, Object> reference(Reference ref, Path dir) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dir", dir.toString());
    m.put("clip", ref.clip().name());
    m.put("skill", ref.clip().skill());
    m.put("frames", ref.clip().frames());
    m.put("duration_s", ref.clip().duration());
    if (ref.ik() != null) {
      m.put("ik_residual_mean_mm", ref.ik().meanMm());
      m.put("ik_residual_max_mm", ref.ik().maxMm());
    }
    return m;
  }

  /** Renders the rollout to NAME.gif; without a GL driver the reason is reported instead. */
  private String gif(BodyModel body, PlayCommand.Played played, String name, Map<String, Object> r)
      throws Exception {
    Path file = out.resolve(name + ".gif");
    try {
      VideoRenderer.render(
          body,
          FrameSource.of(played.rollout()),
          VideoRenderer.CameraMode.TRACK,
          width,
          height,
          file);
      return file.toString();
    } catch (OffscreenRenderer.NoGlException e) {
      r.put("gif_skipped", e.getMessage());
      return null;
    }
  }

  /**
   * The composed plan: one line per command with its clip and what the composition measures there.
   */
  @SuppressWarnings("unchecked")
  private static void printPlan(Map<String, Object> m) {
    List<Map<String, Object>> plan = (List<Map<String, Object>>) m.get("plan");
    System.out.printf(
        Locale.ROOT,
        "route     compose: %d commands stitched from %s%n",
        plan.size(),
        m.get("library"));
    for (Map<String, Object> p : plan) {
      Map<String, Object> c = (Map<String, Object>) p.get("command");
      Map<String, Object> seam = (Map<String, Object>) p.get("seam");
      System.out.printf(
          Locale.ROOT,
          "          %-28s %s from frame %s%s, curved %+.1f°: %.2f s, path %.2f m, heading %+.1f°%s%n",
          "\"" + c.get("phrase") + "\"",
          p.get("clip"),
          p.get("start_frame"),
          p.containsKey("loops")
              ? " (cycle " + p.get("cycle_frames") + " ×" + p.get("loops") + ")"
              : "",
          ReportValues.real(p.get("curved_deg")),
          ReportValues.real(p.get("duration_s")),
          ReportValues.real(p.get("path_m")),
          ReportValues.real(p.get("heading_change_deg")),
          seam == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "; seam step %.3f m (around %.3f), %+.1f°",
                  ReportValues.real(seam.get("pelvis_step_m")),
                  ReportValues.real(seam.get("pelvis_step_around_m")),
                  ReportValues.real(seam.get("heading_step_deg"))));
    }
  }

  private static void print(Map<String, Object> r) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) r.get("material");
    @SuppressWarnings("unchecked")
    Map<String, Object> ref = (Map<String, Object>) r.get("reference");
    System.out.printf(Locale.ROOT, "prompt    \"%s\"%n", r.get("prompt"));
    if (r.get("route").equals(ComposeRoute.NAME)) {
      printPlan(m);
    } else if (r.get("route").equals(FileRoute.NAME)) {
      System.out.printf(
          Locale.ROOT,
          "route     files: %s sample %s, text \"%s\" (%s, chosen by %s%s)%n",
          m.get("file"),
          m.get("sample"),
          m.get("text"),
          m.get("text_from"),
          m.get("chosen_by"),
          m.containsKey("score")
              ? String.format(Locale.ROOT, ", BM25 %.2f", ReportValues.real(m.get("score")))
              : "");
    } else {
      System.out.printf(
          Locale.ROOT,
          "route     retrieve: %s/%s, \"%s\" (%s text, BM25 %.2f; %s of %s descriptions match, %s clips of %s)%n",
          m.get("set"),
          m.get("clip"),
          m.get("text"),
          m.get("text_by"),
          ReportValues.real(m.get("score")),
          (int) m.get("library_matches") + (int) m.get("matches_outside_library"),
          m.get("descriptions"),
          m.get("library_matches"),
          m.get("library"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> cands = (List<Map<String, Object>>) r.get("candidates");
      for (Map<String, Object> c : cands)
        System.out.printf(
            Locale.ROOT,
            "          %6.2f  %s/%s  \"%s\"%n",
            ReportValues.real(c.get("score")),
            c.get("set"),
            c.get("clip"),
            c.get("text"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> away = (List<Map<String, Object>>) m.get("best_outside_library");
      for (Map<String, Object> c : away) {
        System.out.printf(
            Locale.ROOT,
            "          %6.2f  %s/%s  \"%s\"  (not in your library)%n",
            ReportValues.real(c.get("score")),
            c.get("set"),
            c.get("clip"),
            c.get("text"));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "reference %s: clip %s (%s, %d frames, %.2f s%s)%n",
        ref.get("dir"),
        ref.get("clip"),
        ref.get("skill"),
        ReportValues.whole(ref.get("frames")),
        ReportValues.real(ref.get("duration_s")),
        ref.containsKey("ik_residual_mean_mm")
            ? String.format(
                Locale.ROOT,
                ", IK mean %.1f mm max %.1f mm",
                ReportValues.real(ref.get("ik_residual_mean_mm")),
                ReportValues.real(ref.get("ik_residual_max_mm")))
            : "");
    System.out.printf(
        Locale.ROOT,
        "rollout   %s after %d steps: coverage %.1f %%, MPJPE %.1f mm (protocol %s); Table I in %s%n",
        Boolean.TRUE.equals(r.get("success"))
            ? "reached the end"
            : "failed at frame " + r.get("failure_frame"),
        ReportValues.whole(r.get("steps")),
        100 * (double) r.get("frame_coverage"),
        r.get("mpjpe_mm") == null ? Double.NaN : (double) r.get("mpjpe_mm"),
        r.get("protocol"),
        r.get("table"));
    System.out.printf(
        Locale.ROOT,
        "wrote     %s (./kinesis view %s)%s%n",
        r.get("rollout"),
        r.get("rollout"),
        r.get("gif") != null
            ? ", " + r.get("gif")
            : r.containsKey("gif_skipped") ? "; no GIF: " + r.get("gif_skipped") : "");
  }
}
