package kinesis.motion.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.motion.Importers;
import kinesis.motion.JointPositionsImporter;
import kinesis.motion.SkeletonMapping;
import kinesis.motion.SourceMotion;

/**
 * Route 1: motions a text-to-motion model already generated ({@link GeneratedMotions}); the sample
 * is picked by index or by the prompt, then imported like any HumanML3D joint file (retargeted,
 * resampled from {@code sourceFps} to 30 fps, initial poses solved).
 */
public record FileRoute(Path input, Integer index, double sourceFps) implements TextRoute {
  public static final String NAME = "files";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Reference reference(String prompt, Importers importers) {
    List<GeneratedMotion> all = GeneratedMotions.read(input);
    GeneratedMotions.Pick pick = GeneratedMotions.pick(all, prompt, index, input);
    GeneratedMotion g = pick.motion();
    SourceMotion raw =
        JointPositionsImporter.load(
            g.file(), g.joints(), sourceFps, SkeletonMapping.bundled("humanml3d-22"));
    Map<String, String> prov = new LinkedHashMap<>(raw.provenance());
    prov.put("t2m_text", g.text());
    prov.put("t2m_sample", Integer.toString(g.index()));
    SourceMotion src =
        new SourceMotion(
            raw.file(),
            raw.importer(),
            raw.mapping(),
            raw.fps(),
            raw.roles(),
            raw.rootQuat(),
            raw.toePitchDeg(),
            prov);
    String name =
        Importers.clipName(g.file())
            + (g.textSource().equals(GeneratedMotions.FROM_RESULTS) ? "-" + g.index() : "");
    Importers.Imported imp = importers.convert(src, name, null);
    Map<String, Object> material = new LinkedHashMap<>();
    material.put("file", g.file().toString());
    material.put("sample", g.index());
    material.put("text", g.text());
    material.put("text_from", g.textSource());
    material.put("chosen_by", index != null ? "index " + index : "text match");
    if (index == null) material.put("score", pick.score());
    material.put("source_frames", g.frames());
    material.put("source_fps", sourceFps);
    List<Map<String, Object>> candidates = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("index", i);
      c.put("file", all.get(i).file().getFileName().toString());
      c.put("sample", all.get(i).index());
      c.put("text", all.get(i).text());
      candidates.add(c);
    }
    return new Reference(imp.clip(), imp.ik(), NAME, material, candidates);
  }
}
