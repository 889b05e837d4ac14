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

  /** Two experts whose action is always +1 and −1. */
  private List<ExpertSpec> plusAndMinusOne() {
    return MixtureActors.read(
        List.of(
            MixtureActorsTest.constant(tmp.resolve("A"), 1),
            MixtureActorsTest.constant(tmp.resolve("B"), -1)));
  }

  /**
   * Deterministic control takes the arg-max expert: its mean is the action, and lastExpert names
   * it.
   */
  @Test
  void controllerActsWithTheArgMaxExpert() {
    List<ExpertSpec> experts = plusAndMinusOne();
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

  /**
   * With a switch margin the acting mixture keeps its expert until the gate's choice outweighs it
   * by more than the margin; a new episode forgets the current expert; the margin is kept in
   * moe.json and must lie in [0, 1).
   */
  @Test
  void aSwitchMarginKeepsTheCurrentExpert() {
    List<ExpertSpec> experts = plusAndMinusOne();
    MixtureSpec m = MixtureSpec.fresh(new int[] {4}, experts, 3);
    var g = m.gate(new VecGemm(1));
    for (Param p : g.params()) Arrays.fill(p.value, 0f);
    g.mlp.layer(0).weight.value[0] = 1f; // hidden unit 0 reads obs[0], unit 1 its opposite
    g.mlp.layer(0).weight.value[2] = -1f;
    g.mlp.head().weight.value[4] = 4f; // expert 1's logit rises with unit 0, expert 0's with unit 1
    g.mlp.head().weight.value[1] = 4f;
    Map<String, Object> w = new LinkedHashMap<>();
    g.save(w);
    MixtureSpec gated = new MixtureSpec(m.gateHidden(), w, experts, m.env(), "test");
    // observations at which expert 1 weighs about 0.1, 0.6 and 0.9
    float low = Float.NaN, mid = Float.NaN, high = Float.NaN;
    for (float x = -6; x <= 6; x += 0.05f) {
      float w1 = gated.gate(new VecGemm(1)).probabilities(new float[] {x, 0}, 0, 1)[1];
      if (Float.isNaN(low) && w1 > 0.05 && w1 < 0.15) low = x;
      if (Float.isNaN(mid) && w1 > 0.55 && w1 < 0.65) mid = x;
      if (Float.isNaN(high) && w1 > 0.85 && w1 < 0.95) high = x;
    }
    assertTrue(
        !Float.isNaN(low) && !Float.isNaN(mid) && !Float.isNaN(high), low + " " + mid + " " + high);

    Controller plain = gated.controller(new VecGemm(1), true),
        held = gated.withSwitchMargin(0.5).controller(new VecGemm(1), true);
    float[] action = new float[1];
    int[] expected = {0, 0, 1, 1, 0}; // with the margin: 0.6 is not enough, 0.9 is, 0.1 is back
    float[] path = {low, mid, high, mid, low};
    for (int t = 0; t < path.length; t++) {
      plain.act(new float[] {path[t], 0}, action);
      held.act(new float[] {path[t], 0}, action);
      assertEquals(path[t] == low ? 0 : 1, plain.lastExpert(), "without a margin, step " + t);
      assertEquals(expected[t], held.lastExpert(), "with the margin, step " + t);
    }
    held.act(new float[] {mid, 0}, action);
    held.act(new float[] {low, 0}, action);
    held.act(new float[] {mid, 0}, action);
    assertEquals(0, held.lastExpert());
    held.reseed(1); // a new episode starts with the gate's choice
    held.act(new float[] {mid, 0}, action);
    assertEquals(1, held.lastExpert());

    Path dir = tmp.resolve("held");
    gated.withSwitchMargin(0.5).write(dir);
    assertEquals(0.5, MixtureSpec.read(dir).switchMargin());
    assertTrue(MixtureSpec.read(dir).describe().endsWith("switch margin 0.5"));
    assertEquals(0, gated.switchMargin());
    assertThrows(BadInputException.class, () -> gated.withSwitchMargin(1));
    assertThrows(BadInputException.class, () -> gated.withSwitchMargin(-0.1));
  }
}
