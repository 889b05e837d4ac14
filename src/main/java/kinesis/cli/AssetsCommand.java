package kinesis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.Catalogue;
import kinesis.body.Variant;
import kinesis.eval.emg.HumanData;
import kinesis.io.Assets;
import kinesis.io.Json;
import kinesis.motion.AmassImporter;
import kinesis.motion.DeepMimicImporter;
import kinesis.motion.KitLocomotion;
import kinesis.motion.PublicClips;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis assets}: where every model and data set the tool reads was found, or where it was
 * looked for, and what needs it. Exit 0 when everything is there, 3 when something is missing.
 */
@Command(name = "assets", mixinStandardHelpOptions = true,
    description = "Where every model and data set was found (or looked for), and what needs it; exit 3 if any is missing.")
final class AssetsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /** One asset: a path under the root, what needs it, and how many of its files were found. */
  record Item(String path, String neededBy, int found, int expected) {
    boolean present() {
      return found == expected;
    }
  }

  static List<Item> items() {
    List<Item> items = new ArrayList<>();
    for (Variant v : Catalogue.ALL) items.add(one(v.file(), "model " + v.name() + " (" + v.muscles() + " muscles)"));
    List<PublicClips.Source> sources = PublicClips.spec().sources();
    int found = 0;
    for (PublicClips.Source s : sources) if (Files.exists(Assets.root().resolve(s.file()))) found++;
    items.add(new Item("data/motions/…", "the public-locomotion clip set (" + sources.size() + " source files: walk, turn, backwards, run)",
        found, sources.size()));
    items.add(one(DeepMimicImporter.CHARACTER, "DeepMimic motion import (the character's skeleton)"));
    items.add(one(AmassImporter.OFFSETS, "AMASS / SMPL motion import (body offsets)"));
    items.add(one(KitLocomotion.TRAIN_KEYS, "the paper's KIT-ML training split (motion import-kit)"));
    items.add(one(KitLocomotion.TEST_KEYS, "the paper's KIT-ML test split (motion import-kit)"));
    items.add(one(kinesis.motion.text.Descriptions.KIT_TEXTS, "text-to-control retrieval (t2m: KIT-ML descriptions)"));
    items.add(one("data/emg/" + HumanData.FALISSE, "EMG benchmark (Falisse 2019)"));
    items.add(one("data/emg/" + HumanData.SANTUZ, "EMG benchmark (Santuz 2020)"));
    return items;
  }

  private static Item one(String path, String neededBy) {
    return new Item(path, neededBy, Files.exists(Assets.root().resolve(path)) ? 1 : 0, 1);
  }

  @Override
  public Integer call() {
    Path root = Assets.root().toAbsolutePath().normalize();
    List<Item> items = items();
    boolean all = items.stream().allMatch(Item::present);
    if (json) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("root", root.toString());
      r.put("root_from", Assets.rootSource());
      r.put("all_found", all);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Item i : items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", i.path());
        m.put("found", i.found());
        m.put("expected", i.expected());
        m.put("needed_by", i.neededBy());
        rows.add(m);
      }
      r.put("assets", rows);
      System.out.println(Json.write(r));
    } else {
      System.out.println("asset root: " + root + " (from " + Assets.rootSource() + (Files.isDirectory(root) ? "" : "; it does not exist") + ")");
      for (Item i : items) {
        String state = i.present() ? "found  " : i.found() == 0 ? "MISSING" : "PARTIAL";
        String count = i.expected() > 1 ? " (" + i.found() + "/" + i.expected() + ")" : "";
        System.out.printf("  %s  %-58s %s%n", state, i.path() + count, i.neededBy());
      }
      if (!all) System.out.println("give --assets DIR or set KINESIS_ASSETS to the folder holding models/ and data/ (see README)");
    }
    return all ? 0 : Main.BAD_INPUT;
  }
}
