package kinesis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import kinesis.io.Assets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another Java program depending on the library: docs/examples/LibraryExample.java (shown in the
 * README) is compiled against the module `kinesis` (the build's classes and dependencies on the
 * module path), outside every project package, and run in its own JVM with the documented flags; it
 * loads a model, a clip and the shipped walking policy and steps the episode. A program that
 * reaches into an internal package does not compile.
 */
class LibraryUseTest {
  private static final Path REPO = Assets.repository();

  private static String modulePath() throws Exception {
    return REPO.resolve("target/classes")
        + java.io.File.pathSeparator
        + Files.readString(REPO.resolve("target/classpath.txt")).trim();
  }

  private static int compile(Path out, Path source, ByteArrayOutputStream errors) throws Exception {
    return ToolProvider.getSystemJavaCompiler()
        .run(
            null,
            null,
            errors,
            "-d",
            out.toString(),
            "-cp",
            out.toString(),
            "--module-path",
            modulePath(),
            "--add-modules",
            "kinesis",
            source.toString());
  }

  @Test
  void anOutsideProgramCompilesAndRunsAgainstThePublicApi(@TempDir Path tmp) throws Exception {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    assertEquals(
        0,
        compile(tmp, REPO.resolve("docs/examples/LibraryExample.java"), errors),
        errors.toString(UTF_8));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=kinesis",
                "--module-path",
                modulePath(),
                "--add-modules",
                "kinesis",
                "-Dkinesis.mujoco.dir=" + System.getProperty("kinesis.mujoco.dir"),
                "-cp",
                tmp.toString(),
                "LibraryExample",
                REPO.resolve("policies/legs-walk").toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().put("KINESIS_ASSETS", Assets.root().toAbsolutePath().toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("legs: 80 muscles, 30 steps"), out);
  }

  @Test
  void internalPackagesAreNotExported(@TempDir Path tmp) throws Exception {
    Path source = tmp.resolve("Internal.java");
    Files.writeString(source, "public class Internal { kinesis.sim.SimModel model; }\n");
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    assertNotEquals(0, compile(tmp, source, errors));
    assertTrue(
        errors.toString(UTF_8).contains("package kinesis.sim is not visible"),
        errors.toString(UTF_8));
  }
}
