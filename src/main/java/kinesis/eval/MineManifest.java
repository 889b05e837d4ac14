package kinesis.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kinesis.io.AtomicFiles;
import kinesis.io.BadInputException;

/**
 * The record of a mining run ({@code DIR/mine.json}): its settings, one stage per expert and
 * whether it has finished. Immutable; {@link Mining} writes a new one after every step.
 *
 * @param format always {@value #FORMAT}
 * @param version {@value #VERSION}
 * @param env environment options of every stage (its clips are set per stage)
 * @param iterationsPerExpert PPO iterations added by each stage
 * @param maxExperts mining stops after this many experts
 * @param evaluation the failure test
 * @param stages expert 0, 1, … in order
 * @param done whether mining has finished
 * @param stoppedBecause why it finished (null while running)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MineManifest(
    String format,
    int version,
    Map<String, String> env,
    long iterationsPerExpert,
    int maxExperts,
    Evaluation evaluation,
    List<Stage> stages,
    boolean done,
    String stoppedBecause) {
  public static final String FORMAT = "kinesis-mine";
  public static final int VERSION = 1;

  /** The evaluation rule that decides which clips an expert fails. */
  public record Evaluation(double terminationDistance, boolean meanTermination) {}

  /**
   * One expert: the clips it trains on and, once trained and evaluated, its checkpoint (relative to
   * the mining directory), iteration and failed clips (null before).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Stage(
      int expert,
      String run,
      List<String> clips,
      List<String> failed,
      String checkpoint,
      Long iteration) {
    public Stage {
      clips = List.copyOf(clips);
      failed = failed == null ? null : List.copyOf(failed);
    }

    public static Stage of(int expert, List<String> clips) {
      return new Stage(expert, "expert_" + expert, clips, null, null, null);
    }

    public boolean evaluated() {
      return failed != null;
    }
  }

  public MineManifest {
    if (!FORMAT.equals(format))
      throw new IllegalArgumentException("not a mining manifest (format " + format + ")");
    if (version != VERSION)
      throw new IllegalArgumentException(
          "mining manifest version " + version + " is not " + VERSION);
    if (env == null || evaluation == null || stages == null || stages.isEmpty())
      throw new IllegalArgumentException("env, evaluation and stages are required");
    if (iterationsPerExpert < 1 || maxExperts < 1)
      throw new IllegalArgumentException(
          "iterations_per_expert and max_experts must be at least 1");
    for (int k = 0; k < stages.size(); k++) {
      if (stages.get(k).expert() != k)
        throw new IllegalArgumentException("stage " + k + " is numbered " + stages.get(k).expert());
    }
    env =
        java.util.Collections.unmodifiableMap(
            new java.util.TreeMap<>(
                env)); // sorted: Map.copyOf iterates in an order that changes per JVM
    stages = List.copyOf(stages);
  }

  /** This manifest with stage {@code k} replaced (or appended when k is the next one). */
  public MineManifest withStage(int k, Stage st) {
    List<Stage> s = new ArrayList<>(stages);
    if (k == s.size()) s.add(st);
    else s.set(k, st);
    return new MineManifest(
        format, version, env, iterationsPerExpert, maxExperts, evaluation, s, done, stoppedBecause);
  }

  /** This manifest open again with room for {@code experts} experts (mining continues). */
  public MineManifest withMaxExperts(int experts) {
    return new MineManifest(
        format, version, env, iterationsPerExpert, experts, evaluation, stages, false, null);
  }

  public MineManifest finished(String why) {
    return new MineManifest(
        format, version, env, iterationsPerExpert, maxExperts, evaluation, stages, true, why);
  }

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

  /** Reads and checks {@code file}; anything wrong is bad input naming the file. */
  public static MineManifest read(Path file) {
    if (!Files.isRegularFile(file)) throw new BadInputException(file, "no such file");
    try {
      return JSON.readValue(file.toFile(), MineManifest.class);
    } catch (IOException e) {
      Throwable t = e;
      while (t.getCause() != null && !(t instanceof IllegalArgumentException)) t = t.getCause();
      String why =
          t instanceof IllegalArgumentException
              ? t.getMessage()
              : String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new BadInputException(file, "not a valid mining manifest: " + why);
    }
  }

  public void write(Path file) {
    try {
      AtomicFiles.writeString(file, JSON.writeValueAsString(this) + "\n");
    } catch (IOException e) {
      throw new BadInputException(file, "cannot write: " + e.getMessage());
    }
  }

  /** Plain maps and lists (for JSON output of commands). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> toMap() {
    return JSON.convertValue(this, Map.class);
  }
}
