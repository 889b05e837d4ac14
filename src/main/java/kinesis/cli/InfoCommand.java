package kinesis.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.sim.MuJoCo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kinesis info --model NAME}: what a model variant contains and which MuJoCo runs it. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Muscles, degrees of freedom, bodies, tracked bodies, mass and MuJoCo version of a model.")
final class InfoCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      defaultValue = "legs",
      description = "legs | legs-abs | legs-back (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (BodyModel body = BodyModel.load(model)) {
      Map<String, Object> r = describe(body);
      if (json) {
        System.out.println(kinesis.io.Json.write(r));
      } else {
        System.out.printf("model           %s  (%s)%n", model, body.variant.description());
        System.out.printf("file            %s%n", body.file);
        System.out.printf("muscles         %d%n", body.muscleCount());
        System.out.printf("nq / nv         %d / %d%n", body.sim.nq, body.sim.nv);
        System.out.printf(
            "bodies          %d: %s%n", body.bodies.size(), String.join(", ", body.bodies));
        System.out.printf("tracked bodies  %s%n", String.join(", ", body.variant.tracked()));
        System.out.printf("mass            %.3f kg%n", body.sim.totalMass());
        System.out.printf(
            "timestep        %.6f s (%d substeps per action)%n",
            body.sim.timestep(), kinesis.body.Catalogue.SUBSTEPS);
        System.out.printf(
            "MuJoCo          %s  (%s)%n", MuJoCo.versionString(), MuJoCo.libraryPath());
      }
    }
    return 0;
  }

  static Map<String, Object> describe(BodyModel body) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", body.variant.name());
    r.put("file", body.file.toAbsolutePath().normalize().toString());
    r.put("muscles", body.muscleCount());
    r.put("muscle_names", body.muscles);
    r.put("nq", body.sim.nq);
    r.put("nv", body.sim.nv);
    r.put("nu", body.sim.nu);
    r.put("bodies", body.bodies);
    r.put("tracked_bodies", body.variant.tracked());
    r.put("touch_sensors", body.variant.touchSensors());
    r.put("mass_kg", body.sim.totalMass());
    r.put("timestep", body.sim.timestep());
    r.put("substeps", kinesis.body.Catalogue.SUBSTEPS);
    r.put("mujoco_version", MuJoCo.versionString());
    r.put("mujoco_library", MuJoCo.libraryPath().toString());
    r.put("mujoco_include", MuJoCo.includeDir().toString());
    return r;
  }
}
