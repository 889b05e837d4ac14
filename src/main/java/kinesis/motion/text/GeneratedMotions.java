package kinesis.motion.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.io.NdArray;
import kinesis.io.Npy;
import kinesis.io.Pickles;

/**
 * Reader of the raw outputs of text-to-motion models (route 1 of text-to-control):
 *
 * <ul>
 *   <li>MDM {@code results.npy}: a pickled dict with {@code motion} (N, 22, 3, T), {@code text} (N
 *       strings) and {@code lengths} (N valid frame counts), read with Pyrolite ({@link
 *       kinesis.io.Pickles});
 *   <li>HumanML3D {@code new_joints} arrays {@code (T, 22, 3)}; the caption comes from {@code
 *       ../texts/STEM.txt} or {@code STEM.txt} beside it (HumanML3D's {@code
 *       caption#tokens#from#to} lines), from a {@code PREFIX_meta.json} whose {@code text} list
 *       names {@code PREFIX_sampleI_*.npy}, or else from the file name;
 *   <li>a folder of such files (valid arrays that are not joint positions, such as HumanML3D's
 *       {@code Mean.npy} or 263-number feature vectors, are skipped).
 * </ul>
 *
 * A missing, truncated or malformed file is bad input naming that file.
 */
public final class GeneratedMotions {
  private GeneratedMotions() {}

  public static final int JOINTS = 22;
  public static final String FROM_RESULTS = "results.npy",
      FROM_CAPTIONS = "caption file",
      FROM_META = "meta json",
      FROM_NAME = "file name";
  private static final Pattern SAMPLE = Pattern.compile("(.+)_sample(\\d+)_.*\\.npy");

  /** Every generated motion in a file or a folder, in file order then sample order. */
  public static List<GeneratedMotion> read(Path path) {
    if (!Files.exists(path)) throw new BadInputException(path, "not found");
    if (!Files.isDirectory(path)) return readFile(path, false);
    List<Path> files;
    try (Stream<Path> s = Files.list(path)) {
      files =
          s.filter(
                  p ->
                      p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")
                          && Files.isRegularFile(p))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new BadInputException(path, "cannot list: " + e.getMessage());
    }
    List<GeneratedMotion> out = new ArrayList<>();
    for (Path f : files) out.addAll(readFile(f, true));
    if (out.isEmpty()) {
      throw new BadInputException(
          path,
          files.isEmpty()
              ? "folder holds no .npy files"
              : "folder holds no generated motions (no results.npy dict or (T, 22, 3) joint array among "
                  + files.size()
                  + " .npy files)");
    }
    return out;
  }

  /**
   * One file; in a folder ({@code lenient}) arrays of other shapes are skipped instead of refused.
   */
  static List<GeneratedMotion> readFile(Path file, boolean lenient) {
    byte[] bytes = bytes(file);
    String where = file.toString();
    if (Npy.holdsObjects(bytes, where))
      return results(file, Pickles.item(Pickles.load(Npy.objectPayload(bytes, where), where)));
    NdArray a = Npy.parse(bytes, where);
    int[] s = a.shape();
    if (a.isNumeric() && s.length == 3 && s[1] == JOINTS && s[2] == 3) {
      if (s[0] < 2) throw new BadInputException(file, "needs at least 2 frames, has " + s[0]);
      String[] text = caption(file);
      return List.of(new GeneratedMotion(file, 0, text[0], text[1], finite(a, file)));
    }
    if (lenient) return List.of();
    String hint =
        s.length == 2 && s[1] == 263
            ? " (HumanML3D feature vectors, new_joint_vecs: use the new_joints array)"
            : "";
    throw new BadInputException(
        file,
        "expected an MDM results.npy dict or joint positions (T, 22, 3), found "
            + a.dtype()
            + " "
            + Arrays.toString(s)
            + hint);
  }

  /** A numeric array of the pickle; anything else is bad input. */
  private static NdArray array(Object o, String where, String what) {
    if (o instanceof NdArray a && a.isNumeric()) return a;
    throw new BadInputException(
        where + ": '" + what + "' is not a numeric numpy array (found " + describe(o) + ")");
  }

  /** A short description of a pickled value for error messages. */
  private static String describe(Object o) {
    if (o == null) return "None";
    if (o instanceof NdArray a) return "array " + a.dtype() + " " + Arrays.toString(a.shape());
    if (o instanceof Map<?, ?> m) return "dict with keys " + m.keySet();
    if (o instanceof List<?> l) return "list of " + l.size();
    return o.getClass().getSimpleName();
  }

  /** The samples of an MDM results dict. */
  private static List<GeneratedMotion> results(Path file, Object o) {
    if (!(o instanceof Map<?, ?> dict))
      throw new BadInputException(
          file, "pickle holds " + describe(o) + ", not an MDM results dict");
    if (!dict.containsKey("motion"))
      throw new BadInputException(
          file, "results dict lacks 'motion' (keys: " + dict.keySet() + ")");
    NdArray m = array(dict.get("motion"), file.toString(), "motion");
    int[] s = m.shape();
    if (s.length != 4 || s[1] != JOINTS || s[2] != 3) {
      throw new BadInputException(
          file,
          "'motion' must be (N, 22, 3, T) joint positions, found "
              + Arrays.toString(s)
              + (s.length == 4 && s[1] == 263
                  ? " (HumanML3D features: run MDM's sample script, which converts them to joints)"
                  : ""));
    }
    int n = s[0], t = s[3];
    List<?> texts = dict.get("text") instanceof List<?> l ? l : null;
    if (texts == null || texts.size() != n) {
      throw new BadInputException(
          file, "'text' must be a list of " + n + " prompts, found " + describe(dict.get("text")));
    }
    long[] lengths = new long[n];
    Arrays.fill(lengths, t);
    if (dict.get("lengths") != null) {
      double[] l = array(dict.get("lengths"), file.toString(), "lengths").toDoubles();
      if (l.length != n)
        throw new BadInputException(
            file, "'lengths' has " + l.length + " entries for " + n + " samples");
      for (int i = 0; i < n; i++) lengths[i] = (long) l[i];
    }
    double[] all = m.toDoubles();
    List<GeneratedMotion> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (lengths[i] < 2 || lengths[i] > t)
        throw new BadInputException(
            file, "sample " + i + " has length " + lengths[i] + ", not within 2.." + t);
      int len = (int) lengths[i];
      // (J, 3, T) of sample i → (len, J, 3)
      double[] joints = new double[len * JOINTS * 3];
      for (int f = 0; f < len; f++) {
        for (int j = 0; j < JOINTS; j++) {
          for (int a = 0; a < 3; a++)
            joints[(f * JOINTS + j) * 3 + a] = all[((i * JOINTS + j) * 3 + a) * t + f];
        }
      }
      NdArray arr = finite(NdArray.of(joints, len, JOINTS, 3), file);
      out.add(new GeneratedMotion(file, i, String.valueOf(texts.get(i)), FROM_RESULTS, arr));
    }
    return out;
  }

  /** The chosen motion and its BM25 score against the prompt (NaN when chosen by index). */
  public record Pick(GeneratedMotion motion, double score) {}

  /**
   * The motion at {@code index} (in reading order), or else the one whose text best matches the
   * prompt (BM25, {@link TextIndex}; ties go to the first). No match is bad input listing the
   * texts.
   */
  public static Pick pick(List<GeneratedMotion> motions, String prompt, Integer index, Path where) {
    if (index != null) {
      if (index < 0 || index >= motions.size()) {
        throw new BadInputException(
            where,
            "--index "
                + index
                + " is out of range: it holds "
                + motions.size()
                + " motions (0.."
                + (motions.size() - 1)
                + ")");
      }
      return new Pick(motions.get(index), Double.NaN);
    }
    try (TextIndex idx = new TextIndex(motions.stream().map(GeneratedMotion::text).toList())) {
      List<TextIndex.Hit> hits = idx.search(prompt, 1);
      if (hits.isEmpty()) {
        String texts =
            motions.stream()
                .map(GeneratedMotion::text)
                .distinct()
                .limit(8)
                .map(t -> "'" + t + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        throw new BadInputException(
            where,
            "no generated motion matches '"
                + prompt
                + "'; its texts: "
                + texts
                + " (or choose one with --index)");
      }
      return new Pick(motions.get(hits.get(0).position()), hits.get(0).score());
    }
  }

  /** Caption and where it came from for a plain joint array. */
  static String[] caption(Path file) {
    String stem = file.getFileName().toString().replaceFirst("(?i)\\.npy$", "");
    Path dir = file.toAbsolutePath().getParent();
    for (Path c :
        List.of(dir.resolveSibling("texts").resolve(stem + ".txt"), dir.resolve(stem + ".txt"))) {
      if (Files.isRegularFile(c)) {
        String first =
            new String(bytes(c), java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .findFirst()
                .orElse("");
        // HumanML3D caption lines: caption#tokens#from#to
        String text = first.split("#", 2)[0].strip();
        if (!text.isEmpty()) return new String[] {text, FROM_CAPTIONS};
      }
    }
    Matcher mm = SAMPLE.matcher(file.getFileName().toString());
    if (mm.matches()) {
      Path meta = dir.resolve(mm.group(1) + "_meta.json");
      if (Files.isRegularFile(meta)) {
        JsonNode texts = Json.read(meta, JsonNode.class).path("text");
        int i = Integer.parseInt(mm.group(2));
        if (texts.isArray() && i < texts.size())
          return new String[] {texts.get(i).asText(), FROM_META};
      }
    }
    return new String[] {stem.replaceAll("[_\\-.]+", " ").strip(), FROM_NAME};
  }

  private static NdArray finite(NdArray a, Path file) {
    double[] d = a.toDoubles();
    for (int i = 0; i < d.length; i++) {
      if (!Double.isFinite(d[i]))
        throw new BadInputException(file, "non-finite joint position at frame " + i / (JOINTS * 3));
    }
    return a;
  }

  private static byte[] bytes(Path file) {
    try {
      byte[] b = Files.readAllBytes(file);
      if (b.length == 0) throw new BadInputException(file, "file is empty");
      return b;
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
  }
}
