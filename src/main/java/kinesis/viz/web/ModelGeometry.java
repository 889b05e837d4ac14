package kinesis.viz.web;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.sim.DoubleView;
import kinesis.sim.IntView;
import kinesis.sim.MjLayout;
import kinesis.sim.ObjType;
import kinesis.sim.SimModel;

/**
 * The static part of a model's picture, sent once per model: the visible geoms (MuJoCo's default
 * groups 0–2; the floor plane and wrapping objects are left out) in their body frames, and the
 * triangle meshes they use. {@code meta} is JSON-ready; {@code data} holds, per mesh, its float32
 * vertices (x, y, z in the geom frame) followed by its uint32 triangle indices, little-endian.
 */
public record ModelGeometry(Map<String, Object> meta, byte[] data) {
  /** MuJoCo geom types ({@code mjtGeom}). */
  static final int PLANE = 0, MESH = 7;

  /** Geom groups at or above this are hidden (as in MuJoCo's viewer default). */
  static final int FIRST_HIDDEN_GROUP = 3;

  /** Reads the visible geoms and their meshes out of a loaded model. */
  public static ModelGeometry of(BodyModel body) {
    SimModel m = body.sim;
    Map<Integer, Integer> meshIndex = new LinkedHashMap<>();
    List<Map<String, Object>> geoms = visibleGeoms(m, meshIndex);
    Binary bin = new Binary();
    List<Map<String, Object>> meshes = meshes(m, meshIndex.keySet(), bin);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("model", body.variant.name());
    meta.put("bodies", body.bodies);
    meta.put("bodyParents", bodyParents(m));
    meta.put("geoms", geoms);
    meta.put("meshes", meshes);
    meta.put("bytes", bin.size());
    return new ModelGeometry(meta, bin.toBytes());
  }

  /**
   * The visible geoms; the meshes they use are numbered densely in order of first use into {@code
   * meshIndex}.
   */
  private static List<Map<String, Object>> visibleGeoms(
      SimModel m, Map<Integer, Integer> meshIndex) {
    IntView type = m.geomType(), bodyId = m.geomBodyId();
    IntView group = m.ints(MjLayout.M_geom_group, m.ngeom, 1);
    IntView dataId = m.ints(MjLayout.M_geom_dataid, m.ngeom, 1);
    IntView matId = m.ints(MjLayout.M_geom_matid, m.ngeom, 1);
    DoubleView size = m.geomSize();
    DoubleView pos = m.doubles(MjLayout.M_geom_pos, m.ngeom, 3);
    DoubleView quat = m.doubles(MjLayout.M_geom_quat, m.ngeom, 4);
    int nmesh = m.names(ObjType.MESH).size();
    int nmat = (int) m.pointer().get(java.lang.foreign.ValueLayout.JAVA_LONG, MjLayout.M_nmat);
    MemorySegment geomRgba = floats(m, MjLayout.M_geom_rgba, 4L * m.ngeom);
    MemorySegment matRgba = floats(m, MjLayout.M_mat_rgba, 4L * nmat);
    List<Map<String, Object>> geoms = new ArrayList<>();
    for (int g = 0; g < m.ngeom; g++) {
      if (type.get(g) == PLANE || group.get(g) >= FIRST_HIDDEN_GROUP || bodyId.get(g) == 0)
        continue;
      MemorySegment rgba =
          matId.get(g) >= 0
              ? matRgba.asSlice(16L * matId.get(g), 16)
              : geomRgba.asSlice(16L * g, 16);
      Map<String, Object> geom = new LinkedHashMap<>();
      geom.put("name", m.name(ObjType.GEOM, g));
      geom.put("body", bodyId.get(g) - 1); // index into the frames' body list (world left out)
      geom.put("type", type.get(g));
      geom.put("group", group.get(g));
      geom.put("size", row(size, g));
      geom.put("pos", row(pos, g));
      geom.put("quat", row(quat, g));
      geom.put("rgba", rgba.toArray(JAVA_FLOAT));
      if (type.get(g) == MESH && dataId.get(g) >= 0 && dataId.get(g) < nmesh) {
        geom.put("mesh", meshIndex.computeIfAbsent(dataId.get(g), k -> meshIndex.size()));
      }
      geoms.add(geom);
    }
    return geoms;
  }

  /**
   * The vertices and faces of the meshes {@code ids}, packed into {@code bin} one mesh after
   * another.
   */
  private static List<Map<String, Object>> meshes(
      SimModel m, java.util.Collection<Integer> ids, Binary bin) {
    int nmesh = m.names(ObjType.MESH).size();
    IntView vertAdr = m.ints(MjLayout.M_mesh_vertadr, nmesh, 1),
        vertNum = m.ints(MjLayout.M_mesh_vertnum, nmesh, 1);
    IntView faceAdr = m.ints(MjLayout.M_mesh_faceadr, nmesh, 1),
        faceNum = m.ints(MjLayout.M_mesh_facenum, nmesh, 1);
    long totalVert = nmesh == 0 ? 0 : vertAdr.get(nmesh - 1) + (long) vertNum.get(nmesh - 1);
    long totalFace = nmesh == 0 ? 0 : faceAdr.get(nmesh - 1) + (long) faceNum.get(nmesh - 1);
    MemorySegment verts = floats(m, MjLayout.M_mesh_vert, 3 * totalVert);
    MemorySegment faces =
        nmesh == 0
            ? MemorySegment.NULL
            : m.pointer().get(ADDRESS, MjLayout.M_mesh_face).reinterpret(4L * 3 * totalFace);
    List<Map<String, Object>> meshes = new ArrayList<>();
    for (int id : ids) {
      int nv = vertNum.get(id), nf = faceNum.get(id);
      Map<String, Object> mesh = new LinkedHashMap<>();
      mesh.put("name", m.name(ObjType.MESH, id));
      mesh.put(
          "vertices",
          bin.floats(verts.asSlice(12L * vertAdr.get(id), 12L * nv).toArray(JAVA_FLOAT), nv, 3));
      mesh.put(
          "faces",
          bin.ints(faces.asSlice(12L * faceAdr.get(id), 12L * nf).toArray(JAVA_INT), nf, 3));
      meshes.add(mesh);
    }
    return meshes;
  }

  // parent of each body in the frames' body list (-1 for children of the world)
  private static int[] bodyParents(SimModel m) {
    IntView parent = m.bodyParentId();
    int[] out = new int[m.nbody - 1];
    for (int b = 1; b < m.nbody; b++) out[b - 1] = parent.get(b) - 1;
    return out;
  }

  private static double[] row(DoubleView v, int r) {
    double[] out = new double[v.cols];
    for (int c = 0; c < v.cols; c++) out[c] = v.get(r, c);
    return out;
  }

  // a model float array (not covered by SimModel's double/int views)
  private static MemorySegment floats(SimModel m, long fieldOffset, long count) {
    if (count == 0) return MemorySegment.NULL;
    return m.pointer().get(ADDRESS, fieldOffset).reinterpret(4L * count);
  }
}
