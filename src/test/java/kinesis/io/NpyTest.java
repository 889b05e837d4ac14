package kinesis.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir Path tmp;

  @Test
  void roundTripsEveryDtype() {
    NdArray[] arrays = {
      NdArray.of(new double[] {1.5, -2, 3, 4, 5, 6}, 2, 3),
      NdArray.ofFloats(new float[] {1.25f, 2}, 2),
      NdArray.ofInts(new int[] {-7, 8, 9}, 3, 1),
      NdArray.ofLongs(new long[] {Long.MAX_VALUE}, new int[0]),
      NdArray.ofBools(new boolean[] {true, false, true}, 3),
      NdArray.ofBytes(new byte[] {(byte) 255, 0}, 2),
      NdArray.ofStrings(new String[] {"Pelvis", "L_Knee", "ü"}, 3)
    };
    for (NdArray a : arrays) {
      NdArray b = Npy.parse(Npy.toBytes(a), "mem");
      assertEquals(a.dtype(), b.dtype());
      assertArrayEquals(a.shape(), b.shape());
      assertTrue(java.util.Objects.deepEquals(a.data(), b.data()), a.toString());
    }
    assertEquals(255, NdArray.ofBytes(new byte[] {(byte) 255}, 1).scalar());
  }

  @Test
  void headerIsPaddedTo64BytesAndVersion1() {
    byte[] b = Npy.toBytes(NdArray.of(new double[] {1, 2, 3}, 3));
    assertEquals(1, b[6]);
    int headerLen = ByteBuffer.wrap(b, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    assertEquals(0, (10 + headerLen) % 64);
    String header = new String(b, 10, headerLen, StandardCharsets.ISO_8859_1);
    assertTrue(
        header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"), header);
  }

  @Test
  void readsFortranOrderAndBigEndianAndVersion2() {
    // a 2×3 array [[1,2,3],[4,5,6]] stored column-major, big-endian int32, format version 2
    String dict = "{'descr': '>i4', 'fortran_order': True, 'shape': (2, 3), }";
    byte[] h =
        (dict + " ".repeat(64 - (12 + dict.length() + 1) % 64) + "\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer buf = ByteBuffer.allocate(12 + h.length + 24).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(h.length).put(h);
    buf.order(ByteOrder.BIG_ENDIAN);
    for (int v : new int[] {1, 4, 2, 5, 3, 6}) buf.putInt(v);
    NdArray a = Npy.parse(buf.array(), "f.npy");
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, (int[]) a.data());
  }

  @Test
  void readsNumpyWrittenFile() {
    // a float32 (196, 22, 3) array written by numpy; the pelvis starts at (0, 0.9296576, 0)
    NdArray a =
        Npy.read(
            Assets.resolve(
                "data/text/t2m-samples/mdm/running_in_circle_sample0_joints_T22x3_float32.npy"));
    assertEquals("f4", a.dtype());
    assertArrayEquals(new int[] {196, 22, 3}, a.shape());
    assertEquals(0.9296576, a.toDoubles()[1], 1e-7);
  }

  @Test
  void badFilesNameTheFileAndProblem() throws Exception {
    byte[] good = Npy.toBytes(NdArray.of(new double[] {1, 2, 3, 4}, 4));
    Path empty = write("empty.npy", new byte[0]);
    Path magic = write("magic.npy", "hello world, not numpy".getBytes(UTF_8));
    Path truncated = write("trunc.npy", Arrays.copyOf(good, good.length - 5));
    byte[] obj = Npy.toBytes(NdArray.of(new double[] {1}, 1));
    String s = new String(obj, StandardCharsets.ISO_8859_1).replace("<f8", "|O8");
    Path object = write("object.npy", s.getBytes(StandardCharsets.ISO_8859_1));
    Path malformed =
        write(
            "malformed.npy",
            new String(good, StandardCharsets.ISO_8859_1)
                .replace("'shape': (4,)", "'shape': [4;]")
                .getBytes(StandardCharsets.ISO_8859_1));
    assertProblem(empty, "empty");
    assertProblem(magic, "magic");
    assertProblem(truncated, "truncated");
    assertProblem(object, "holds pickled Python objects");
    assertProblem(malformed, "malformed header");
    assertProblem(tmp.resolve("missing.npy"), "not found");
    // a header full of NUL bytes and newlines is reported on one short line
    Path noisy =
        write(
            "noisy.npy",
            new String(good, StandardCharsets.ISO_8859_1)
                .replace("'shape': (4,)", "'shape'\n\0\0\0\0: x")
                .getBytes(StandardCharsets.ISO_8859_1));
    BadInputException e = assertThrows(BadInputException.class, () -> Npy.read(noisy));
    assertTrue(
        e.getMessage().lines().count() == 1 && e.getMessage().indexOf('\0') < 0, e.getMessage());
    assertTrue(e.getMessage().length() < noisy.toString().length() + 200, e.getMessage());
  }

  private void assertProblem(Path file, String words) {
    BadInputException e = assertThrows(BadInputException.class, () -> Npy.read(file));
    assertTrue(
        e.getMessage().contains(file.toString()) && e.getMessage().contains(words), e.getMessage());
  }

  private Path write(String name, byte[] b) throws Exception {
    Path p = tmp.resolve(name);
    Files.write(p, b);
    return p;
  }
}
