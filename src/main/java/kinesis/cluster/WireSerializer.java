package kinesis.cluster;

import java.io.NotSerializableException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serialiser of {@link Wire.Message}s: fixed binary layouts (no Java serialisation, which
 * Pekko leaves off); the bulk data inside {@link Wire.Part}s are raw bytes written by {@link
 * Bytes}.
 */
public final class WireSerializer extends SerializerWithStringManifest {
  private final ActorRefResolver refs;

  public WireSerializer(ExtendedActorSystem system) {
    refs = ActorRefResolver.get(Adapter.toTyped(system));
  }

  @Override
  public int identifier() {
    return 0x4B4E5331; // "KNS1"
  }

  @Override
  public String manifest(Object o) {
    return switch (o) {
      case Wire.Hello h -> "H";
      case Wire.Challenge c -> "C";
      case Wire.Proof p -> "P";
      case Wire.Welcome w -> "W";
      case Wire.Refused r -> "R";
      case Wire.Part p -> "X";
      default -> throw new IllegalArgumentException("not a wire message: " + o.getClass());
    };
  }

  @Override
  public byte[] toBinary(Object o) {
    Bytes.Out out = new Bytes.Out();
    switch (o) {
      case Wire.Hello h ->
          out.str(refs.toSerializationFormat(h.worker())).str(h.name()).i32(h.cores());
      case Wire.Challenge c -> out.str(refs.toSerializationFormat(c.coordinator())).raw(c.nonce());
      case Wire.Proof p -> out.str(refs.toSerializationFormat(p.worker())).raw(p.mac());
      case Wire.Welcome w -> out.i32(w.workerId()).i64(w.session()).raw(w.setup());
      case Wire.Refused r -> out.str(r.reason());
      case Wire.Part p ->
          out.i32(p.workerId())
              .i64(p.session())
              .i32(p.kind())
              .i64(p.id())
              .i32(p.index())
              .i32(p.count())
              .raw(p.data());
      default -> throw new IllegalArgumentException("not a wire message: " + o.getClass());
    }
    return out.bytes();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    Bytes.In in = new Bytes.In(bytes);
    Object m =
        switch (manifest) {
          case "H" -> new Wire.Hello(ref(in.str()), in.str(), in.i32());
          case "C" -> new Wire.Challenge(ref(in.str()), in.raw());
          case "P" -> new Wire.Proof(ref(in.str()), in.raw());
          case "W" -> new Wire.Welcome(in.i32(), in.i64(), in.raw());
          case "R" -> new Wire.Refused(in.str());
          case "X" ->
              new Wire.Part(in.i32(), in.i64(), in.i32(), in.i64(), in.i32(), in.i32(), in.raw());
          default -> throw new NotSerializableException("unknown manifest " + manifest);
        };
    in.end();
    return m;
  }

  private <T> ActorRef<T> ref(String s) {
    return refs.resolveActorRef(s);
  }
}
