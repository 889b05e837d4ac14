package kinesis.eval;

import java.nio.file.Path;
import java.util.*;
import kinesis.body.BodyModel;
import kinesis.motion.*;
import kinesis.nn.*;
import kinesis.rl.moe.*;
import kinesis.task.*;
import kinesis.nn.Rng;

/**
 * Scratch diagnostic: each expert's own value network chooses the expert. Every EVERY steps the
 * expert whose critic promises the most from the current state acts (a margin keeps the current
 * one unless another promises MARGIN more). Args: split(train|test|val) every margin dir...
 */
public class ValueGate {
  record Expert(Policy policy, Mlp value) {}

  static Expert load(Path dir) {
    ExpertSpec spec = ExpertSpec.read(dir);
    Map<String, Object> w = TensorFile.read(dir.resolve("weights.bin"));
    Mlp v = new Mlp("value", spec.obsDim(), spec.hidden(), 1, new Rng(0), new VecGemm(1));
    for (Param p : v.params())
      System.arraycopy(TensorFile.floats(w, p.name, p.size()), 0, p.value, 0, p.size());
    return new Expert(spec.policy(new VecGemm(1)), v);
  }

  static final int[][] USE = new int[1][];

  static Controller controller(List<Path> dirs, int every, double margin, long[] picks) {
    List<Expert> ex = dirs.stream().map(ValueGate::load).toList();
    return new Controller() {
      int t = 0, cur = -1;
      public int obsDim() { return ex.get(0).policy().obsDim(); }
      public int actionDim() { return ex.get(0).policy().actDim(); }
      public void act(float[] obs, float[] action) {
        if (cur < 0 || t % every == 0) {
          int best = cur < 0 ? 0 : cur;
          float[] v = new float[ex.size()];
          for (int k = 0; k < ex.size(); k++) v[k] = ex.get(k).value().forward(obs, 0, 1)[0];
          for (int k = 0; k < ex.size(); k++) if (v[k] > v[best]) best = k;
          if (cur < 0 || v[best] > v[cur] + margin) cur = best;
        }
        synchronized (picks) { picks[cur]++; }
        t++;
        float[] m = ex.get(cur).policy().mean(obs, 0, 1);
        System.arraycopy(m, 0, action, 0, action.length);
      }
      public void reseed(long seed) { t = 0; cur = -1; }
      public int lastExpert() { return Math.max(cur, 0); }
    };
  }

  public static void main(String[] a) throws Exception {
    String split = a[0];
    int every = Integer.parseInt(a[1]);
    double margin = Double.parseDouble(a[2]);
    List<Path> dirs = Arrays.stream(a).skip(3).map(Path::of).toList();
    List<Clip> clips;
    try (BodyModel body = BodyModel.load("legs")) {
      List<Clip> train = ClipSet.open("public-locomotion", "legs").select("train", null);
      clips = switch (split) {
        case "train" -> train;
        case "val" -> ClipVariants.of(train, List.of("mirror", "stops", "speed=1.3"), body);
        default -> ClipSet.open("public-locomotion", "legs").select(split, null);
      };
      long[] picks = new long[dirs.size()];
      ImitationConfig cfg = Protocol.PAPER.config(ControlMode.DIRECT);
      List<ClipOutcome> out =
          Evaluator.run(body, clips, cfg, () -> controller(dirs, every, margin, picks), 0, Integer.getInteger("threads", 1));
      double cov = 0;
      for (ClipOutcome o : out) {
        cov += o.coverage();
        if (!split.equals("val")) System.out.printf("  %-40s %.2f %d%n", o.clip(), o.coverage(), o.failureFrame());
      }
      System.out.printf("%s every=%d margin=%.2f coverage %.1f %% success %d/%d picks %s%n", split, every, margin,
          100 * cov / out.size(), out.stream().filter(ClipOutcome::success).count(), out.size(), Arrays.toString(picks));
    }
  }
}
