package kinesis.eval;

import java.nio.file.Path;
import java.util.*;
import kinesis.body.BodyModel;
import kinesis.motion.*;
import kinesis.nn.*;
import kinesis.rl.moe.*;
import kinesis.task.*;

/** Scratch: blended actions of a mixture. Args: split mode(gate|top2|uniform|pow:P) expertsCsv(or all) dir */
public class Blend {
  static Controller controller(MixtureSpec spec, String mode, int[] use) {
    Gate gate = spec.gate(new VecGemm(1));
    List<Policy> ps = spec.experts().stream().map(e -> e.policy(new VecGemm(1))).toList();
    int na = spec.actionDim();
    return new Controller() {
      public int obsDim() { return spec.obsDim(); }
      public int actionDim() { return na; }
      public void act(float[] obs, float[] action) {
        float[] w = gate.probabilities(obs, 0, 1).clone();
        double[] c = new double[w.length];
        if (mode.equals("uniform")) { for (int k : use) c[k] = 1; }
        else if (mode.equals("top2")) {
          int a = -1, b = -1;
          for (int k : use) { if (a < 0 || w[k] > w[a]) { b = a; a = k; } else if (b < 0 || w[k] > w[b]) b = k; }
          c[a] = w[a]; if (b >= 0) c[b] = w[b];
        } else if (mode.startsWith("pow:")) {
          double p = Double.parseDouble(mode.substring(4));
          for (int k : use) c[k] = Math.pow(w[k], p);
        } else { for (int k : use) c[k] = w[k]; }
        double s = 0; for (double x : c) s += x;
        Arrays.fill(action, 0f);
        for (int k = 0; k < c.length; k++) {
          if (c[k] == 0) continue;
          float[] m = ps.get(k).mean(obs, 0, 1);
          for (int i = 0; i < na; i++) action[i] += (float) (c[k] / s * m[i]);
        }
      }
    };
  }

  public static void main(String[] a) throws Exception {
    String split = a[0], mode = a[1];
    MixtureSpec spec = MixtureSpec.read(Path.of(a[3]));
    int[] use = a[2].equals("all") ? java.util.stream.IntStream.range(0, spec.experts().size()).toArray()
        : Arrays.stream(a[2].split(",")).mapToInt(Integer::parseInt).toArray();
    try (BodyModel body = BodyModel.load("legs")) {
      List<Clip> train = ClipSet.open("public-locomotion", "legs").select("train", null);
      List<Clip> clips = switch (split) {
        case "train" -> train;
        case "val" -> ClipVariants.of(train, List.of("mirror", "stops", "speed=1.3"), body);
        default -> ClipSet.open("public-locomotion", "legs").select(split, null);
      };
      ImitationConfig cfg = Protocol.PAPER.config(ControlMode.DIRECT);
      List<ClipOutcome> out = Evaluator.run(body, clips, cfg, () -> controller(spec, mode, use), 0, Integer.getInteger("threads", 1));
      double cov = 0;
      for (ClipOutcome o : out) {
        cov += o.coverage();
        if (split.equals("test")) System.out.printf("  %-40s %.2f %d%n", o.clip(), o.coverage(), o.failureFrame());
      }
      System.out.printf("%s %s %s coverage %.1f %% success %d/%d%n", split, mode, a[2], 100 * cov / out.size(),
          out.stream().filter(ClipOutcome::success).count(), out.size());
    }
  }
}
