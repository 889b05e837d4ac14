package kinesis.viz.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import org.junit.jupiter.api.Test;

class ModelGeometryTest {
  @Test
  @SuppressWarnings("unchecked")
  void legsHaveBoneMeshesAndNoFloorOrWrappingGeoms() {
    try (BodyModel legs = BodyModel.load("legs")) {
      ModelGeometry g = ModelGeometry.of(legs);
      List<Map<String, Object>> geoms = (List<Map<String, Object>>) g.meta().get("geoms");
      List<Map<String, Object>> meshes = (List<Map<String, Object>>) g.meta().get("meshes");
      assertEquals(18, meshes.size());
      // 90 geoms: 1 floor plane and 40 wrapping objects (group 3) are left out
      assertEquals(49, geoms.size());
      for (Map<String, Object> geom : geoms) {
        assertNotEquals(ModelGeometry.PLANE, geom.get("type"));
        assertTrue((int) geom.get("group") < ModelGeometry.FIRST_HIDDEN_GROUP);
        int body = (int) geom.get("body");
        assertTrue(body >= 0 && body < legs.bodies.size());
      }
      ByteBuffer b = ByteBuffer.wrap(g.data()).order(ByteOrder.LITTLE_ENDIAN);
      for (Map<String, Object> mesh : meshes) {
        Map<String, Object> v = (Map<String, Object>) mesh.get("vertices"),
            f = (Map<String, Object>) mesh.get("faces");
        int nv = (int) v.get("rows"), nf = (int) f.get("rows"), off = (int) f.get("offset");
        assertTrue(nv > 3 && nf > 1, mesh.get("name") + "");
        for (int i = 0; i < 3 * nf; i++) {
          int idx = b.getInt(off + 4 * i);
          assertTrue(idx >= 0 && idx < nv, mesh.get("name") + " face index " + idx + " of " + nv);
        }
        // bone vertices are within a metre of their geom frame (metres, not millimetres)
        int voff = (int) v.get("offset");
        for (int i = 0; i < 3 * nv; i++) assertTrue(Math.abs(b.getFloat(voff + 4 * i)) < 1.0);
      }
    }
  }
}
