package kinesis.motion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import kinesis.body.BodyModel;
import kinesis.io.Assets;
import kinesis.io.BadInputException;

/**
 * KIT-Locomotion exactly as the paper splits it: the user's own AMASS KIT folder (SMPL-H {@code
 * *_poses.npz}; never shipped here) filtered by the official key lists ({@code
 * data/text/kitml-humanml3d/kinesis_kit_{train,test}_keys.txt}, 975 / 109 keys). A file's key is
 * {@code "0-KIT_" + parent folder + "_" + file stem} (reference §1.1); files whose key is in
 * neither list are skipped. The key lists' SHA-256 and the found/missing counts are logged and kept
 * in the set's manifest.
 */
public final class KitLocomotion {
  private KitLocomotion() {}

  public static final String NAME = "kit-locomotion";
  public static final String TRAIN_KEYS = "data/text/kitml-humanml3d/kinesis_kit_train_keys.txt";
  public static final String TEST_KEYS = "data/text/kitml-humanml3d/kinesis_kit_test_keys.txt";

  /** Which files go where, and what the key lists hold. */
  public record Plan(
      Map<String, Path> train,
      Map<String, Path> test,
      int trainKeys,
      int testKeys,
      List<String> missingTrain,
      List<String> missingTest,
      int skipped,
      String trainSha,
      String testSha) {}

  public static Plan plan(Path amassKit) {
    return plan(amassKit, Assets.resolve(TRAIN_KEYS), Assets.resolve(TEST_KEYS));
  }

  public static Plan plan(Path amassKit, Path trainKeys, Path testKeys) {
    if (!Files.isDirectory(amassKit))
      throw new BadInputException(amassKit, "not a directory (expected the AMASS KIT folder)");
    List<String> train = keys(trainKeys), test = keys(testKeys);
    Map<String, Path> byKey = new TreeMap<>();
    int skipped = 0;
    try (var s = Files.walk(amassKit)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".npz")).sorted().toList()) {
        String key = AmassImporter.kitKey(p);
        if (train.contains(key) || test.contains(key)) byKey.put(key, p);
        else skipped++;
      }
    } catch (IOException e) {
      throw new BadInputException(amassKit, "cannot list: " + e.getMessage());
    }
    Map<String, Path> tr = new LinkedHashMap<>(), te = new LinkedHashMap<>();
    List<String> missTr = new ArrayList<>(), missTe = new ArrayList<>();
    for (String k : train)
      if (byKey.containsKey(k)) tr.put(k, byKey.get(k));
      else missTr.add(k);
    for (String k : test)
      if (byKey.containsKey(k)) te.put(k, byKey.get(k));
      else missTe.add(k);
    return new Plan(
        tr,
        te,
        train.size(),
        test.size(),
        missTr,
        missTe,
        skipped,
        Retarget.sha256(trainKeys),
        Retarget.sha256(testKeys));
  }

  private static List<String> keys(Path file) {
    try {
      List<String> k =
          Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
      if (k.isEmpty()) throw new BadInputException(file, "key list is empty");
      return k;
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
  }

  /** What a build did. */
  public record Build(ClipSet set, Plan plan, List<String> failed) {}

  /**
   * Imports the planned files for {@code model} into {@code out}; bad files are logged and skipped.
   */
  public static Build build(Plan plan, String model, Path out, Consumer<String> log) {
    log.accept(
        String.format(
            "key lists: train %d keys (sha256 %s), test %d keys (sha256 %s)",
            plan.trainKeys(), plan.trainSha(), plan.testKeys(), plan.testSha()));
    log.accept(
        String.format(
            "found train %d / %d, test %d / %d; %d other .npz skipped",
            plan.train().size(),
            plan.trainKeys(),
            plan.test().size(),
            plan.testKeys(),
            plan.skipped()));
    List<ClipSet.Entry> entries = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    try (BodyModel body = BodyModel.load(model);
        Importers imp = new Importers(body, Importers.DEFAULT_POSE_STRIDE)) {
      for (String split : List.of("train", "test")) {
        for (Map.Entry<String, Path> e :
            (split.equals("train") ? plan.train() : plan.test()).entrySet()) {
          try {
            Importers.Imported i = imp.convert(imp.read(e.getValue(), null), e.getKey(), null);
            entries.add(new ClipSet.Entry(i.clip(), split, i.ik()));
          } catch (BadInputException x) {
            failed.add(x.getMessage());
            log.accept("skipped: " + x.getMessage());
          }
        }
      }
    }
    ClipSet set = new ClipSet(NAME, model, entries);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("train_keys_sha256", plan.trainSha());
    extra.put("test_keys_sha256", plan.testSha());
    extra.put("train_keys", plan.trainKeys());
    extra.put("test_keys", plan.testKeys());
    extra.put("missing_train", plan.missingTrain().size());
    extra.put("missing_test", plan.missingTest().size());
    extra.put("failed", failed);
    set.save(out, extra);
    return new Build(set, plan, failed);
  }
}
