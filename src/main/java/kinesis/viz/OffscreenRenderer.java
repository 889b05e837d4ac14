package kinesis.viz;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import kinesis.sim.SimData;
import kinesis.sim.SimModel;

/**
 * MuJoCo's own renderer, offscreen through EGL (surfaceless Mesa; no display). The GL context
 * belongs to one thread, so every call runs on this renderer's private thread.
 */
public final class OffscreenRenderer implements AutoCloseable {
  private static final Linker LINKER = Linker.nativeLinker();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "mujoco-render");
            t.setDaemon(true);
            return t;
          });
  private final SimModel model;
  private final int width, height;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment rgb, lookat, markers;
  private final MethodHandle render, free;
  private MemorySegment handle;

  /** Thrown where no GL context can be created (no EGL, no Mesa driver). */
  public static final class NoGlException extends RuntimeException {
    NoGlException(String msg) {
      super(msg);
    }
  }

  public OffscreenRenderer(SimModel model, int width, int height) {
    this.model = model;
    this.width = width;
    this.height = height;
    Path lib = Path.of(System.getProperty("kinesis.native.dir", "target/native"), "libmjrender.so");
    if (!Files.exists(lib)) {
      throw new NoGlException(
          "render shim "
              + lib
              + " was not built (EGL headers missing?): "
              + "apt-get install libegl-dev libgl-dev libegl-mesa0 libgl1-mesa-dri, then rebuild");
    }
    SymbolLookup look = SymbolLookup.libraryLookup(lib, arena);
    MethodHandle create =
        LINKER.downcallHandle(
            look.find("rs_create").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
    MethodHandle error =
        LINKER.downcallHandle(look.find("rs_error").orElseThrow(), FunctionDescriptor.of(ADDRESS));
    render =
        LINKER.downcallHandle(
            look.find("rs_render").orElseThrow(),
            FunctionDescriptor.ofVoid(
                ADDRESS,
                ADDRESS,
                ADDRESS,
                ADDRESS,
                JAVA_DOUBLE,
                JAVA_DOUBLE,
                JAVA_DOUBLE,
                ADDRESS,
                JAVA_INT,
                ADDRESS));
    free =
        LINKER.downcallHandle(
            look.find("rs_free").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS));
    rgb = arena.allocate((long) width * height * 3);
    lookat = arena.allocate(JAVA_DOUBLE, 3);
    markers = arena.allocate(JAVA_DOUBLE, 3 * 64);
    MemorySegment h =
        onThread(() -> (MemorySegment) create.invokeExact(model.pointer(), width, height));
    if (h.equals(MemorySegment.NULL)) {
      String why =
          onThread(() -> ((MemorySegment) error.invokeExact()).reinterpret(512).getString(0));
      close();
      throw new NoGlException(
          "cannot create an offscreen GL context: "
              + why
              + " (needs Mesa's EGL: apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri)");
    }
    handle = h;
  }

  /** A camera: what it looks at and from where (degrees). */
  public record Camera(double[] lookat, double distance, double azimuth, double elevation) {}

  /** Renders the state of {@code d} with optional red marker spheres (xyz triples). */
  public BufferedImage render(SimData d, Camera cam, double[] markerXyz) {
    int nmark = markerXyz == null ? 0 : Math.min(64, markerXyz.length / 3);
    MemorySegment.copy(cam.lookat(), 0, lookat, JAVA_DOUBLE, 0, 3);
    if (nmark > 0) MemorySegment.copy(markerXyz, 0, markers, JAVA_DOUBLE, 0, 3 * nmark);
    onThread(
        () -> {
          render.invokeExact(
              handle,
              model.pointer(),
              d.pointer(),
              lookat,
              cam.distance(),
              cam.azimuth(),
              cam.elevation(),
              markers,
              nmark,
              rgb);
          return null;
        });
    return toImage();
  }

  // MuJoCo returns rows bottom-up
  private BufferedImage toImage() {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    byte[] px = rgb.toArray(ValueLayout.JAVA_BYTE);
    for (int y = 0; y < height; y++) {
      int src = (height - 1 - y) * width * 3;
      for (int x = 0; x < width; x++, src += 3) {
        img.setRGB(x, y, (px[src] & 0xff) << 16 | (px[src + 1] & 0xff) << 8 | (px[src + 2] & 0xff));
      }
    }
    return img;
  }

  /** A native call that may throw anything ({@code invokeExact} declares Throwable). */
  private interface NativeCall<T> {
    T call() throws Throwable;
  }

  private <T> T onThread(NativeCall<T> task) {
    try {
      return thread
          .submit(
              () -> {
                try {
                  return task.call();
                } catch (Exception e) {
                  throw e;
                } catch (Throwable t) {
                  throw new RuntimeException(t);
                }
              })
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    if (handle != null) {
      MemorySegment h = handle;
      handle = null;
      onThread(
          () -> {
            free.invokeExact(h);
            return null;
          });
    }
    thread.shutdown();
  }
}
