package kinesis.cluster;

/**
 * One job of an evaluation: its number, its item (a clip name, or empty for trials), its index in
 * the whole list (which seeds it) and the run's seed. A result payload is the job number followed
 * by the outcome in its {@link JobKind}'s layout.
 */
record EvalJob(int job, String item, int index, long seed) {
  byte[] encode() {
    return new Bytes.Out().i32(job).str(item).i32(index).i64(seed).bytes();
  }

  static EvalJob decode(byte[] b) {
    Bytes.In in = new Bytes.In(b);
    EvalJob j = new EvalJob(in.i32(), in.str(), in.i32(), in.i64());
    in.end();
    return j;
  }

  static <R> byte[] encodeResult(int job, JobKind<R> kind, R result) {
    Bytes.Out out = new Bytes.Out().i32(job);
    kind.write(out, result);
    return out.bytes();
  }

  /** The job number of a result payload. */
  static int resultJob(byte[] b) {
    return new Bytes.In(b).i32();
  }

  static <R> R decodeResult(byte[] b, JobKind<R> kind) {
    Bytes.In in = new Bytes.In(b);
    in.i32();
    R r = kind.read(in);
    in.end();
    return r;
  }
}
