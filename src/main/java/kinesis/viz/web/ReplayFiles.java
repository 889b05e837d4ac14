package kinesis.viz.web;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.io.AtomicFiles;
import kinesis.io.BadInputException;
import kinesis.io.Json;

/**
 * The viewer's own file format: one {@link Replay} as JSON with the record's field names ({@code
 * label, model, fps, qpos, keypoints, muscleNames, act, rewardNames, rewards}; the last five may be
 * absent). Other rollout formats are converted to {@link Replay} in memory.
 */
public final class ReplayFiles {
  private ReplayFiles() {}

  /**
   * Reads and validates a replay file; any problem is a {@link BadInputException} naming the file.
   */
  public static Replay read(Path file) {
    if (!Files.isRegularFile(file)) throw new BadInputException(file, "file not found");
    try {
      if (Files.size(file) == 0) throw new BadInputException(file, "file is empty");
      return Json.MAPPER.readValue(file.toFile(), Replay.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new BadInputException(file, cause.getMessage(), e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadInputException(file, "not a replay JSON file: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Writes a replay atomically. */
  public static void write(Path file, Replay replay) {
    try {
      AtomicFiles.writeString(
          file,
          Json.MAPPER
                  .writer()
                  .without(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(replay)
              + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
