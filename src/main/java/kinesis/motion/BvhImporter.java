package kinesis.motion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kinesis.io.BadInputException;

/**
 * BVH motion capture: a joint hierarchy (OFFSET, CHANNELS) then frames of channel values. Rotation
 * channels compose in the listed order about moving axes (degrees); position channels, where a
 * joint has them, replace its rest offset. The skeleton mapping is chosen among the bundled BVH
 * mappings ({@link #MAPPINGS}) as the first whose joints the file has.
 */
public final class BvhImporter {
  private BvhImporter() {}

  /** Bundled BVH skeleton mappings, tried in order. */
  public static final List<String> MAPPINGS = List.of("bvh-bandai-namco", "bvh-cmu");

  /** The parsed file: skeleton, channel layout and raw frames. */
  record Bvh(Skeleton skeleton, List<List<String>> channels, double frameTime, double[][] frames) {}

  public static SourceMotion load(Path file) {
    return load(file, null);
  }

  /** Imports with an explicit mapping (null: the first bundled one that fits). */
  public static SourceMotion load(Path file, SkeletonMapping mapping) {
    Bvh bvh = parse(file);
    Skeleton sk = bvh.skeleton();
    if (mapping == null) mapping = choose(file, sk);
    for (String j : mapping.requiredJoints()) {
      if (sk.index(j) < 0)
        throw new BadInputException(
            file, "BVH lacks joint '" + j + "' needed by mapping " + mapping.name());
    }
    int n = bvh.frames().length, jn = sk.size();
    double[] roles = new double[n * 3 * SourceMotion.ROLE_COUNT];
    double[] rot = new double[4 * jn],
        trans = new double[3 * jn],
        pos = new double[3 * jn],
        wrot = new double[4 * jn];
    for (int f = 0; f < n; f++) {
      double[] row = bvh.frames()[f];
      int c = 0;
      for (int j = 0; j < jn; j++) {
        double[] q = Rot.identity();
        double[] t = sk.offsets()[j].clone();
        for (String ch : bvh.channels().get(j)) {
          double v = row[c++];
          switch (ch.toLowerCase(Locale.ROOT)) {
            case "xposition" -> t[0] = v;
            case "yposition" -> t[1] = v;
            case "zposition" -> t[2] = v;
            case "xrotation" -> q = Rot.mul(q, Rot.rotX(Math.toRadians(v)));
            case "yrotation" -> q = Rot.mul(q, Rot.rotY(Math.toRadians(v)));
            case "zrotation" -> q = Rot.mul(q, Rot.rotZ(Math.toRadians(v)));
            default -> throw new BadInputException(file, "unknown channel " + ch);
          }
        }
        System.arraycopy(q, 0, rot, 4 * j, 4);
        System.arraycopy(t, 0, trans, 3 * j, 3);
      }
      sk.forward(Signal.at(trans, 0, 3), null, rot, trans, pos, wrot);
      System.arraycopy(
          mapping.roles(sk, pos, wrot),
          0,
          roles,
          f * 3 * SourceMotion.ROLE_COUNT,
          3 * SourceMotion.ROLE_COUNT);
    }
    if (!(bvh.frameTime() > 0)) throw new BadInputException(file, "Frame Time must be positive");
    return new SourceMotion(
        file,
        "bvh",
        mapping.name(),
        Signal.rateFromFrameTime(bvh.frameTime()),
        roles,
        null,
        mapping.toePitchDeg(),
        Map.of("skeleton_joints", String.valueOf(jn)));
  }

  private static SkeletonMapping choose(Path file, Skeleton sk) {
    StringBuilder tried = new StringBuilder();
    for (String name : MAPPINGS) {
      SkeletonMapping m = SkeletonMapping.bundled(name);
      List<String> missing = m.requiredJoints().stream().filter(j -> sk.index(j) < 0).toList();
      if (missing.isEmpty()) return m;
      tried.append(tried.isEmpty() ? "" : "; ").append(name).append(" lacks ").append(missing);
    }
    throw new BadInputException(
        file, "BVH skeleton lacks the joints needed for the keypoints (" + tried + ")");
  }

  /** Parses hierarchy and motion; any malformation is a {@link BadInputException}. */
  static Bvh parse(Path file) {
    String text;
    try {
      if (!Files.exists(file)) throw new BadInputException(file, "file not found");
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
    if (text.isBlank()) throw new BadInputException(file, "file is empty");
    Tokens tk = new Tokens(text, file);
    tk.expect("HIERARCHY");
    List<String> names = new ArrayList<>();
    List<Integer> parents = new ArrayList<>();
    List<double[]> offsets = new ArrayList<>();
    List<List<String>> channels = new ArrayList<>();
    String kw = tk.next();
    if (!kw.equals("ROOT")) throw new BadInputException(file, "expected ROOT, found '" + kw + "'");
    joint(tk, -1, names, parents, offsets, channels);
    tk.expect("MOTION");
    tk.expect("Frames:");
    int frames = tk.nextInt();
    tk.expect("Frame");
    tk.expect("Time:");
    double frameTime = tk.nextDouble();
    int width = channels.stream().mapToInt(List::size).sum();
    if (frames < 1) throw new BadInputException(file, "no frames");
    if ((long) frames * width
        > text.length() / 2 + 1) { // every value takes at least two characters
      throw new BadInputException(
          file,
          "header says "
              + frames
              + " frames of "
              + width
              + " channels, more than the file's "
              + text.length()
              + " bytes can hold");
    }
    if (!(frameTime > 0) || !Double.isFinite(frameTime))
      throw new BadInputException(file, "Frame Time must be positive, got " + frameTime);
    double[][] data = new double[frames][width];
    for (int f = 0; f < frames; f++) {
      for (int c = 0; c < width; c++) {
        if (!tk.hasNext()) {
          throw new BadInputException(
              file,
              "truncated: header says "
                  + frames
                  + " frames of "
                  + width
                  + " channels, data ends in frame "
                  + f);
        }
        double v = tk.nextDouble();
        if (!Double.isFinite(v))
          throw new BadInputException(file, "non-finite value (NaN) in frame " + f);
        data[f][c] = v;
      }
    }
    int[] par = parents.stream().mapToInt(Integer::intValue).toArray();
    return new Bvh(
        new Skeleton(names, par, offsets.toArray(double[][]::new)), channels, frameTime, data);
  }

  private static void joint(
      Tokens tk,
      int parent,
      List<String> names,
      List<Integer> parents,
      List<double[]> offsets,
      List<List<String>> channels) {
    String name = tk.next();
    int me = names.size();
    names.add(name);
    parents.add(parent);
    tk.expect("{");
    tk.expect("OFFSET");
    offsets.add(new double[] {tk.nextDouble(), tk.nextDouble(), tk.nextDouble()});
    tk.expect("CHANNELS");
    int n = tk.nextInt();
    List<String> ch = new ArrayList<>();
    for (int i = 0; i < n; i++) ch.add(tk.next());
    channels.add(ch);
    while (true) {
      String t = tk.next();
      switch (t) {
        case "JOINT" -> joint(tk, me, names, parents, offsets, channels);
        case "End" -> {
          tk.expect("Site");
          tk.expect("{");
          tk.expect("OFFSET");
          tk.nextDouble();
          tk.nextDouble();
          tk.nextDouble();
          tk.expect("}");
        }
        case "}" -> {
          return;
        }
        default -> throw tk.bad("unexpected '" + t + "' in joint " + name);
      }
    }
  }

  /** Whitespace tokens with line numbers for messages. */
  private static final class Tokens {
    private final String[] lines;
    private final Path file;
    private int line;
    private String[] cur = new String[0];
    private int pos;

    Tokens(String text, Path file) {
      this.lines = text.split("\\R");
      this.file = file;
    }

    boolean hasNext() {
      while (pos >= cur.length) {
        if (line >= lines.length) return false;
        String l = lines[line++].strip();
        cur = l.isEmpty() ? new String[0] : l.split("\\s+");
        pos = 0;
      }
      return true;
    }

    String next() {
      if (!hasNext()) throw new BadInputException(file, "truncated: unexpected end of file");
      return cur[pos++];
    }

    void expect(String s) {
      String t = next();
      if (!t.equals(s)) throw bad("expected '" + s + "', found '" + t + "'");
    }

    int nextInt() {
      String t = next();
      try {
        return Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw bad("expected an integer, found '" + t + "'");
      }
    }

    double nextDouble() {
      String t = next();
      try {
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw bad("expected a number, found '" + t + "'");
      }
    }

    BadInputException bad(String what) {
      return new BadInputException(file, "malformed BVH at line " + line + ": " + what);
    }
  }
}
