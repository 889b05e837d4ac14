package kinesis.eval;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.*;
import kinesis.body.BodyModel;
import kinesis.motion.*;
import kinesis.nn.*;
import kinesis.rl.moe.*;
import kinesis.task.*;
import kinesis.nn.Rng;

/** Scratch diagnostic: does a preview of the reference help predict the oracle's expert? */
public class Foresight {
  record Row(float[] obs, float[] preview, int label, int gate, boolean[] ok) {}

  static Object get(Object o, String f) throws Exception {
    Field x = o.getClass().getDeclaredField(f);
    x.setAccessible(true);
    return x.get(o);
  }

  static int[] AHEAD = {10, 20, 30};

  static float[] preview(ImitationEpisode ep) throws Exception {
    Object env = get(ep, "env");
    BodyState s = (BodyState) get(env, "state");
    TrackedClips clips = (TrackedClips) get(env, "clips");
    int clip = (int) get(env, "clip"), start = (int) get(env, "startFrame"), steps = (int) get(env, "steps");
    double dt = (double) get(env, "dt");
    int[] tracked = (int[]) get(env, "tracked");
    int rootBody = (int) get(env, "rootBody");
    int jr = 0;
    for (int j = 0; j < tracked.length; j++) if (tracked[j] == rootBody) jr = j;
    Clip c = clips.clip(clip);
    double[] pos = new double[3 * tracked.length], vel = new double[3 * tracked.length];
    float[] out = new float[4 * AHEAD.length];
    double ch = s.headingCos, sh = s.headingSin;
    for (int i = 0; i < AHEAD.length; i++) {
      double t = Math.min(start / c.fps() + (steps + AHEAD[i]) * dt, (c.frames() - 1) / c.fps());
      c.sample(t, clips.keypoints(clip), pos, vel);
      double dx = pos[3 * jr] - s.xpos[3 * s.root], dy = pos[3 * jr + 1] - s.xpos[3 * s.root + 1];
      double vx = vel[3 * jr], vy = vel[3 * jr + 1];
      out[4 * i] = (float) (ch * dx + sh * dy);
      out[4 * i + 1] = (float) (-sh * dx + ch * dy);
      out[4 * i + 2] = (float) (ch * vx + sh * vy);
      out[4 * i + 3] = (float) (-sh * vx + ch * vy);
    }
    return out;
  }

  static List<Row> play(MixtureSpec spec, BodyModel body, Clip clip, long seed) throws Exception {
    ImitationConfig cfg = Protocol.PAPER.config(ControlMode.DIRECT);
    Controller mixture = spec.controller(new VecGemm(1), true);
    List<Controller> experts = spec.experts().stream().map(e -> e.controller(new VecGemm(1), true)).toList();
    Rng rng = new Rng(seed);
    List<Row> rows = new ArrayList<>();
    try (ImitationEpisode ep = new ImitationEpisode(body, clip, cfg)) {
      float[] obs = new float[ep.obsDim()], act = new float[mixture.actionDim()];
      ep.start(obs);
      ImitationEpisode.Outcome o = ImitationEpisode.Outcome.CONTINUE;
      int explore = -1;
      for (int t = 0; o == ImitationEpisode.Outcome.CONTINUE; t++) {
        mixture.act(obs, act);
        if (t % 5 == 0) {
          int gate = mixture.lastExpert();
          boolean[] ok = acceptable(ep, obs, experts, 30);
          int label = ok[gate] ? gate : LookaheadOracle.choose(ep, obs, experts, null, gate, 30);
          rows.add(new Row(obs.clone(), preview(ep), label, gate, ok));
          explore = rng.nextDouble() < 0.5 ? (int) (rng.nextDouble() * experts.size()) : -1;
        }
        if (explore >= 0) experts.get(explore).act(obs, act);
        o = ep.step(act, obs);
      }
    }
    return rows;
  }

  /** Experts that last as long as the longest-lasting one over the horizon. */
  static boolean[] acceptable(ImitationEpisode ep, float[] obs, List<Controller> experts, int horizon) {
    byte[] state = ep.save();
    float[] o = new float[obs.length], act = new float[experts.get(0).actionDim()];
    int k = experts.size(), most = -1;
    int[] lasted = new int[k];
    for (int e = 0; e < k; e++) {
      System.arraycopy(obs, 0, o, 0, o.length);
      int steps = 0;
      ImitationEpisode.Outcome out = ImitationEpisode.Outcome.CONTINUE;
      while (steps < horizon && out == ImitationEpisode.Outcome.CONTINUE) {
        experts.get(e).act(o, act);
        out = ep.step(act, o);
        if (out == ImitationEpisode.Outcome.TERMINATED || out == ImitationEpisode.Outcome.UNSTABLE) break;
        steps++;
      }
      lasted[e] = out == ImitationEpisode.Outcome.TRUNCATED ? horizon : steps;
      most = Math.max(most, lasted[e]);
      ep.load(state);
    }
    boolean[] ok = new boolean[k];
    for (int e = 0; e < k; e++) ok[e] = lasted[e] == most;
    return ok;
  }

  static List<Row> collect(MixtureSpec spec, List<Clip> clips, long seed) {
    return IntStream.range(0, clips.size()).parallel().mapToObj(i -> {
      try (BodyModel body = BodyModel.load("legs")) {
        return play(spec, body, clips.get(i), seed + i);
      } catch (Exception e) { throw new RuntimeException(e); }
    }).flatMap(List::stream).toList();
  }

  static float[] x(List<Row> rows, boolean withPreview) {
    int d = rows.get(0).obs().length + (withPreview ? rows.get(0).preview().length : 0);
    float[] x = new float[rows.size() * d];
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      System.arraycopy(r.obs(), 0, x, i * d, r.obs().length);
      if (withPreview) System.arraycopy(r.preview(), 0, x, i * d + r.obs().length, r.preview().length);
    }
    return x;
  }

  static double agreement(Gate g, List<Row> rows, boolean withPreview) {
    float[] x = x(rows, withPreview);
    int d = g.norm.dim, ok = 0;
    for (int i = 0; i < rows.size(); i++) {
      float[] p = g.probabilities(x, i, 1);
      int best = 0;
      for (int k = 1; k < g.experts; k++) if (p[k] > p[best]) best = k;
      if (rows.get(i).ok()[best]) ok++;
    }
    return ok / (double) rows.size();
  }

  public static void main(String[] a) throws Exception {
    MixtureSpec spec = (MixtureSpec) Policies.load(Path.of(a[0]));
    List<Clip> train;
    List<Clip> val;
    try (BodyModel body = BodyModel.load("legs")) {
      train = ClipSet.open("public-locomotion", "legs").select("train", null);
      val = ClipVariants.of(train, List.of("mirror", "stops", "speed=1.3"), body);
    }
    List<Clip> test = ClipSet.open("public-locomotion", "legs").select("test", null);
    List<Row> tr = new ArrayList<>();
    for (int r = 0; r < Integer.parseInt(a[1]); r++) tr.addAll(collect(spec, train, 1000L * r));
    List<Row> va = collect(spec, val, 7), te = collect(spec, test, 9);
    System.out.printf("states: train %d, validation %d, test %d%n", tr.size(), va.size(), te.size());
    for (List<Row> l : List.of(tr, va, te))
      System.out.printf("shipped gate picks an expert that lasts as long as any on %.1f %% (all experts acceptable on %.1f %%)%n",
          100 * l.stream().filter(r -> r.ok()[r.gate()]).count() / (double) l.size(),
          100 * l.stream().filter(r -> { for (boolean b : r.ok()) if (!b) return false; return true; }).count() / (double) l.size());
    float[] y = new float[tr.size()];
    for (int i = 0; i < y.length; i++) y[i] = tr.get(i).label();
    for (boolean pv : new boolean[] {false, true}) {
      for (int seed = 0; seed < 3; seed++) {
        int d = tr.get(0).obs().length + (pv ? 12 : 0);
        Gate g = new Gate(d, new int[] {256, 128}, spec.experts().size(), new Rng(seed), new VecGemm(1));
        float[] xt = x(tr, pv);
        g.norm.update(xt, 0, tr.size());
        GateCloning.fit(g, xt, y, Integer.parseInt(a[2]), new Rng(seed));
        System.out.printf("preview=%s seed %d: acceptable choice train %.1f %%, validation %.1f %%, test %.1f %%%n",
            pv, seed, 100 * agreement(g, tr, pv), 100 * agreement(g, va, pv), 100 * agreement(g, te, pv));
      }
    }
  }
}
