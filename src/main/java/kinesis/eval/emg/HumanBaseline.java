package kinesis.eval.emg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How alike humans are to each other: the Pearson correlation of every pair of subjects' gait-
 * averaged curves, per channel, averaged over channels per pair (the paper's H-H points, Fig. 5). A
 * data set with a single subject falls back to pairs of that subject's trials (channels missing in
 * either trial are left out of that pair).
 */
public record HumanBaseline(
    String kind,
    List<String> channels,
    double[] pairMeans,
    List<String> pairNames,
    double[][] perChannel) {

  public static HumanBaseline of(HumanData data) {
    boolean subjects = data.subjects().size() >= 2;
    double[][][] curves = subjects ? data.emg() : data.trials();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < curves.length; i++)
      names.add(subjects ? data.subjects().get(i) : "trial" + i);
    int nc = data.channels().size();
    List<Double> pairMeans = new ArrayList<>();
    List<String> pairNames = new ArrayList<>();
    List<List<Double>> perChannel = new ArrayList<>();
    for (int c = 0; c < nc; c++) perChannel.add(new ArrayList<>());
    for (int a = 0; a < curves.length; a++) {
      for (int b = a + 1; b < curves.length; b++) {
        List<Double> rs = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
          double r =
              Stats.pearson(curves[a][c], curves[b][c]); // NaN where a trial lacks the channel
          if (Double.isFinite(r)) {
            rs.add(r);
            perChannel.get(c).add(r);
          }
        }
        if (rs.isEmpty()) continue;
        pairMeans.add(Stats.mean(rs));
        pairNames.add(names.get(a) + "-" + names.get(b));
      }
    }
    double[][] pc = new double[nc][];
    for (int c = 0; c < nc; c++)
      pc[c] = perChannel.get(c).stream().mapToDouble(Double::doubleValue).toArray();
    return new HumanBaseline(
        subjects ? "subject-to-subject" : "trial-to-trial (one subject)",
        data.channels(),
        pairMeans.stream().mapToDouble(Double::doubleValue).toArray(),
        pairNames,
        pc);
  }

  public double mean() {
    return Stats.mean(pairMeans);
  }

  public double sem() {
    return Stats.sem(pairMeans);
  }

  /** JSON form: kind, pairs, mean, sem, sd, min, max, per-channel means, every pair's mean. */
  public Map<String, Object> toJson() {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("kind", kind);
    j.put("pairs", pairMeans.length);
    j.put("mean", mean());
    j.put("sem", sem());
    j.put("sd", Stats.sd(pairMeans));
    j.put("min", Stats.min(pairMeans));
    j.put("max", Stats.max(pairMeans));
    Map<String, Object> per = new LinkedHashMap<>();
    for (int c = 0; c < channels.size(); c++) {
      per.put(
          channels.get(c),
          perChannel[c].length == 0
              ? null
              : Map.of(
                  "mean",
                  Stats.mean(perChannel[c]),
                  "sem",
                  Stats.sem(perChannel[c]),
                  "pairs",
                  perChannel[c].length));
    }
    j.put("per_muscle", per);
    Map<String, Object> pairs = new LinkedHashMap<>();
    for (int i = 0; i < pairMeans.length; i++) pairs.put(pairNames.get(i), pairMeans[i]);
    j.put("pair_means", pairs);
    return j;
  }
}
