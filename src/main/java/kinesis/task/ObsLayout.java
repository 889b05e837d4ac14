package kinesis.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names and places of the blocks of an observation vector. It travels with every environment (and
 * into checkpoints) so that later code can check it is reading what it thinks it reads.
 *
 * @param blocks consecutive blocks, offsets increasing from 0
 */
public record ObsLayout(List<Block> blocks) {

  /**
   * One named block: {@code size} numbers starting at {@code offset}; {@code frame} says how they
   * are expressed.
   */
  public record Block(String name, int offset, int size, String frame) {}

  public ObsLayout {
    blocks = List.copyOf(blocks);
    int at = 0;
    for (Block b : blocks) {
      if (b.offset != at || b.size < 0)
        throw new IllegalArgumentException("block " + b.name + " is not contiguous");
      at += b.size;
    }
  }

  /**
   * The imitation observation of KINESIS (kinesis-reference.md §3.6) for a model with {@code n}
   * robot bodies and {@code j} tracked bodies: 15n + 6 + 9j numbers.
   */
  public static ObsLayout imitation(int n, int j) {
    return imitation(n, j, List.of());
  }

  /**
   * {@link #imitation(int, int)} followed by one block per entry k of {@code preview}: the tracked
   * bodies of the reference k control steps after the next one (ours, see {@code ref_preview}).
   */
  public static ObsLayout imitation(int n, int j, List<Integer> preview) {
    Builder b = new Builder();
    b.add("root_height", 1, "world z of the root body origin (m)");
    b.add("root_tilt", 4, "cos α, sin α, cos β, sin β of the root's extrinsic x-y-z Euler angles");
    b.add(
        "local_body_pos",
        3 * n - 3,
        "body origins minus root origin, heading frame, root omitted (m)");
    b.add("local_body_rot", 6 * n, "per body: x axis then z axis of its rotation, heading frame");
    b.add("local_body_vel", 3 * n, "per body: COM linear velocity, heading frame (m/s)");
    b.add("local_body_ang_vel", 3 * n, "per body: angular velocity, heading frame (rad/s)");
    b.add("feet_contacts", 4, "touch sensors r_foot, r_toes, l_foot, l_toes (N)");
    b.add(
        "diff_local_body_pos",
        3 * j,
        "per tracked body: reference minus body origin, heading frame (m)");
    b.add(
        "diff_local_vel",
        3 * j,
        "per tracked body: reference minus COM velocity, heading frame (m/s)");
    b.add(
        "local_ref_body_pos",
        3 * j,
        "per tracked body: reference minus root origin, heading frame (m)");
    for (int k : preview)
      b.add(
          "ref_preview_" + k,
          3 * j,
          "per tracked body: reference " + k + " steps later minus root origin, heading frame (m)");
    return b.build();
  }

  /** A single unnamed block (for tasks without a richer layout). */
  public static ObsLayout flat(int dim) {
    return new ObsLayout(List.of(new Block("obs", 0, dim, "task-defined")));
  }

  public int dim() {
    return blocks.isEmpty() ? 0 : blocks.getLast().offset + blocks.getLast().size;
  }

  /** The block with this name; an error naming the known blocks when absent. */
  public Block block(String name) {
    for (Block b : blocks) if (b.name.equals(name)) return b;
    throw new IllegalArgumentException("no observation block '" + name + "' in " + names());
  }

  public List<String> names() {
    return blocks.stream().map(Block::name).toList();
  }

  /** Plain maps (name, offset, size, frame) for JSON output and checkpoint manifests. */
  public List<Map<String, Object>> describe() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Block b : blocks) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", b.name);
      m.put("offset", b.offset);
      m.put("size", b.size);
      m.put("frame", b.frame);
      out.add(m);
    }
    return out;
  }

  private static final class Builder {
    private final List<Block> blocks = new ArrayList<>();
    private int at;

    void add(String name, int size, String frame) {
      blocks.add(new Block(name, at, size, frame));
      at += size;
    }

    ObsLayout build() {
      return new ObsLayout(blocks);
    }
  }
}
