package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObsLayoutTest {

  /** 15N + 6 + 9J for the three variants (kinesis-reference.md §3.6.4). */
  @Test
  void sizes() {
    assertEquals(309, ObsLayout.imitation(16, 7).dim());
    assertEquals(363, ObsLayout.imitation(19, 8).dim());
    assertEquals(453, ObsLayout.imitation(25, 8).dim());
    ObsLayout l = ObsLayout.imitation(16, 7);
    assertEquals(246, l.block("diff_local_body_pos").offset());
    assertEquals(
        List.of(
            "root_height",
            "root_tilt",
            "local_body_pos",
            "local_body_rot",
            "local_body_vel",
            "local_body_ang_vel",
            "feet_contacts",
            "diff_local_body_pos",
            "diff_local_vel",
            "local_ref_body_pos"),
        l.names());
    assertEquals(10, l.describe().size());
  }

  /** ref_preview adds 3J numbers per step ahead after the reference code's observation. */
  @Test
  void previewBlocksFollowTheReferenceObservation() {
    ObsLayout l = ObsLayout.imitation(16, 7, List.of(10, 30));
    assertEquals(309 + 2 * 21, l.dim());
    assertEquals(309, l.block("ref_preview_10").offset());
    assertEquals(330, l.block("ref_preview_30").offset());
    assertEquals(ObsLayout.imitation(16, 7), ObsLayout.imitation(16, 7, List.of()));
  }

  @Test
  void rejectsGapsAndUnknownNames() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ObsLayout(List.of(new ObsLayout.Block("a", 1, 2, ""))));
    assertThrows(IllegalArgumentException.class, () -> ObsLayout.flat(3).block("nope"));
  }
}
