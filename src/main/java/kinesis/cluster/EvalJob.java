package kinesis.cluster;

import kinesis.eval.ClipOutcome;

/** One clip to evaluate: its name, its index in the whole list (which seeds it) and the run's seed; and its outcome. */
record EvalJob(int job, String clip, int index, long seed) {
  byte[] encode() {
    return new Bytes.Out().i32(job).str(clip).i32(index).i64(seed).bytes();
  }

  static EvalJob decode(byte[] b) {
    Bytes.In in = new Bytes.In(b);
    EvalJob j = new EvalJob(in.i32(), in.str(), in.i32(), in.i64());
    in.end();
    return j;
  }

  static byte[] encodeResult(int job, ClipOutcome o) {
    return new Bytes.Out().i32(job).str(o.clip()).str(o.skill()).i32(o.success() ? 1 : 0).f64(o.coverage()).f64(o.mpjpeMm())
        .i32(o.failureFrame()).i32(o.steps()).bytes();
  }

  /** The job number of a result payload. */
  static int resultJob(byte[] b) {
    return new Bytes.In(b).i32();
  }

  static ClipOutcome decodeResult(byte[] b) {
    Bytes.In in = new Bytes.In(b);
    in.i32();
    ClipOutcome o = new ClipOutcome(in.str(), in.str(), in.i32() != 0, in.f64(), in.f64(), in.i32(), in.i32());
    in.end();
    return o;
  }
}
