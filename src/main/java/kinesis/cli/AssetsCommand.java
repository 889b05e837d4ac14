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
import kinesis.io.AssetFetch;
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
@Command(
    name = "assets",
    mixinStandardHelpOptions = true,
    description =
        "Where every model and data set was found (or looked for), and what needs it; exit 3 if any is missing.",
    subcommands = AssetsCommand.Fetch.class)
final class AssetsCommand implements Callable<Integer> {
  @Command(
      name = "fetch",
      mixinStandardHelpOptions = true,
      description =
          "Clone the model repositories (MyoSuite's myo_sim, KINESIS's legs model) at pinned commits into the cache "
              + "searched after the asset root; needs git and network (or --source TARGET=LOCAL_CLONE).")
  static final class Fetch implements Callable<Integer> {
    @Option(
        names = "--into",
        description =
            "Folder to fill (default: $KINESIS_ASSETS_CACHE, else ~/.cache/kinesis/assets).")
    Path into;

    @Option(
        names = "--source",
        paramLabel = "TARGET=URL",
        description =
            "Another repository (a mirror or a local clone) for a target, "
                + "e.g. models/myo_sim=/path/to/myo_sim.")
    Map<String, String> repositories = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      Path dir = into != null ? into : Assets.cache();
      List<AssetFetch.Outcome> done =
          AssetFetch.fetch(dir, repositories, json ? System.err : System.out);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (AssetFetch.Outcome o : done) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", o.source().target());
        m.put("dir", o.dir().toString());
        m.put("commit", o.source().commit());
        m.put("fetched", o.fetched());
        m.put("licence", o.source().licence());
        rows.add(m);
      }
      if (json) System.out.println(Json.write(Map.of("into", dir.toString(), "sources", rows)));
      else
        System.out.println(
            "done: "
                + dir
                + " (searched after the asset root; ./kinesis assets shows what is found where)");
      return 0;
    }
  }

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /**
   * One asset: a path under the root, what needs it, how many of its files were found, and where
   * (null: nowhere).
   */
  record Item(String path, String neededBy, int found, int expected, String where) {
    boolean present() {
      return found == expected;
    }
  }

  static List<Item> items() {
    List<Item> items = new ArrayList<>();
    for (Variant v : Catalogue.ALL)
      items.add(one(v.file(), "model " + v.name() + " (" + v.muscles() + " muscles)"));
    List<PublicClips.Source> sources = PublicClips.spec().sources();
    int found = 0;
    for (PublicClips.Source s : sources) if (Assets.find(s.file()) != null) found++;
    Assets.Place first = sources.isEmpty() ? null : Assets.whereIs(sources.get(0).file());
    items.add(
        new Item(
            "data/motions/…",
            "the public-locomotion clip set ("
                + sources.size()
                + " source files: walk, turn, backwards, run)",
            found,
            sources.size(),
            first == null ? null : first.name()));
    items.add(
        one(DeepMimicImporter.CHARACTER, "DeepMimic motion import (the character's skeleton)"));
    items.add(one(AmassImporter.OFFSETS, "AMASS / SMPL motion import (body offsets)"));
    items.add(
        one(KitLocomotion.TRAIN_KEYS, "the paper's KIT-ML training split (motion import-kit)"));
    items.add(one(KitLocomotion.TEST_KEYS, "the paper's KIT-ML test split (motion import-kit)"));
    items.add(
        one(
            kinesis.motion.text.Descriptions.KIT_TEXTS,
            "text-to-control retrieval (t2m: KIT-ML descriptions)"));
    items.add(one("data/emg/" + HumanData.FALISSE, "EMG benchmark (Falisse 2019)"));
    items.add(one("data/emg/" + HumanData.SANTUZ, "EMG benchmark (Santuz 2020)"));
    return items;
  }

  private static Item one(String path, String neededBy) {
    Assets.Place p = Assets.whereIs(path);
    return new Item(path, neededBy, p != null ? 1 : 0, 1, p == null ? null : p.name());
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
        m.put("found_in", i.where());
        rows.add(m);
      }
      r.put("assets", rows);
      System.out.println(Json.write(r));
    } else {
      System.out.println(
          "asset root: "
              + root
              + " (from "
              + Assets.rootSource()
              + (Files.isDirectory(root) ? "" : "; it does not exist")
              + ")");
      for (Item i : items) {
        String state = i.present() ? "found  " : i.found() == 0 ? "MISSING" : "PARTIAL";
        String count = i.expected() > 1 ? " (" + i.found() + "/" + i.expected() + ")" : "";
        String where =
            i.where() != null && !i.where().equals(Assets.rootSource())
                ? "  [" + i.where() + "]"
                : "";
        System.out.printf("  %s  %-58s %s%s%n", state, i.path() + count, i.neededBy(), where);
      }
      if (!all) {
        System.out.println(
            "give --assets DIR or set KINESIS_ASSETS to the folder holding models/ and data/, or run ./kinesis assets fetch "
                + "for the models (see README)");
      }
    }
    return all ? 0 : Main.BAD_INPUT;
  }
}
