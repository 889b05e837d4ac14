package kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * README) is compiled against the build's classes and dependencies, outside every project package,
 * and run in its own JVM with the documented flags; it loads a model, a clip and the shipped walking
 * policy and steps the episode.
 */
class LibraryUseTest {
  @Test
  void anOutsideProgramCompilesAndRunsAgainstThePublicApi(@TempDir Path tmp) throws Exception {
    Path repo = Assets.repository();
    String classpath = repo.resolve("target/classes") + java.io.File.pathSeparator
        + Files.readString(repo.resolve("target/classpath.txt")).trim();
    Path example = repo.resolve("docs/examples/LibraryExample.java");
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", tmp.toString(), "-cp", classpath,
        "--add-modules", "jdk.incubator.vector", example.toString());
    assertEquals(0, compiled, "the example compiles against the public API");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
        "-Dkinesis.mujoco.dir=" + System.getProperty("kinesis.mujoco.dir"), "-cp", tmp + java.io.File.pathSeparator + classpath,
        "LibraryExample", repo.resolve("policies/legs-walk").toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().put("KINESIS_ASSETS", Assets.root().toAbsolutePath().toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("legs: 80 muscles, 30 steps"), out);
  }
}
