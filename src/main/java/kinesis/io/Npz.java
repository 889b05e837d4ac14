package kinesis.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} archives: a zip (stored or deflated, zip64 allowed) of {@code NAME.npy}
 * members. Arrays come back in archive order, keyed without the {@code .npy} suffix.
 */
public final class Npz {
  private Npz() {}

  /**
   * Reads every {@code .npy} member of an archive (other members, e.g. a {@code meta.json}, are
   * skipped); a bad archive or member is a {@link BadInputException}.
   */
  public static Map<String, NdArray> read(Path file) {
    Map<String, NdArray> out = new LinkedHashMap<>();
    readMembers(file)
        .forEach(
            (name, bytes) -> {
              if (name.endsWith(".npy"))
                out.put(name.substring(0, name.length() - 4), Npy.parse(bytes, file + ":" + name));
            });
    if (out.isEmpty()) throw new BadInputException(file, "archive holds no .npy arrays");
    return out;
  }

  /**
   * The raw members of a zip archive by name (arrays as {@code .npy} bytes, and any other member
   * such as a {@code meta.json}); a bad or empty archive is a {@link BadInputException}.
   */
  public static Map<String, byte[]> readMembers(Path file) {
    byte[] head = Npy.Io.readAll(file);
    if (head.length == 0) throw new BadInputException(file, "file is empty");
    if (head.length < 4 || head[0] != 'P' || head[1] != 'K')
      throw new BadInputException(file, "not an .npz (zip) file");
    Map<String, byte[]> out = new LinkedHashMap<>();
    // the central directory (at the end) lists the members: a truncated archive has none
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (e.isDirectory()) continue;
        try (InputStream in = zip.getInputStream(e)) {
          out.put(e.getName(), in.readAllBytes());
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new BadInputException(file, "truncated or corrupt zip archive: " + e.getMessage());
    }
    if (out.isEmpty()) throw new BadInputException(file, "archive holds no arrays");
    return out;
  }

  /** Writes arrays to an archive atomically, deflated or stored. */
  public static void write(Path file, Map<String, NdArray> arrays, boolean compress) {
    AtomicFiles.writeBytes(file, toBytes(arrays, compress));
  }

  /** The bytes of an archive holding {@code arrays}. */
  public static byte[] toBytes(Map<String, NdArray> arrays, boolean compress) {
    Map<String, byte[]> members = new LinkedHashMap<>();
    arrays.forEach((name, a) -> members.put(name + ".npy", Npy.toBytes(a)));
    return zip(members, compress);
  }

  /**
   * The bytes of a zip archive of raw members (deflated, or stored as {@code numpy.savez} does).
   */
  public static byte[] zip(Map<String, byte[]> members, boolean compress) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bos)) {
      for (Map.Entry<String, byte[]> a : members.entrySet()) {
        byte[] data = a.getValue();
        ZipEntry e = new ZipEntry(a.getKey());
        if (compress) {
          e.setMethod(ZipEntry.DEFLATED);
        } else {
          CRC32 crc = new CRC32();
          crc.update(data);
          e.setMethod(ZipEntry.STORED);
          e.setSize(data.length);
          e.setCompressedSize(data.length);
          e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bos.toByteArray();
  }
}
