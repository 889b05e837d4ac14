package kinesis.io;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PicklesTest {
  /**
   * pickle.dumps(OrderedDict(a=np.arange(3, dtype='<f4'), s=np.float64(2.5),
   * f=np.asfortranarray(np.arange(6, dtype='<i4').reshape(2, 3)), t=(1, 'x')), protocol=2) from
   * numpy 2.4: array bytes travel as _codecs.encode(latin-1 text), the Fortran array's state says
   * so.
   */
  static final String PROTOCOL2 =
      "800263636f6c6c656374696f6e730a4f726465726564446963740a710029527101285801000000617102636e756d70792e5f636f72652e6d756c746961727261790a5f7265636f6e7374727563740a7103636e756d70790a6e6461727261790a71044b00857105635f636f646563730a656e636f64650a7106580100000062710758060000006c6174696e31710886710952710a87710b52710c284b014b0385710d636e756d70790a64747970650a710e58020000006634710f8988877110527111284b0358010000003c71124e4e4e4affffffff4affffffff4b0074711362896806580d000000000000000000c2803f0000004071146808867115527116747117625801000000737118636e756d70792e5f636f72652e6d756c746961727261790a7363616c61720a7119680e58020000006638711a898887711b52711c284b0368124e4e4e4affffffff4affffffff4b0074711d62680658080000000000000000000440711e680886711f5271208671215271225801000000667123680368044b00857124680a877125527126284b014b024b03867127680e580200000069347128898887712952712a284b0368124e4e4e4affffffff4affffffff4b0074712b628868065818000000000000000300000001000000040000000200000005000000712c680886712d52712e74712f6258010000007471304b015801000000787131867132752e";

  /**
   * pickle.dumps(np.arange(6, dtype='<f8').reshape(2, 3), protocol=5):
   * numpy._core.numeric._frombuffer.
   */
  static final String PROTOCOL5 =
      "800595a6000000000000008c136e756d70792e5f636f72652e6e756d65726963948c0b5f66726f6d627566666572949394289630000000000000000000000000000000000000000000f03f0000000000000040000000000000084000000000000010400000000000001440948c056e756d7079948c0564747970659493948c02663894898887945294284b038c013c944e4e4e4affffffff4affffffff4b007494624b024b0386948c014394749452942e";

  @Test
  void numpyArraysScalarsAndOrderedDictsBecomeJavaValues() {
    for (String hex :
        List.of(
            PROTOCOL2,
            PROTOCOL2.replace(hex("numpy._core.multiarray"), hex("numpy.core.multiarray")))) {
      Map<?, ?> d = (Map<?, ?>) Pickles.load(HexFormat.of().parseHex(hex), "test");
      assertEquals(
          java.util.Set.of("a", "s", "f", "t"),
          d.keySet()); // Pyrolite does not keep the order of one SETITEMS batch
      NdArray a = (NdArray) d.get("a");
      assertEquals("f4", a.dtype());
      assertArrayEquals(new double[] {0, 1, 2}, a.toDoubles());
      assertEquals(2.5, ((NdArray) d.get("s")).scalar());
      NdArray f = (NdArray) d.get("f");
      assertArrayEquals(new int[] {2, 3}, f.shape());
      assertArrayEquals(
          new double[] {0, 1, 2, 3, 4, 5}, f.toDoubles(), "Fortran data returned in C order");
      assertArrayEquals(new Object[] {1, "x"}, (Object[]) d.get("t"));
    }
    NdArray b = (NdArray) Pickles.load(HexFormat.of().parseHex(PROTOCOL5), "test");
    assertArrayEquals(new int[] {2, 3}, b.shape());
    assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, b.toDoubles());
  }

  @Test
  void damagedPicklesAreBadInput() {
    byte[] all = HexFormat.of().parseHex(PROTOCOL2);
    String e =
        assertThrows(
                BadInputException.class,
                () -> Pickles.load(java.util.Arrays.copyOf(all, 200), "cut.pkl"))
            .getMessage();
    assertTrue(e.startsWith("cut.pkl: malformed or truncated pickle"), e);
    assertThrows(
        BadInputException.class,
        () -> Pickles.load(new byte[] {(byte) 0x80, 2, (byte) 0xff}, "junk.pkl"));
  }

  static String hex(String s) {
    return HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
