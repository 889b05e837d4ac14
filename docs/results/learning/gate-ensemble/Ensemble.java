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
 * Scratch diagnostic: gates over the same experts, their probabilities averaged at every step.
 * Args: split(train|val|test) argmax(true|false) runs mixtureDir[,mixtureDir…]
 */
public class Ensemble {
  static Controller controller(List<MixtureSpec> specs, boolean argmax) {
    List<Gate> gates = specs.stream().map(s -> s.gate(new VecGemm(1))).toList();
    List<Policy> experts = specs.get(0).experts().stream().map(e -> e.policy(new VecGemm(1))).toList();
    int na = specs.get(0).actionDim(), k = experts.size();
    float[] w = new float[k];
    return new Controller() {
      final Rng rng = new Rng(0);
      int last;
      public int obsDim() { return specs.get(0).obsDim(); }
      public int actionDim() { return na; }
      public void act(float[] obs, float[] action) {
        Arrays.fill(w, 0f);
        for (Gate g : gates) {
          float[] p = g.probabilities(obs, 0, 1);
          for (int j = 0; j < k; j++) w[j] += p[j] / gates.size();
        }
        last = Gate.choose(w, 0, k, rng, argmax);
        System.arraycopy(experts.get(last).mean(obs, 0, 1), 0, action, 0, na);
      }
      public void reseed(long seed) { rng.setState(new Rng(seed).state()); }
      public int lastExpert() { return last; }
      public boolean stochastic() { return !argmax; }
    };
  }

  public static void main(String[] a) throws Exception {
    String split = a[0];
    boolean argmax = Boolean.parseBoolean(a[1]);
    int runs = Integer.parseInt(a[2]);
    List<MixtureSpec> specs = new ArrayList<>();
    for (String d : a[3].split(",", -1)) specs.add(MixtureSpec.read(Path.of(d)));
    try (BodyModel body = BodyModel.load("legs")) {
      ClipSet set = ClipSet.open("public-locomotion", "legs");
      List<Clip> train = set.select("train", null);
      List<Clip> clips = switch (split) {
        case "train" -> train;
        case "val" -> ClipVariants.of(train, List.of("mirror", "stops", "speed=1.3"), body);
        default -> set.select(split, null);
      };
      ImitationConfig cfg = Protocol.PAPER.config(ControlMode.DIRECT);
      double[] cov = new double[runs];
      for (int r = 0; r < runs; r++) {
        List<ClipOutcome> out = Evaluator.run(body, clips, cfg, () -> controller(specs, argmax), r, 2);
        for (ClipOutcome o : out) {
          cov[r] += o.coverage() / out.size();
          if (split.equals("test")) System.out.printf("  run %d %-40s %.2f%n", r, o.clip(), o.coverage());
        }
        if (argmax) { runs = 1; break; }
      }
      double m = 0, s = 0;
      for (int r = 0; r < runs; r++) m += cov[r] / runs;
      for (int r = 0; r < runs; r++) s += (cov[r] - m) * (cov[r] - m);
      double sem = runs > 1 ? Math.sqrt(s / (runs - 1) / runs) : 0;
      System.out.printf("%s %s gates=%d coverage %.1f ± %.1f %% %s%n", split, argmax ? "argmax" : "sampled",
          specs.size(), 100 * m, 100 * sem, Arrays.toString(cov));
    }
  }
}
