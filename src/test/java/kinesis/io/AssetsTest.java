package kinesis.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.motion.PublicClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetsTest {
  static final Path SHARED = Assets.root().toAbsolutePath();
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @TempDir Path tmp;

  /** Results name files inside the repository relative to it, and others absolutely. */
  @Test
  void recordedPathsAreRepositoryRelative() {
    Path repo = Assets.repository();
    assertEquals(
        Path.of("docs", "results", "x").toString(),
        Assets.recorded(repo.resolve("docs/results/./x")));
    assertEquals(tmp.toAbsolutePath().normalize().toString(), Assets.recorded(tmp));
    assertEquals(repo.toString(), Assets.recorded(repo));
  }

  /** Without the root's copy, MyoSuite's models come from a pip installation's simhive/myo_sim. */
  @Test
  void pipInstalledMyoSuiteServesItsModels() throws Exception {
    Path pkg = tmp.resolve("site-packages/myosuite");
    Files.createDirectories(pkg.resolve("simhive"));
    Files.createSymbolicLink(pkg.resolve("simhive/myo_sim"), SHARED.resolve("models/myo_sim"));
    Assets a =
        Assets.fromEnvironment()
            .withRoot(tmp.resolve("empty"))
            .withCache(tmp.resolve("cache"))
            .withMyoSuite(pkg);
    assertEquals(
        "pip-installed MyoSuite", a.placeOf("models/myo_sim/leg/myolegs_abdomen.xml").name());
    assertEquals(
        pkg.resolve("simhive/myo_sim/body/myobody.xml"),
        a.fileOrNull("models/myo_sim/body/myobody.xml"));
    // bound for a call, the static look-ups use the value; outside it, the environment's places
    // again
    assertEquals(
        pkg.resolve("simhive/myo_sim/body/myobody.xml"),
        a.call(() -> Assets.find("models/myo_sim/body/myobody.xml")));
    assertEquals(SHARED, Assets.root().toAbsolutePath());
    // the KINESIS legs model is not part of MyoSuite: the message lists every place tried and the
    // fetch command
    BadInputException e =
        assertThrows(BadInputException.class, () -> a.file("models/kinesis_legs/myolegs.xml"));
    assertTrue(
        e.getMessage().contains(tmp.resolve("cache/models/kinesis_legs/myolegs.xml").toString()),
        e.getMessage());
    assertTrue(e.getMessage().contains("assets fetch"), e.getMessage());
  }

  /**
   * fetch clones a repository at its pinned commit into the cache, stamps it, and leaves it alone
   * the next time.
   */
  @Test
  void fetchClonesAPinnedCommitOnceAndRefusesWhatItCannotGet() throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("data/xml"));
    Files.writeString(repo.resolve("data/xml/model.xml"), "<mujoco/>");
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one");
    String commit =
        new String(
                new ProcessBuilder("git", "rev-parse", "HEAD")
                    .directory(repo.toFile())
                    .start()
                    .getInputStream()
                    .readAllBytes(),
                UTF_8)
            .trim();
    Files.writeString(
        repo.resolve("data/xml/model.xml"),
        "<mujoco>changed</mujoco>"); // a later state that must not be taken
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "two");
    var source =
        new AssetFetch.Source(
            "models/test", "unused-url", commit, "data/xml", "MIT", "a test model");
    Path cache = tmp.resolve("cache");
    var first =
        AssetFetch.fetch(cache, List.of(source), Map.of("models/test", repo.toString()), QUIET);
    assertTrue(first.get(0).fetched());
    assertEquals(
        "<mujoco/>",
        Files.readString(cache.resolve("models/test/model.xml")),
        "the pinned commit, not the newest");
    assertFalse(Files.exists(cache.resolve("models/test/.git")));
    assertFalse(
        AssetFetch.fetch(cache, List.of(source), Map.of("models/test", repo.toString()), QUIET)
            .get(0)
            .fetched());
    // no such repository (as without network): one line saying what to do; nothing half-written
    var gone =
        new AssetFetch.Source(
            "models/gone", tmp.resolve("nowhere").toString(), commit, "", "MIT", "");
    BadInputException e =
        assertThrows(
            BadInputException.class, () -> AssetFetch.fetch(cache, List.of(gone), Map.of(), QUIET));
    assertTrue(
        e.getMessage().contains("--assets DIR") && !e.getMessage().contains("\n"), e.getMessage());
    assertFalse(Files.exists(cache.resolve("models/gone")));
    assertThrows(
        BadInputException.class,
        () -> AssetFetch.fetch(cache, List.of(source), Map.of("models/other", "x"), QUIET));
    // the bundled sources are pinned to full commits
    for (var s : AssetFetch.sources()) assertEquals(40, s.commit().length(), s.target());
  }

  /**
   * Without the motion files, building the public clips says where each data set comes from and
   * under which licence.
   */
  @Test
  void missingMotionFilesSayWhereToGetThem() {
    Assets empty =
        Assets.fromEnvironment().withRoot(tmp.resolve("empty")).withCache(tmp.resolve("cache"));
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () -> empty.run(() -> PublicClips.build("legs", tmp.resolve("clips"), m -> {})));
    String m = e.getMessage();
    assertTrue(
        m.contains("github.com/BandaiNamcoResearchInc")
            && m.contains("CC BY-NC-ND")
            && m.contains("github.com/xbpeng/DeepMimic")
            && m.contains("loco-mujoco"),
        m);
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertEquals(0, p.waitFor(), out);
  }
}
