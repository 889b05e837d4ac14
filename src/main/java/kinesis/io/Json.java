package kinesis.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** JSON reading and writing with one shared, pretty-printing mapper. */
public final class Json {
  private Json() {}

  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /** Pretty JSON text of any map, list, record or value. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes JSON to a file atomically (temporary name, then rename). */
  public static void write(Path file, Object value) {
    AtomicFiles.writeString(file, write(value) + "\n");
  }

  /** Reads a JSON file into the given type; a bad file gives a {@link BadInputException}. */
  public static <T> T read(Path file, Class<T> type) {
    try {
      return MAPPER.readValue(file.toFile(), type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadInputException(
          file, "not valid JSON for " + type.getSimpleName() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
  }
}
