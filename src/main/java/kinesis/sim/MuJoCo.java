package kinesis.sim;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The official MuJoCo library, bound with the Foreign Function & Memory API. Loaded once by
 * absolute path from the cache the launcher fills ({@code -Dkinesis.mujoco.dir}); refuses a library
 * whose {@code mj_version()} differs from the headers {@link MjLayout} was generated from.
 */
public final class MuJoCo {
  private MuJoCo() {}

  static final Linker LINKER = Linker.nativeLinker();
  static final Path LIBRARY = locate();
  static final SymbolLookup LIB = SymbolLookup.libraryLookup(LIBRARY, Arena.global());

  static final MethodHandle mj_version = fn("mj_version", FunctionDescriptor.of(JAVA_INT));
  static final MethodHandle mj_loadXML =
      fn("mj_loadXML", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
  static final MethodHandle mj_parseXMLString =
      fn("mj_parseXMLString", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
  static final MethodHandle mj_compile =
      fn("mj_compile", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
  static final MethodHandle mjs_getError =
      fn("mjs_getError", FunctionDescriptor.of(ADDRESS, ADDRESS));
  static final MethodHandle mj_deleteSpec = fn("mj_deleteSpec", FunctionDescriptor.ofVoid(ADDRESS));
  static final MethodHandle mj_deleteModel =
      fn("mj_deleteModel", FunctionDescriptor.ofVoid(ADDRESS));
  static final MethodHandle mj_makeData =
      fn("mj_makeData", FunctionDescriptor.of(ADDRESS, ADDRESS));
  static final MethodHandle mj_deleteData = fn("mj_deleteData", FunctionDescriptor.ofVoid(ADDRESS));
  static final MethodHandle mj_resetData =
      fn("mj_resetData", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
  static final MethodHandle mj_copyData =
      fn("mj_copyData", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
  static final MethodHandle mj_step = fn("mj_step", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
  static final MethodHandle mj_forward =
      fn("mj_forward", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
  static final MethodHandle mj_kinematics =
      fn("mj_kinematics", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
  static final MethodHandle mj_fwdPosition =
      fn("mj_fwdPosition", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
  static final MethodHandle mj_comPos =
      fn("mj_comPos", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
  static final MethodHandle mj_inverse =
      fn("mj_inverse", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
  static final MethodHandle mj_name2id =
      fn("mj_name2id", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
  static final MethodHandle mj_id2name =
      fn("mj_id2name", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
  static final MethodHandle mj_jacBody =
      fn("mj_jacBody", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
  static final MethodHandle mj_objectVelocity =
      fn(
          "mj_objectVelocity",
          FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  static final MethodHandle mj_contactForce =
      fn("mj_contactForce", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
  static final MethodHandle mj_stateSize =
      fn("mj_stateSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  static final MethodHandle mj_getState =
      fn("mj_getState", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
  static final MethodHandle mj_setState =
      fn("mj_setState", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
  static final MethodHandle mju_muscleGain =
      fn(
          "mju_muscleGain",
          FunctionDescriptor.of(
              JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE, ADDRESS, JAVA_DOUBLE, ADDRESS));
  static final MethodHandle mju_muscleBias =
      fn(
          "mju_muscleBias",
          FunctionDescriptor.of(JAVA_DOUBLE, JAVA_DOUBLE, ADDRESS, JAVA_DOUBLE, ADDRESS));

  /** Number of MuJoCo warnings raised in this process (all models and threads). */
  private static final AtomicLong WARNINGS = new AtomicLong();

  private static volatile String lastWarning = "";

  static {
    int version = version();
    if (version != MjLayout.MJ_VERSION) {
      throw new IllegalStateException(
          "MuJoCo library "
              + LIBRARY
              + " reports version "
              + version
              + " but the binding was generated from headers of version "
              + MjLayout.MJ_VERSION
              + "; rebuild against the same MuJoCo (./kinesis rebuilds when the cache changes)");
    }
    installWarningHandler();
  }

  /** {@code mj_version()} of the loaded library, e.g. 3014000. */
  public static int version() {
    try {
      return (int) mj_version.invokeExact();
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Human-readable version, e.g. "3.14.0". */
  public static String versionString() {
    int v = version();
    return (v / 1000000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
  }

  /** Absolute path of the loaded shared library. */
  public static Path libraryPath() {
    return LIBRARY;
  }

  /** Directory of the MuJoCo headers the binding was generated from. */
  public static Path includeDir() {
    return LIBRARY.getParent().resolveSibling("include");
  }

  /** Total MuJoCo warnings reported through the warning callback so far. */
  public static long warningCount() {
    return WARNINGS.get();
  }

  /** Text of the most recent MuJoCo warning ("" if none). */
  public static String lastWarning() {
    return lastWarning;
  }

  private static Path locate() {
    String dir = System.getProperty("kinesis.mujoco.dir");
    if (dir == null) dir = System.getenv("MUJOCO_DIR");
    if (dir == null) {
      throw new IllegalStateException(
          "MuJoCo location unknown: run through ./kinesis, or set -Dkinesis.mujoco.dir / MUJOCO_DIR");
    }
    for (Path p :
        new Path[] {
          Path.of(dir, "lib", "libmujoco.so.3.14.0"), Path.of(dir, "libmujoco.so.3.14.0")
        }) {
      if (Files.isRegularFile(p)) return p.toAbsolutePath();
    }
    throw new IllegalStateException("libmujoco.so.3.14.0 not found under " + dir);
  }

  private static MethodHandle fn(String name, FunctionDescriptor d) {
    MemorySegment sym =
        LIB.find(name)
            .orElseThrow(
                () -> new IllegalStateException("symbol " + name + " missing in " + LIBRARY));
    return LINKER.downcallHandle(sym, d);
  }

  // MuJoCo prints warnings to stdout and a log file by default; route them here instead.
  private static void installWarningHandler() {
    try {
      MethodHandle target =
          MethodHandles.lookup()
              .findStatic(
                  MuJoCo.class,
                  "onWarning",
                  MethodType.methodType(void.class, MemorySegment.class));
      MemorySegment stub =
          LINKER.upcallStub(target, FunctionDescriptor.ofVoid(ADDRESS), Arena.global());
      MemorySegment slot =
          LIB.find("mju_user_warning").orElseThrow().reinterpret(ADDRESS.byteSize());
      slot.set(ADDRESS, 0, stub);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  // called from MuJoCo through the upcall stub found by name above
  @SuppressWarnings("UnusedMethod")
  private static void onWarning(MemorySegment msg) {
    WARNINGS.incrementAndGet();
    lastWarning = msg.reinterpret(4096).getString(0);
  }

  /** Rethrows a Throwable from {@code invokeExact} as an unchecked exception. */
  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) return r;
    if (t instanceof Error e) throw e;
    return new IllegalStateException(t);
  }
}
