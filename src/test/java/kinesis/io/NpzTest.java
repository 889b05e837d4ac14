package kinesis.io;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
  @TempDir Path tmp;

  private static Map<String, NdArray> sample() {
    Map<String, NdArray> m = new LinkedHashMap<>();
    m.put("poses", NdArray.of(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, 2, 3));
    m.put("names", NdArray.ofStrings(new String[] {"a", "bc"}, 2));
    m.put("mocap_framerate", NdArray.of(new double[] {120}, new int[0]));
    return m;
  }

  @Test
  void roundTripsStoredAndDeflated() {
    for (boolean compress : new boolean[] {false, true}) {
      Path f = tmp.resolve("s" + compress + ".npz");
      Npz.write(f, sample(), compress);
      Map<String, NdArray> back = Npz.read(f);
      assertEquals(List.of("poses", "names", "mocap_framerate"), List.copyOf(back.keySet()));
      assertArrayEquals(
          (double[]) sample().get("poses").data(), (double[]) back.get("poses").data());
      assertArrayEquals(new String[] {"a", "bc"}, back.get("names").strings());
      assertEquals(120, back.get("mocap_framerate").scalar());
    }
  }

  @Test
  void readsNumpyArchive() {
    // LocoMuJoCo's mini dataset, written by numpy (zip64 members): 500 frames of q_/dq_ arrays
    Map<String, NdArray> m =
        Npz.read(Assets.resolve("data/motions/locomujoco-mini/02-constspeed_full_humanoid.npz"));
    NdArray tx = m.get("q_pelvis_tx");
    assertArrayEquals(new int[] {500}, tx.shape());
    assertEquals(4.88985289, tx.toDoubles()[0], 1e-8);
  }

  @Test
  void truncatedOrForeignArchivesAreBadInput() throws Exception {
    byte[] full = Npz.toBytes(sample(), true);
    Path cut = tmp.resolve("cut.npz");
    Files.write(cut, Arrays.copyOf(full, full.length / 2));
    Path text = tmp.resolve("text.npz");
    Files.writeString(text, "not a zip");
    for (Path p : List.of(cut, text)) {
      BadInputException e = assertThrows(BadInputException.class, () -> Npz.read(p));
      assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    }
  }
}
