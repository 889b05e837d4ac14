package kinesis.motion.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.motion.Importers;
import kinesis.motion.MotionStats;
import kinesis.motion.Retarget;
import kinesis.motion.Rot;
import kinesis.motion.Signal;
import kinesis.motion.Skills;

/**
 * Route 3 of text-to-control: a sentence of locomotion commands ({@link CommandParser}) becomes one
 * continuous reference stitched from library clips ({@link ClipChoice}, {@link Composer}, {@link
 * Seams}). Velocities are recomputed from the stitched positions (backward differences, Gaussian σ
 * = 2 frames, as every importer does) and initial poses are solved for the body like any imported
 * clip. The material is the plan: per command the clip, the frames used, loops, the heading added
 * by curving, and what the composed clip measures over that command's frames.
 */
public record ComposeRoute(List<Descriptions.Description> descriptions, List<ClipSet> library)
    implements TextRoute {
  public static final String NAME = "compose", CLIP = "composed";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Reference reference(String prompt, Importers importers) {
    List<Command> commands = CommandParser.parse(prompt);
    ClipChoice choice = new ClipChoice(descriptions, library);
    Composer.Composition comp = Composer.compose(commands, choice);
    Importers.Imported imp = importers.solvePoses(clip(prompt, comp));
    Clip clip = imp.clip();
    Map<String, Object> material = new LinkedHashMap<>();
    material.put("sentence", prompt);
    material.put("library", choice.sets());
    material.put("commands", commands.stream().map(Command::json).toList());
    material.put("plan", plan(comp, clip));
    material.put("seam_fade_frames", Composer.SEAM_FRAMES);
    return new Reference(clip, imp.ik(), NAME, material, List.of());
  }

  /**
   * The stitched track as a clip without poses: velocities from positions, skill from its motion,
   * provenance naming every piece.
   */
  static Clip clip(String prompt, Composer.Composition comp) {
    Track t = comp.track();
    int k = t.k();
    double[] vel = Signal.velocity(t.pos(), 3 * k, Composer.FPS, Retarget.VELOCITY_SIGMA);
    double[] ang = Signal.angularVelocity(t.quat(), Composer.FPS, Retarget.VELOCITY_SIGMA);
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put("importer", "compose (text-to-control route 3)");
    prov.put("sentence", prompt);
    List<String> used = new ArrayList<>();
    for (Composer.Piece p : comp.pieces()) {
      used.add(
          String.format(
              Locale.ROOT,
              "%s: %s from frame %d%s, %+.1f deg curved",
              p.command().phrase(),
              p.choice().source().id(),
              p.start(),
              p.cycleStart() >= 0
                  ? String.format(
                      Locale.ROOT,
                      ", cycle %d..%d x%d",
                      p.cycleStart(),
                      p.cycleEnd() - 1,
                      p.loops())
                  : "",
              p.addedTurnDeg()));
    }
    prov.put("pieces", String.join("; ", used));
    prov.put(
        "seams",
        "root path and heading continued across seams; pose jump faded over "
            + Composer.SEAM_FRAMES
            + " frames each side, feet only while they swing; pieces start at the gait phase the previous one ended in");
    prov.put(
        "velocities",
        "recomputed from the stitched positions (backward differences, Gaussian sigma 2 frames)");
    prov.put("ground_shift_m", "0");
    Clip raw =
        new Clip(
            CLIP,
            "other",
            Composer.FPS,
            Composer.FPS,
            Retarget.KEYPOINTS,
            t.pos(),
            vel,
            t.quat(),
            ang,
            prov,
            null,
            0,
            null);
    String skill = Skills.classify(MotionStats.of(raw));
    return new Clip(
        CLIP,
        skill,
        Composer.FPS,
        Composer.FPS,
        Retarget.KEYPOINTS,
        t.pos(),
        vel,
        t.quat(),
        ang,
        prov,
        null,
        0,
        null);
  }

  /**
   * Per piece: the command, the clip and why, the frames used, and what the composed clip measures
   * over that piece.
   */
  static List<Map<String, Object>> plan(Composer.Composition comp, Clip clip) {
    Track done = Track.of(clip, 0, clip.frames());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Composer.Piece p : comp.pieces()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("command", p.command().json());
      ClipChoice.Choice ch = p.choice();
      m.put("clip", ch.source().id());
      m.put("clip_skill", ch.source().clip().skill());
      m.put("chosen_by", ch.reason());
      if (Double.isFinite(ch.score())) m.put("score", ch.score());
      if (ch.text() != null) m.put("text", ch.text());
      m.put("alternatives", ch.alternatives());
      m.put("how", p.how());
      m.put("start_frame", p.start());
      if (p.cycleStart() >= 0) {
        m.put("cycle_frames", List.of(p.cycleStart(), p.cycleEnd() - 1));
        m.put("loops", p.loops());
      }
      m.put("curved_deg", p.addedTurnDeg());
      int a = p.offset(), b = p.offset() + p.frames() - 1;
      m.put("first_frame", a);
      m.put("frames", p.frames());
      m.put("duration_s", p.frames() / Composer.FPS);
      m.put("path_m", done.path(a, b));
      double[] pa = done.at(a, Gait.PELVIS), pb = done.at(b, Gait.PELVIS);
      m.put("displacement_m", Math.hypot(pb[0] - pa[0], pb[1] - pa[1]));
      m.put("heading_change_deg", Math.toDegrees(done.headingChange(a, b)));
      m.put("foot_sliding_m_s", MotionStats.of(part(clip, a, b + 1)).footSliding());
      m.put("clip_foot_sliding_m_s", MotionStats.of(ch.source().clip()).footSliding());
      if (a > 0) m.put("seam", seam(done, a, p.poseGapM()));
      out.add(m);
    }
    return out;
  }

  /** Frames [from, to) of a clip as a clip of their own (for measuring one command's part). */
  static Clip part(Clip c, int from, int to) {
    int k = c.keypoints().size();
    return new Clip(
        c.name(),
        c.skill(),
        c.fps(),
        c.sourceFps(),
        c.keypoints(),
        java.util.Arrays.copyOfRange(c.positions(), from * k * 3, to * k * 3),
        java.util.Arrays.copyOfRange(c.velocities(), from * k * 3, to * k * 3),
        java.util.Arrays.copyOfRange(c.rootQuat(), 4 * from, 4 * to),
        java.util.Arrays.copyOfRange(c.rootAngVel(), 3 * from, 3 * to),
        c.provenance(),
        null,
        0,
        null);
  }

  /**
   * Continuity at the seam before frame {@code f}: the pelvis step and heading step there next to
   * the steps around it.
   */
  static Map<String, Object> seam(Track t, int f, double gap) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "pelvis_step_m",
        Math.hypot(
            t.at(f, Gait.PELVIS)[0] - t.at(f - 1, Gait.PELVIS)[0],
            t.at(f, Gait.PELVIS)[1] - t.at(f - 1, Gait.PELVIS)[1]));
    double around = 0;
    int count = 0;
    for (int g : new int[] {f - 2, f - 1, f + 1, f + 2}) {
      if (g < 1 || g >= t.frames()) continue;
      around +=
          Math.hypot(
              t.at(g, Gait.PELVIS)[0] - t.at(g - 1, Gait.PELVIS)[0],
              t.at(g, Gait.PELVIS)[1] - t.at(g - 1, Gait.PELVIS)[1]);
      count++;
    }
    m.put("pelvis_step_around_m", count == 0 ? 0 : around / count);
    m.put("heading_step_deg", Math.toDegrees(Rot.wrap(t.heading(f) - t.heading(f - 1))));
    m.put("pose_gap_before_fade_m", gap);
    return m;
  }
}
