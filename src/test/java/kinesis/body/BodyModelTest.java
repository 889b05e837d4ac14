package kinesis.body;

import static org.junit.jupiter.api.Assertions.*;

import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyModelTest {
  @ParameterizedTest
  @CsvSource({"legs, 80, 16, 35", "legs-abs, 86, 19, 38", "legs-back, 290, 25, 53"})
  void variantsLoadWithTheirMuscles(String name, int muscles, int bodies, int nq) {
    try (BodyModel b = BodyModel.load(name)) {
      assertEquals(muscles, b.muscleCount());
      assertEquals(bodies, b.bodies.size());
      assertEquals(nq, b.sim.nq);
      assertEquals(1.0 / 150, b.sim.timestep(), 1e-15);
      assertEquals(b.variant.tracked().size(), b.trackedBodies.length);
      for (int adr : b.touchAdr) assertTrue(adr >= 0, "touch sensor missing in " + name);
      assertEquals(b.trackedBodies[0], b.rootBody);
    }
  }

  @Test
  void unknownModelNamesTheKnownOnes() {
    BadInputException e = assertThrows(BadInputException.class, () -> Catalogue.get("arms"));
    assertTrue(e.getMessage().contains("legs, legs-abs, legs-back"), e.getMessage());
  }
}
