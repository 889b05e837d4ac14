package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import kinesis.io.Json;
import org.junit.jupiter.api.Test;

class EnvCommandTest {

  static String capture(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      assertEquals(0, code, String.join(" ", args));
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void infoJsonHasLayoutAndSizes() throws Exception {
    JsonNode r = Json.MAPPER.readTree(capture("env", "info", "--model", "legs-abs", "--json"));
    assertEquals(363, r.get("obs_dim").asInt());
    assertEquals(86, r.get("action_dim").asInt());
    JsonNode blocks = r.get("obs_blocks");
    assertEquals(10, blocks.size());
    JsonNode last = blocks.get(9);
    assertEquals(363, last.get("offset").asInt() + last.get("size").asInt());
    assertEquals(4, r.get("reward_terms").size());
  }

  @Test
  void infoForPeople() {
    String out = capture("env", "info", "--model", "legs");
    assertTrue(out.contains("309 numbers"), out);
    assertTrue(out.contains("diff_local_body_pos"), out);
  }

  @Test
  void unknownModelIsBadInput() {
    assertEquals(Main.BAD_INPUT, Main.run("env", "info", "--model", "arms"));
  }
}
