package kinesis.eval.emg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kinesis.body.BodyModel;
import kinesis.body.Catalogue;
import kinesis.sim.ObjType;
import org.junit.jupiter.api.Test;

class MuscleMapTest {
  @Test
  void everyChannelOfEveryDataSetIsMapped() {
    MuscleMap map = MuscleMap.load();
    for (String ds : HumanData.NAMES) {
      HumanData d = HumanData.load(ds);
      assertEquals(d.channels().size(), map.channels(ds).size(), ds);
      assertTrue(d.channels().containsAll(map.channels(ds)), ds);
    }
    assertEquals(
        List.of("glmed1_l", "glmed2_l", "glmed3_l"), map.muscles(HumanData.SANTUZ, "ME", "left"));
  }

  @Test
  void mappedMusclesExistInAllThreeModels() {
    MuscleMap map = MuscleMap.load();
    assertEquals(Catalogue.ALL.stream().map(v -> v.name()).toList(), map.variants());
    HumanData falisse = HumanData.load(HumanData.FALISSE);
    for (String variant : map.variants()) {
      try (BodyModel body = BodyModel.load(variant)) {
        for (String ds : HumanData.NAMES) {
          for (String side : List.of("right", "left")) {
            map.indices(
                ds,
                map.channels(ds),
                side,
                body.muscles,
                variant); // throws naming a missing muscle
            for (String j : JointAngles.HUMAN_COLUMNS) {
              int id = body.sim.id(ObjType.JOINT, JointAngles.modelJoint(j, side));
              assertTrue(id >= 0, variant + " " + j);
              // sign convention: the human gait's angles, converted, lie inside the model's joint
              // range
              // (decisive for the knee: MyoLeg 0..120 deg flexion, human data negative in flexion)
              double lo = body.sim.jntRange().get(id, 0), hi = body.sim.jntRange().get(id, 1);
              for (double deg : falisse.joints().get(j)) {
                double q = JointAngles.toModelRadians(j, deg);
                assertTrue(
                    q >= lo && q <= hi,
                    variant
                        + " "
                        + j
                        + " "
                        + deg
                        + " deg -> "
                        + q
                        + " rad outside ["
                        + lo
                        + ", "
                        + hi
                        + "]");
                assertEquals(deg, JointAngles.toHumanDegrees(j, q), 1e-9);
              }
            }
          }
        }
      }
    }
  }
}
