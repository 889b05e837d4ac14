package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpoConfigTest {
  @TempDir Path tmp;

  @Test
  void paperPresetHasTheReferenceHyperparameters() {
    PpoConfig p = PpoConfig.paper();
    assertEquals(List.of(2048, 1536, 1024, 1024, 512, 512), p.hidden());
    assertEquals(51_200, p.batchSize());
    assertEquals(0, p.minibatchSize());
    assertEquals(10, p.epochs());
    assertEquals(5e-5, p.policyLr());
    assertEquals(3e-4, p.valueLr());
    assertEquals(25, p.policyMaxGradNorm());
    assertEquals(0.99, p.gamma());
    assertEquals(0.95, p.gaeLambda());
    assertEquals(0.2, p.clipCoef());
    assertEquals(1e-8, p.adamEps());
    PpoConfig l = PpoConfig.laptop();
    assertEquals(List.of(256, 256), l.hidden());
    assertEquals(4096, l.batchSize());
    assertEquals(1024, l.minibatchSize());
    PpoConfig loco = PpoConfig.preset("locomotion");
    assertEquals(l.hidden(), loco.hidden());
    assertEquals(l.batchSize(), loco.batchSize());
    assertEquals(3, loco.epochs());
    assertEquals(1e-4, loco.policyLr());
    assertEquals(0.05, loco.targetKl());
    assertEquals("iteration", loco.normUpdate());
    assertEquals(PpoConfig.DESCRIPTIONS.keySet(), p.toMap().keySet());
  }

  @Test
  void yamlRoundTripAndOverrides() {
    PpoConfig c =
        PpoConfig.laptop()
            .with(List.of("hidden=64,32", "policy_lr=1e-3", "actor=gaussian", "minibatch-size=0"));
    assertEquals(List.of(64, 32), c.hidden());
    assertEquals(1e-3, c.policyLr());
    assertEquals("gaussian", c.actor());
    assertEquals(0, c.minibatchSize());
    assertEquals(List.of(8), c.with(List.of("hidden=[8]")).hidden());
    RunConfig run = new RunConfig(Map.of("model", "legs", "motions", "/data/kit \"walk\""), c);
    Path f = tmp.resolve("config.yaml");
    run.save(f);
    RunConfig back = RunConfig.load(f);
    assertEquals(run, back);
    assertTrue(run.toYaml().contains("# Adam learning rate of the policy"));
  }

  @Test
  void badValuesAndKeysAreBadInput() throws Exception {
    PpoConfig c = PpoConfig.laptop();
    assertTrue(
        assertThrows(BadInputException.class, () -> c.with(List.of("gama=0.9")))
            .getMessage()
            .contains("unknown setting"));
    assertThrows(BadInputException.class, () -> c.with(List.of("epochs=0")));
    assertThrows(BadInputException.class, () -> c.with(List.of("actor=beta")));
    assertThrows(
        BadInputException.class, () -> c.with(List.of("actor=lattice", "censored_actions=true")));
    assertThrows(BadInputException.class, () -> c.with(List.of("policy_lr=fast")));
    for (String notFinite :
        List.of(
            "policy_lr=.inf",
            "value_lr=.nan",
            "target_kl=.inf",
            "mirror_loss=.inf",
            "bound_loss=.nan",
            "adam_eps=.inf")) {
      assertThrows(BadInputException.class, () -> c.with(List.of(notFinite)), notFinite);
    }
    assertThrows(BadInputException.class, () -> c.with(List.of("no-equals-sign")));
    assertThrows(BadInputException.class, () -> PpoConfig.preset("huge"));
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, "ppo: [1, 2\n");
    assertTrue(
        assertThrows(BadInputException.class, () -> RunConfig.load(f))
            .getMessage()
            .contains("bad.yaml"));
    Files.writeString(f, "env: {}\nppo:\n  gamma: 0.9\n");
    assertTrue(
        assertThrows(BadInputException.class, () -> RunConfig.load(f))
            .getMessage()
            .contains("missing key"));
  }
}
