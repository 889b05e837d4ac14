package kinesis.rl.moe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.nn.Param;
import kinesis.nn.Policy;
import kinesis.nn.VecGemm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixtureSpecTest {
  @TempDir Path tmp;

  static ExpertSpec random(int obs, int act, long seed) {
    return ExpertSpec.random(Policy.Kind.GAUSSIAN, obs, new int[] {3}, act, seed);
  }

  /** Gate 4→5→2 (20 + 10 weights) plus one expert 4→3→2 (12 + 6): 48 weights per action. */
  @Test
  void weightsPerActionCountsTheGateAndOneExpert() {
    MixtureSpec m = MixtureSpec.fresh(new int[] {5}, List.of(random(4, 2, 1), random(4, 2, 2)), 7);
    assertEquals(48, m.weightsPerAction());
    assertEquals(4, m.obsDim());
    assertEquals(2, m.actionDim());
  }

  /** Experts must agree in sizes; a mixture needs at least one. */
  @Test
  void expertsOfDifferentSizesAreRefused() {
    assertThrows(
        BadInputException.class,
        () -> MixtureSpec.fresh(new int[] {5}, List.of(random(4, 2, 1), random(5, 2, 2)), 7));
    assertThrows(
        BadInputException.class,
        () -> new MixtureSpec(new int[] {5}, Map.of(), List.of(), Map.of(), "none"));
  }

  /**
   * Written and read back: the same gate tensors, experts and settings; a wrong version or width is
   * bad input.
   */
  @Test
  void writesAndReadsBack() throws Exception {
    MixtureSpec m = MixtureSpec.fresh(new int[] {5}, List.of(random(4, 2, 1), random(4, 2, 2)), 7);
    Path dir = tmp.resolve("moe");
    m.write(dir);
    assertTrue(MixtureSpec.isMixture(dir));
    MixtureSpec back = MixtureSpec.read(dir);
    assertEquals(2, back.experts().size());
    assertArrayEquals(new int[] {5}, back.gateHidden());
    for (String k : m.gateWeights().keySet()) {
      if (m.gateWeights().get(k) instanceof float[] f)
        assertArrayEquals(f, (float[]) back.gateWeights().get(k), k);
    }
    String json = Files.readString(dir.resolve(MixtureSpec.FILE));
    Files.writeString(
        dir.resolve(MixtureSpec.FILE), json.replace("\"version\" : 1", "\"version\" : 2"));
    assertThrows(BadInputException.class, () -> MixtureSpec.read(dir));
    Files.writeString(
        dir.resolve(MixtureSpec.FILE),
        json.replace("\"gate_hidden\" : [ 5 ]", "\"gate_hidden\" : [ 0 ]"));
    assertThrows(BadInputException.class, () -> MixtureSpec.read(dir));
  }

  /**
   * A mixture bundles only what acting needs: a checkpoint's value network is left out of the
   * expert's copy, and the copy acts as the original does.
   */
  @Test
  void expertCopyKeepsOnlyThePolicy() {
    ExpertSpec e = random(4, 2, 3);
    Map<String, Object> withValue = new LinkedHashMap<>(e.weights());
    withValue.put("value.trunk.0.weight", new float[] {1, 2, 3});
    ExpertSpec checkpoint =
        new ExpertSpec(
            e.kind(),
            e.obsDim(),
            e.hidden(),
            e.actionDim(),
            withValue,
            e.normaliser(),
            e.env(),
            "a checkpoint");
    Path dir = tmp.resolve("copy");
    checkpoint.write(dir);
    ExpertSpec back = ExpertSpec.read(dir);
    assertEquals(e.weights().keySet(), back.weights().keySet());
    float[] obs = {0.1f, -0.2f, 0.3f, 0.4f};
    assertArrayEquals(
        e.policy(new VecGemm(1)).mean(obs, 1), back.policy(new VecGemm(1)).mean(obs, 1), 0f);
  }

  /**
   * Deterministic control takes the arg-max expert: its mean is the action, and lastExpert names
   * it.
   */
  @Test
  void controllerActsWithTheArgMaxExpert() {
    List<ExpertSpec> experts =
        MixtureActors.read(
            List.of(
                MixtureActorsTest.constant(tmp.resolve("A"), 1),
                MixtureActorsTest.constant(tmp.resolve("B"), -1)));
    MixtureSpec m = MixtureSpec.fresh(new int[] {4}, experts, 3);
    for (int favoured = 0; favoured < 2; favoured++) {
      var g = m.gate(new VecGemm(1));
      for (Param p : g.params()) Arrays.fill(p.value, 0f);
      g.mlp.head().bias.value[favoured] = 5f;
      Map<String, Object> w = new LinkedHashMap<>();
      g.save(w);
      Controller c =
          new MixtureSpec(m.gateHidden(), w, experts, m.env(), "test")
              .controller(new VecGemm(1), true);
      float[] action = new float[1];
      c.act(new float[] {0.4f, -0.7f}, action);
      assertEquals(favoured, c.lastExpert());
      assertEquals(favoured == 0 ? 1f : -1f, action[0], 1e-6f);
    }
  }
}
