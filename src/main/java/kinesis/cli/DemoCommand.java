package kinesis.cli;

import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.body.Catalogue;
import kinesis.body.Variant;
import kinesis.sim.SimData;
import picocli.CommandLine.Command;

/** {@code kinesis demo}: the main job. Loads each model, simulates it briefly and summarises. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Load each model, simulate one second with relaxed muscles, print a summary.")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    for (Variant v : Catalogue.ALL) {
      try (BodyModel body = BodyModel.load(v.name()); SimData d = body.sim.makeData()) {
        d.forward();
        double z0 = d.xpos.get(body.rootBody, 2);
        long t0 = System.nanoTime();
        int steps = (int) Math.round(1.0 / body.sim.timestep());
        for (int i = 0; i < steps; i++) d.step();
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf("%-10s %3d muscles  nq=%-3d nv=%-3d mass %.1f kg  pelvis height %.3f -> %.3f m after 1 s"
                + " with no muscle input  (%d steps in %.0f ms)%n",
            v.name(), body.muscleCount(), body.sim.nq, body.sim.nv, body.sim.totalMass(), z0,
            d.xpos.get(body.rootBody, 2), steps, ms);
      }
    }
    return 0;
  }
}
