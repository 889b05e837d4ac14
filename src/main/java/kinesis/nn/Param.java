package kinesis.nn;

/** A named trainable tensor (flat float32) and its gradient of the same length. */
public final class Param {
  public final String name;
  public final float[] value;
  public final float[] grad;

  public Param(String name, int size) {
    this.name = name;
    this.value = new float[size];
    this.grad = new float[size];
  }

  public int size() {
    return value.length;
  }
}
