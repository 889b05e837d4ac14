package kinesis.rl.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs an ONNX model with ONNX Runtime (one thread) on a batch of observations; test helper. */
final class OnnxRunner implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;

  OnnxRunner(byte[] model) throws OrtException {
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(1);
      o.setInterOpNumThreads(1);
      session = env.createSession(model, o);
    }
  }

  List<String> inputs() {
    return List.copyOf(session.getInputNames());
  }

  List<String> outputs() {
    return List.copyOf(session.getOutputNames());
  }

  /**
   * Every output for {@code rows} observations of width {@code dim}: float[][] or long[] values by
   * name.
   */
  Map<String, Object> run(float[] obs, int rows, int dim) throws OrtException {
    Map<String, Object> out = new LinkedHashMap<>();
    try (OnnxTensor t =
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(obs, 0, rows * dim), new long[] {rows, dim});
        OrtSession.Result r = session.run(Map.of(PolicyOnnx.OBSERVATION, t))) {
      for (var e : r) out.put(e.getKey(), e.getValue().getValue());
    }
    return out;
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
