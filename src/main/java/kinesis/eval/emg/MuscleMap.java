package kinesis.eval.emg;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.io.Json;

/**
 * The documented correspondence between human EMG channels and MyoLeg muscles, read from the
 * resource {@code kinesis/eval/emg/muscle-map.json}: per data set, channel → muscle base names
 * (side suffix added by {@link #muscles}).
 */
public final class MuscleMap {
  static final String RESOURCE = "/kinesis/eval/emg/muscle-map.json";

  private final Map<String, Map<String, List<String>>> datasets;
  private final List<String> variants;

  private MuscleMap(Map<String, Map<String, List<String>>> datasets, List<String> variants) {
    this.datasets = datasets;
    this.variants = variants;
  }

  /** The shipped map. */
  @SuppressWarnings("unchecked")
  public static MuscleMap load() {
    try (InputStream in = MuscleMap.class.getResourceAsStream(RESOURCE)) {
      if (in == null)
        throw new IllegalStateException("resource " + RESOURCE + " missing from the build");
      Map<String, Object> json = Json.MAPPER.readValue(in, Map.class);
      Map<String, Map<String, List<String>>> ds = new LinkedHashMap<>();
      ((Map<String, Map<String, List<String>>>) json.get("datasets"))
          .forEach((k, v) -> ds.put(k, new LinkedHashMap<>(v)));
      return new MuscleMap(ds, List.copyOf((List<String>) json.get("variants")));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  /** Model variants the map was checked against. */
  public List<String> variants() {
    return variants;
  }

  /** The channels of a data set that have a mapping, in map order. */
  public List<String> channels(String dataset) {
    return List.copyOf(table(dataset).keySet());
  }

  /** The simulated muscles of a channel for a side ({@code right} or {@code left}). */
  public List<String> muscles(String dataset, String channel, String side) {
    List<String> base = table(dataset).get(channel);
    if (base == null)
      throw new IllegalArgumentException("channel " + channel + " not mapped for " + dataset);
    String suffix = suffix(side);
    List<String> out = new ArrayList<>();
    for (String b : base) out.add(b + suffix);
    return out;
  }

  /**
   * Column indices in {@code muscleNames} of each channel's muscles; any muscle the model lacks is
   * bad input (the rollout belongs to a model without these leg muscles).
   */
  public int[][] indices(
      String dataset, List<String> channels, String side, List<String> muscleNames, String source) {
    int[][] out = new int[channels.size()][];
    for (int c = 0; c < channels.size(); c++) {
      List<String> names = muscles(dataset, channels.get(c), side);
      out[c] = new int[names.size()];
      for (int k = 0; k < names.size(); k++) {
        out[c][k] = muscleNames.indexOf(names.get(k));
        if (out[c][k] < 0) {
          throw new BadInputException(
              source
                  + ": no muscle '"
                  + names.get(k)
                  + "' (needed for EMG channel "
                  + channels.get(c)
                  + " of "
                  + dataset
                  + ")");
        }
      }
    }
    return out;
  }

  static String suffix(String side) {
    return switch (side) {
      case "right" -> "_r";
      case "left" -> "_l";
      default -> throw new BadInputException("side must be 'right' or 'left', got '" + side + "'");
    };
  }

  private Map<String, List<String>> table(String dataset) {
    Map<String, List<String>> t = datasets.get(dataset);
    if (t == null) throw new IllegalArgumentException("no muscle map for data set " + dataset);
    return t;
  }
}
