package kinesis.task.reach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.task.Clips;
import kinesis.task.ControlMode;
import kinesis.task.ObsLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteerTest {
  @TempDir Path tmp;

  private SteerSchedule read(String yaml) throws Exception {
    Path f = tmp.resolve("s.yaml");
    Files.writeString(f, yaml);
    return SteerSchedule.read(f);
  }

  @Test
  void scheduleCarriesDistanceAndDirectionOver() throws Exception {
    SteerSchedule s =
        read(
            """
            duration: 10
            commands:
              - {time: 0, direction: 0, distance: 2}
              - {time: 4, direction: 90}
              - {time: 8, stop: true}
            """);
    assertEquals(2, s.at(5).distance());
    assertEquals(90, s.at(5).direction());
    assertEquals(0, s.at(3.99).direction());
    assertTrue(s.at(9).stop());
    assertEquals(
        SteerSchedule.DEFAULT_DISTANCE,
        read("duration: 1\ncommands: [{time: 0}]\n").at(0).distance());
  }

  @Test
  void badSchedulesNameTheProblem() {
    String[] bad = {
      "",
      "duration: 0\ncommands: [{time: 0}]",
      "duration: 5\ncommands: []",
      "duration: 5\ncommands: [{time: 1}]",
      "duration: 5\ncommands: [{time: 0}, {time: 0}]",
      "duration: 5\ncommands: [{time: 0, distance: 9}]",
      "duration: 5\ncommands: [{time: 0, speed: 1}]",
      "duration: 5\ncommands: [{time: 0}, {time: 6}]",
      "duration: x\ncommands: [{time: 0}]",
      "duration: 5\ncommands: [{time: 0, direction: .nan}]",
      "[1, 2"
    };
    for (String yaml : bad) {
      BadInputException e = assertThrows(BadInputException.class, () -> read(yaml), yaml);
      assertTrue(e.getMessage().contains("s.yaml"), e.getMessage());
    }
    assertThrows(BadInputException.class, () -> SteerSchedule.read(tmp.resolve("missing.yaml")));
  }

  /**
   * The goal is put {@code distance} m from the pelvis in the commanded direction, relative to the
   * start heading.
   */
  @Test
  void commandsPlaceTheGoalAroundThePelvis() {
    try (BodyModel legs = BodyModel.load("legs");
        SteerEpisode ep =
            new SteerEpisode(
                legs, Clips.standing(legs, 2), ReachConfig.reference(ControlMode.DIRECT), 3)) {
      ObsLayout.Block ref =
          ObsLayout.imitation(legs.sim.nbody - 1, legs.trackedBodies.length)
              .block("local_ref_body_pos");
      float[] obs = new float[ep.obsDim()];
      ep.start(obs);
      ep.command(new SteerSchedule.Command(0, 90, 1.5, false), obs);
      assertEquals(0, obs[ref.offset()], 1e-5);
      assertEquals(1.5, obs[ref.offset() + 1], 1e-5);
      ep.command(new SteerSchedule.Command(0, -135, 1, false), obs);
      assertEquals(-Math.sqrt(0.5), obs[ref.offset()], 1e-5);
      assertEquals(-Math.sqrt(0.5), obs[ref.offset() + 1], 1e-5);
      ep.command(new SteerSchedule.Command(0, 0, 1, true), obs);
      assertEquals(0, obs[ref.offset()], 1e-6);
      assertEquals(0, obs[ref.offset() + 1], 1e-6);
    }
  }
}
