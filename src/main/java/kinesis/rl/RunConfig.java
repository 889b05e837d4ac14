package kinesis.rl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kinesis.io.AtomicFiles;
import kinesis.io.BadInputException;

/**
 * What a run needs to be recreated: the environment options (strings, e.g. model and motions), the
 * PPO configuration and, for the gate of a mixture ({@code actor: gate}), the expert checkpoints it
 * started from. Saved as {@code RUN/config.yaml} with a comment per PPO field.
 */
public record RunConfig(Map<String, String> env, PpoConfig ppo, List<String> experts) {
  public RunConfig {
    env =
        java.util.Collections.unmodifiableMap(
            new TreeMap<>(
                env)); // sorted, as config.yaml stores it: a resumed run writes what a fresh one
    // does
    experts = List.copyOf(experts);
    if (ppo.actor().equals("gate") && experts.isEmpty()) {
      throw new BadInputException(
          "actor: gate trains the gate of a mixture and needs its experts; start it with ./kinesis moe");
    }
    if (!ppo.actor().equals("gate") && !experts.isEmpty())
      throw new BadInputException("experts are for actor: gate, not " + ppo.actor());
  }

  /** A run of a single policy (no experts). */
  public RunConfig(Map<String, String> env, PpoConfig ppo) {
    this(env, ppo, List.of());
  }

  public String toYaml() {
    StringBuilder sb =
        new StringBuilder("# KINESIS training run (edit a copy, not a running run's file)\nenv:\n");
    if (env.isEmpty()) sb.setLength(sb.length() - 1);
    if (env.isEmpty()) sb.append(" {}\n");
    for (var e : new TreeMap<>(env).entrySet())
      sb.append("  ").append(e.getKey()).append(": ").append(quote(e.getValue())).append('\n');
    sb.append("ppo:\n").append(ppo.toYaml("  "));
    if (!experts.isEmpty()) {
      sb.append(
          "# the mixture's experts as first read, in order (every checkpoint holds copies; a resumed run reads those)\nexperts:\n");
      for (String e : experts) sb.append("  - ").append(quote(e)).append('\n');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  public void save(Path file) {
    AtomicFiles.writeString(file, toYaml());
  }

  @SuppressWarnings("unchecked")
  public static RunConfig load(Path file) {
    Map<String, Object> root;
    try {
      if (!Files.isRegularFile(file)) throw new BadInputException(file, "no such file");
      Object o = PpoConfig.YAML.readValue(file.toFile(), Object.class);
      if (!(o instanceof Map<?, ?> m))
        throw new BadInputException(file, "expected a mapping with env: and ppo:");
      root = (Map<String, Object>) m;
    } catch (IOException e) {
      throw new BadInputException(
          file, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!(root.get("ppo") instanceof Map<?, ?> ppo))
      throw new BadInputException(file, "missing ppo: section");
    Map<String, String> env = new LinkedHashMap<>();
    if (root.get("env") instanceof Map<?, ?> em)
      em.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
    List<String> experts = new ArrayList<>();
    if (root.get("experts") instanceof List<?> l) l.forEach(e -> experts.add(String.valueOf(e)));
    else if (root.containsKey("experts"))
      throw new BadInputException(file, "experts: must be a list of checkpoint directories");
    return new RunConfig(
        env, PpoConfig.fromMap((Map<String, Object>) ppo, file.toString()), experts);
  }
}
