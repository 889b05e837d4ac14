package kinesis.rl.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kinesis.io.ProtoWriter;

/**
 * An ONNX computation graph being built (nodes in topological order, constant initialisers, typed
 * graph inputs and outputs) and its encoding as a {@code ModelProto} (field numbers of onnx.proto:
 * ModelProto ir_version 1, producer 2/3, doc 6, graph 7, opset_import 8, metadata 14; GraphProto
 * node 1, name 2, initializer 5, input 11, output 12; NodeProto input 1, output 2, name 3, op_type
 * 4, attribute 5; TensorProto dims 1, data_type 2, name 8, raw_data 9). Every node input must
 * already exist when the node is added, so a graph that builds is well-formed.
 */
public final class OnnxGraph {
  /** TensorProto.DataType values used here. */
  public static final int FLOAT = 1, INT64 = 7;

  private final List<ProtoWriter> nodes = new ArrayList<>(),
      initializers = new ArrayList<>(),
      inputs = new ArrayList<>(),
      outputs = new ArrayList<>();
  private final Set<String> defined = new HashSet<>();
  private long initializerBytes;

  /**
   * A graph input: element type and dimensions (Integer for fixed sizes, String for symbolic ones
   * such as "N").
   */
  public void input(String name, int elemType, Object... dims) {
    define(name);
    inputs.add(valueInfo(name, elemType, dims));
  }

  /** A graph output; it must be produced by a node already added. */
  public void output(String name, int elemType, Object... dims) {
    if (!defined.contains(name))
      throw new IllegalStateException("output " + name + " is not computed by the graph");
    outputs.add(valueInfo(name, elemType, dims));
  }

  /** A float32 constant of shape {@code dims} (no dims: a scalar). */
  public String floats(String name, float[] data, long... dims) {
    checkCount(name, data.length, dims);
    ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : data) b.putFloat(v);
    return initializer(name, FLOAT, b.array(), dims);
  }

  /** An int64 constant of shape {@code dims}. */
  public String longs(String name, long[] data, long... dims) {
    checkCount(name, data.length, dims);
    ByteBuffer b = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : data) b.putLong(v);
    return initializer(name, INT64, b.array(), dims);
  }

  /**
   * A node {@code op(inputs) → output} with attributes (Long/Integer → INT, Float → FLOAT, long[] →
   * INTS), written in name order so that the file is the same on every run; returns the output
   * name.
   */
  public String node(String op, String output, Map<String, Object> attributes, String... inputs) {
    for (String in : inputs)
      if (!defined.contains(in))
        throw new IllegalStateException(op + " reads " + in + " before it exists");
    define(output);
    ProtoWriter n = new ProtoWriter();
    for (String in : inputs) n.string(1, in);
    n.string(2, output).string(3, output).string(4, op);
    for (var a : new java.util.TreeMap<>(attributes).entrySet())
      n.message(5, attribute(a.getKey(), a.getValue()));
    nodes.add(n);
    return output;
  }

  /** {@link #node} without attributes. */
  public String node(String op, String output, String... inputs) {
    return node(op, output, Map.of(), inputs);
  }

  /** True when a value of this name exists (input, constant or node output). */
  public boolean has(String name) {
    return defined.contains(name);
  }

  public int nodeCount() {
    return nodes.size();
  }

  /** Bytes of constant data (weights) in the graph. */
  public long initializerBytes() {
    return initializerBytes;
  }

  /**
   * The serialised ModelProto: this graph, one opset import of the default domain, and metadata.
   */
  public byte[] model(
      String graphName,
      long irVersion,
      long opset,
      String producerVersion,
      String doc,
      Map<String, String> metadata) {
    ProtoWriter g = new ProtoWriter();
    for (ProtoWriter n : nodes) g.message(1, n);
    g.string(2, graphName);
    for (ProtoWriter t : initializers) g.message(5, t);
    for (ProtoWriter i : inputs) g.message(11, i);
    for (ProtoWriter o : outputs) g.message(12, o);
    ProtoWriter m =
        new ProtoWriter()
            .varint(1, irVersion)
            .string(2, "kinesis")
            .string(3, producerVersion)
            .string(6, doc)
            .message(7, g);
    m.message(8, new ProtoWriter().string(1, "").varint(2, opset));
    for (var e : new LinkedHashMap<>(metadata).entrySet())
      m.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
    return m.toByteArray();
  }

  private void define(String name) {
    if (!defined.add(name)) throw new IllegalStateException("value " + name + " defined twice");
  }

  private String initializer(String name, int type, byte[] raw, long... dims) {
    define(name);
    ProtoWriter t = new ProtoWriter();
    for (long d : dims) t.varint(1, d);
    t.varint(2, type).string(8, name).bytes(9, raw);
    initializers.add(t);
    initializerBytes += raw.length;
    return name;
  }

  private static void checkCount(String name, int count, long... dims) {
    long n = 1;
    for (long d : dims) n *= d;
    if (n != count)
      throw new IllegalArgumentException(
          name + ": " + count + " values for shape " + java.util.Arrays.toString(dims));
  }

  private static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
    ProtoWriter shape = new ProtoWriter();
    for (Object d : dims) {
      ProtoWriter dim = new ProtoWriter();
      if (d instanceof Number v) dim.varint(1, v.longValue());
      else dim.string(2, d.toString());
      shape.message(1, dim);
    }
    ProtoWriter tensor = new ProtoWriter().varint(1, elemType).message(2, shape);
    return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
  }

  // AttributeProto: name 1, f 2, i 3, ints 8, type 20 (FLOAT 1, INT 2, INTS 7)
  private static ProtoWriter attribute(String name, Object value) {
    ProtoWriter a = new ProtoWriter().string(1, name);
    switch (value) {
      case Float f -> a.float32(2, f).varint(20, 1);
      case Integer i -> a.varint(3, i).varint(20, 2);
      case Long l -> a.varint(3, l).varint(20, 2);
      case long[] ls -> {
        for (long l : ls) a.varint(8, l);
        a.varint(20, 7);
      }
      default ->
          throw new IllegalArgumentException("attribute " + name + ": unsupported value " + value);
    }
    return a;
  }
}
